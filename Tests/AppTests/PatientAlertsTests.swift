import Foundation
import SQLKit
import ReliefCore
import Testing
@testable import App

/// The banner of every patient page agrees with the chart: every open alert of every kind, worst first.
@Suite struct PatientAlertsTests {
    @Test(arguments: TestDatabase.available)
    func theBannerCountsEveryOpenAlertWorstFirstOnEveryPatientPage(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let quiet = try await context.makePatient([.familyName: "Quiet", .givenName: "Ada"])
            let physician = try await context.signedIn(.physician)
            let api = try await APIClient.make(physician)
            let base = "/api/v1/patients/\(patient.id)"
            _ = try await api.send(.POST, base + "/medications", .object(["fields": .object([
                "drug": "oxycodone", "strength": 10, "unit": "mg", "unitsPerDose": 1, "frequency": "q6h", "route": "oral", "status": "active"])]))
            _ = try await api.send(.POST, base + "/medications", .object(["fields": .object([
                "drug": "alprazolam", "strength": 0.5, "unit": "mg", "frequency": "bid", "status": "active"])]))
            _ = try await api.send(.POST, base + "/questionnaire-responses", .object(["questionnaire": "phq-9", "fields": .object(
                Dictionary(uniqueKeysWithValues: (1...9).map { ("phq-9-\($0)", JSONValue.number($0 == 9 ? 1 : 0)) }))]))
            let emg = try await api.send(.POST, base + "/workup-orders", .object(["fields": .object(["test": "hba1c", "reason": "Diabetic before a steroid injection?"])]))
            try await context.app.db.sql.raw("UPDATE workup_orders SET ordered_on = '2026-10-01'").run()  // ordered 48 days ago
            let mri = try await api.send(.POST, base + "/workup-orders", .object(["fields": .object([
                "test": "mri", "region": "lumbar", "contrast": "without", "reason": "Stenosis?"])]))
            let resulted = try await api.send(.POST, base + "/workup-orders/\(try #require(mri.json["id"].string))/result",
                                              .object(["version": 1, "fields": .object(["report": "Mild stenosis L4-5.", "abnormal": true])]))
            let front = try await context.signedIn(.coordinator)
            // act
            let chart = try await physician.get(SitePath.patient(patient.id))
            let medications = try await physician.get(SitePath.patient(patient.id) + "/medications")
            let frontDesk = try await front.get(SitePath.patient(patient.id))
            let nothing = try await physician.get(SitePath.patient(quiet.id))
            // check
            #expect(emg.status == .created && resulted.status == .ok, "\(emg.json) \(resulted.json)")
            let banner = try #require(chart.text.section(from: "class=\"patient-banner\"", to: "</section>"))
            #expect(banner.contains("5 open alerts"))
            let order = ["Urgent: </span>PHQ-9", "Warning: </span>Daily opioid dose 60 MME", "Warning: </span>Opioid (Oxycodone",
                         "Warning: </span>HbA1c", "To do: </span>MRI lumbar spine"]
            let positions = order.map { banner.range(of: $0)?.lowerBound }
            #expect(positions.allSatisfy { $0 != nil }, "\(banner)")
            #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
            #expect(medications.text.section(from: "class=\"patient-banner\"", to: "</section>")?.contains("5 open alerts") == true)
            #expect(!frontDesk.text.contains("open alert") && !frontDesk.text.contains("No open alerts"))
            #expect(nothing.text.contains("class=\"alerts none\"><span>No open alerts</span>"))
        }
    }
}

extension String {
    /// The text from the first `start` to the `end` after it, both included; nil when either is missing.
    func section(from start: String, to end: String) -> String? {
        guard let from = range(of: start), let to = range(of: end, range: from.upperBound..<endIndex) else { return nil }
        return String(self[from.lowerBound..<to.upperBound])
    }
}
