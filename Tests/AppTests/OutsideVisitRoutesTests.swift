import Foundation
import Fluent
import ReliefCore
import Testing
import Vapor
import VaporTesting
@testable import App

/// Visits elsewhere: the front of the chart shows the latest, the list has them all, and FHIR serves them as
/// Encounters beside the practice's own.
@Suite struct OutsideVisitRoutesTests {
    @Test(arguments: TestDatabase.available)
    func aNurseRecordsAnEmergencyVisitAndFHIRServesIt(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let api = try await APIClient.make(try await context.signedIn(.physician))
            try await nurse.get(SitePath.newChartEntry(.outsideVisit)(patient.id))
            // act
            let missing = try await nurse.post(SitePath.chartEntries(.outsideVisit)(patient.id), pairs: [("what", "ER visit"), ("startOn", "")])
            var saved: [HTTPStatus] = []
            for (day, what) in [("09/01/2026", "Urgent care"), ("10/02/2026", "ER visit"), ("10/20/2026", "Orthopaedics"), ("11/03/2026", "Primary care")] {
                saved.append(try await nurse.post(SitePath.chartEntries(.outsideVisit)(patient.id), pairs: [
                    ("setting", what == "ER visit" ? "emergency" : "ambulatory"), ("what", what), ("startOn", day), ("reason", "Low back pain"),
                ]).status)
            }
            let chart = try await nurse.get(SitePath.patient(patient.id))
            let list = try await nurse.get(SitePath.chartEntries(.outsideVisit)(patient.id))
            let emergency = try await api.get("\(SitePath.fhirBase())/Encounter?patient=\(patient.id.lowercasedText)&class=EMER")
            // check
            #expect(missing.status == .unprocessableEntity && missing.text.contains("value=\"ER visit\""))
            #expect(saved == [.seeOther, .seeOther, .seeOther, .seeOther])
            #expect(chart.text.contains("Primary care") && !chart.text.contains("Urgent care") && chart.text.contains("The latest 3 of 4"))
            #expect(list.text.contains("Urgent care"))
            #expect(emergency.json["total"] == 1 && emergency.json["entry"][0]["resource"]["type"][0]["text"] == "ER visit", "\(emergency.json)")
        }
    }
}
