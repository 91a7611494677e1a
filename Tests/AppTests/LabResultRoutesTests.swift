import Foundation
import Fluent
import ReliefCore
import Testing
import Vapor
import VaporTesting
@testable import App

/// Laboratory results from elsewhere: typed from a faxed report (a wrong LOINC code sent back on its field), shown on
/// the chart, served as a US Core laboratory Observation searchable by its code.
@Suite struct LabResultRoutesTests {
    @Test(arguments: TestDatabase.available)
    func anINRFromElsewhereShowsOnTheChartAndAsFHIR(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let api = try await APIClient.make(try await context.signedIn(.physician))
            try await nurse.get(SitePath.newChartEntry(.labResult)(patient.id))
            let fields = [("test", "INR"), ("number", "1.3"), ("referenceRange", "0.8–1.2"), ("flag", "high"), ("resultedOn", "11/16/2026")]
            // act
            let wrongCode = try await nurse.post(SitePath.chartEntries(.labResult)(patient.id), pairs: fields + [("loinc", "6301-5")])
            let saved = try await nurse.post(SitePath.chartEntries(.labResult)(patient.id), pairs: fields + [("loinc", "6301-6")])
            let chart = try await nurse.get(SitePath.patient(patient.id))
            let found = try await api.get("\(SitePath.fhirBase())/Observation?patient=\(patient.id.lowercasedText)&category=laboratory&code=http://loinc.org|6301-6")
            // check
            #expect(wrongCode.status == .unprocessableEntity && wrongCode.text.contains("check digit") && wrongCode.text.contains("value=\"1.3\""))
            #expect(saved.status == .seeOther)
            #expect(chart.text.contains("INR") && chart.text.contains("0.8–1.2") && chart.text.contains("High"))
            #expect(found.json["total"] == 1 && found.json["entry"][0]["resource"]["valueQuantity"]["value"] == 1.3, "\(found.json)")
            #expect(found.json["entry"][0]["resource"]["interpretation"][0]["coding"][0]["code"] == "H")
        }
    }
}
