import Foundation
import SQLKit
import ReliefCore
import Testing
import VaporTesting
@testable import App

/// The practice's choices about shipped rules: the unconfirmed opioid-with-benzodiazepine alert and the work-up
/// deadlines, set by a physician with a version check and applied on the chart, the worklist and the API.
@Suite struct PracticeRuleSettingsTests {
    private let benzodiazepineAlert = "together with a benzodiazepine"

    @Test(arguments: TestDatabase.available)
    func aPhysicianTurnsOffTheBenzodiazepineAlertAndShortensTheDeadlines(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let physician = try await context.signedIn(.physician)
            let api = try await APIClient.make(physician)
            let medications = "/api/v1/patients/\(patient.id)/medications"
            _ = try await api.send(.POST, medications, .object(["fields": .object(["drug": "oxycodone", "strength": 10, "unit": "mg",
                                                                                  "frequency": "q6h", "status": "active"])]))
            _ = try await api.send(.POST, medications, .object(["fields": .object(["drug": "alprazolam", "strength": 0.5, "unit": "mg",
                                                                                  "frequency": "bid", "status": "active"])]))
            _ = try await api.send(.POST, "/api/v1/patients/\(patient.id)/workup-orders",
                                   .object(["fields": .object(["test": "hba1c", "reason": "Diabetes control before steroid"])]))
            // Ordered eight days ago (moving the clock would end the sessions).
            try await context.app.db.sql.raw("UPDATE workup_orders SET ordered_on = '2026-11-10'").run()
            let chartBefore = try await physician.get(SitePath.patient(patient.id))
            // act
            let form = try await physician.get(SitePath.clinicalSettings())
            let bad = try await physician.post(SitePath.clinicalRules(), pairs: [("version", "1"), ("workupOpenDays", "0"),
                                                                                (PracticeRules.alertField, "off")])
            let saved = try await physician.post(SitePath.clinicalRules(), pairs: [("version", "1"), ("workupOpenDays", "7"),
                                                                                  (PracticeRules.alertField, "off")])
            let stale = try await physician.post(SitePath.clinicalRules(), pairs: [("version", "1"), ("workupReviewDays", "5")])
            let chartAfter = try await physician.get(SitePath.patient(patient.id))
            let worklist = try await physician.get(SitePath.worklists())
            let alerts = try await api.get("/api/v1/patients/\(patient.id)/alerts")
            let list = try await api.get(medications)
            let orders = try await api.get("/api/v1/patients/\(patient.id)/workup-orders")
            let shown = try await physician.get(SitePath.clinicalSettings())
            // check
            #expect(chartBefore.text.contains(benzodiazepineAlert) && !chartBefore.text.contains("— overdue"))
            #expect(form.text.contains("verify against current guideline") && form.text.contains("Default 14."))
            #expect(bad.status == .unprocessableEntity && bad.text.contains("Enter a whole number from 1 to 365."))
            #expect(bad.text.contains("value=\"0\""), "the user's entry is kept")
            #expect(saved.status == .seeOther)
            #expect(stale.status == .conflict && stale.text.contains("value=\"5\""))
            #expect(!chartAfter.text.contains(benzodiazepineAlert) && chartAfter.text.contains("— overdue"))
            #expect(worklist.text.contains("overdue"))
            #expect(alerts.json["medication"].items.map { $0["kind"] } == ["mme-threshold"])
            #expect(list.json["summary"]["alerts"].count == 1)
            #expect(orders.json["orders"][0]["overdue"] == true)
            #expect(shown.text.contains("<option value=\"off\" selected>"))
            let audited = try await context.auditEvents(.settingsUpdate)
            #expect(audited.count == 1 && audited.first?.resourceID == PracticeSettings.rules)
        }
    }
}
