import Foundation
import ReliefCore
import Testing
import VaporTesting
@testable import App

/// The fee schedule and the cost estimate the front desk gives before the day.
@Suite struct CostEstimateRoutesTests {
    @Test(arguments: TestDatabase.available)
    func theFrontDeskEstimatesThePatientsShareFromFeesAndBenefits(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let insured = try await context.makePatient()
            let uninsured = try await context.makePatient([.familyName: "Uninsured"])
            let physician = try await context.signedIn(.physician)
            try await physician.get(SitePath.clinicalSettings())
            let badFee = try await physician.post(SitePath.feeSchedule(), pairs: [("version", "1"), ("fee-64483", "4OO")])
            let fees = try await physician.post(SitePath.feeSchedule(), pairs: [("version", "1"), ("fee-64483", "400"), ("fee-64484", "150.00")])
            let coordinator = try await context.signedIn(.coordinator)
            try await coordinator.get(SitePath.newChartEntry(.coverage)(insured.id))
            try await coordinator.post(SitePath.chartEntries(.coverage)(insured.id), pairs: [
                ("payerKind", "commercial"), ("payer", "Acme Health"), ("memberID", "AC123"), ("status", "active"), ("checkedOn", "11/10/2026"),
                ("deductibleRemaining", "300"), ("coinsurancePercent", "20"),
            ])
            let query = "?intervention=esi-transforaminal-lumbar&region=lumbar&levels=L4-L5,L5-S1&side=left"
            let api = try await APIClient.make(coordinator)
            // act
            let page = try await coordinator.get(SitePath.costEstimate(insured.id) + query)
            let json = try await api.get("/api/v1/patients/\(insured.id)/cost-estimate" + query)
            let none = try await api.get("/api/v1/patients/\(uninsured.id)/cost-estimate" + query)
            let therapy = try await api.get("/api/v1/patients/\(insured.id)/cost-estimate?intervention=physical-therapy&region=lumbar")
            let bad = try await coordinator.get(SitePath.costEstimate(insured.id) + "?intervention=esi-transforaminal-lumbar&region=lumbar&levels=L4-L9")
            // check
            #expect(badFee.status == .unprocessableEntity && badFee.text.contains("Enter an amount in dollars"))
            #expect(fees.status == .seeOther)
            #expect(page.status == .ok && page.text.contains("$350.00") && page.text.contains("Acme Health (primary), benefits checked 11/10/2026"))
            #expect(json.json["allowed"] == "550.00" && json.json["patient"] == "350.00" && json.json["payer"] == "200.00")
            #expect(json.json["basis"] == "benefits" && json.json["lines"].count == 2)
            #expect(none.json["basis"] == "no-coverage" && none.json["patient"] == .null && none.json["allowed"] == "550.00")
            #expect(therapy.status == .unprocessableEntity && therapy.json["fields"]["intervention"] == "Choose a procedure from the catalogue.")
            #expect(bad.status == .badRequest && bad.text.contains("is not a spinal level"))
            #expect(try await context.auditEvents(.settingsUpdate).first?.detail == #"{"64483":40000,"64484":15000}"#)
        }
    }
}
