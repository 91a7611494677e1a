import Fluent
import Foundation
import ReliefCore
import Testing
import VaporTesting
@testable import App

/// The opioid-safety panel on the chart and its page: overdue checks for a patient on opioids, steps recorded and
/// kept, drug screens read from the work-up.
@Suite struct OpioidSafetyRoutesTests {
    @Test(arguments: TestDatabase.available)
    func aPatientOnSeventyFiveMMEShowsWhatIsOverdueUntilEachStepIsRecorded(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: oxycodone 12.5 mg four times a day (75 MME/day)
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            let desk = try await context.signedIn(.coordinator)
            let medications = SitePath.chartEntries(.medication)(patient.id)
            try await nurse.get(medications + "/new")
            try await nurse.post(medications, pairs: [("drug", "oxycodone"), ("strength", "12.5"), ("unit", "mg"), ("frequency", "times-daily"),
                                                      ("frequencyCount", "4"), ("status", "active")])
            let panel = SitePath.opioidSafety(patient.id)
            // act
            let before = try await physician.get(SitePath.patient(patient.id))
            try await nurse.get(panel)
            let concernsWithoutNote = try await nurse.post(panel, pairs: [("kind", "pdmp-check"), ("recordedOn", "11/18/2026"), ("pdmpResult", "concerns")])
            for step in [[("kind", "agreement"), ("recordedOn", "11/18/2026")],
                         [("kind", "pdmp-check"), ("recordedOn", "11/18/2026"), ("pdmpResult", "consistent")],
                         [("kind", "naloxone"), ("recordedOn", "11/18/2026"), ("naloxone", "prescribed")]] {
                #expect(try await nurse.post(panel, pairs: step).status == .seeOther)
            }
            try await nurse.get(SitePath.newWorkupOrder(patient.id))
            let screen = try #require(try await nurse.post(SitePath.workup(patient.id), pairs: [("test", "urine-drug-screen"), ("reason", "Opioid therapy"),
                                                                                             ("priority", "routine")]).location)
            try await nurse.get(screen)
            let resulted = try await nurse.post(screen + "/result", pairs: [("version", "1"), ("report", "Oxycodone present, nothing else."), ("resultedOn", "11/18/2026")])
            let after = try await physician.get(SitePath.patient(patient.id))
            let page = try await physician.get(panel)
            let deskRecords = try await desk.post(panel, pairs: [("kind", "agreement"), ("recordedOn", "11/18/2026")])
            // check
            #expect(before.text.contains("Opioid safety: </strong>Opioid agreement overdue; Urine drug screen overdue; Prescription monitoring (PDMP) overdue; Naloxone overdue."))
            #expect(concernsWithoutNote.status == .unprocessableEntity && concernsWithoutNote.text.contains("Say what the check showed."))
            #expect(resulted.status == .seeOther, "\(resulted.text.prefix(400))")
            #expect(after.text.contains("Opioid safety: </strong>all checks done."))
            #expect(page.text.contains("75 MME/day, at or above 50") && page.text.contains("Next by 11/18/2027 (every 365 days).")
                    && page.text.contains("verify against current guideline"))
            #expect(deskRecords.status == .forbidden)
            #expect(try await context.auditEvents(.recordCreate).filter { $0.resourceType == "OpioidSafety" }.count == 3)
        }
    }
}
