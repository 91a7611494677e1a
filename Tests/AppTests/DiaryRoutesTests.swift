import Fluent
import Foundation
import ReliefCore
import SQLKit
import Testing
import VaporTesting
@testable import App

/// The pain diary of a diagnostic block: taken by a nurse's call once the record is signed, read at once, feeding
/// the block's relief to the rules, and refusing entries once closed.
@Suite struct DiaryRoutesTests {
    private static let block = [("intervention", "medial-branch-block-lumbar"), ("region", "lumbar"), ("levels", "L4-L5, L5-S1"), ("side", "bilateral")]

    @Test(arguments: TestDatabase.available)
    func aBlocksDiaryIsReadAgainstTheAnaestheticFeedsTheRulesAndClosesForGood(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: a lumbar medial branch block with 2 % lidocaine, pain 8 before, signed today
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            let patient = try await context.makePatient()
            let appointment = try await context.signedProcedure(patient, site: Self.block, record: [
                ("start", "9:05"), ("end", "9:25"), ("guidance", "fluoroscopy"), ("fluoroscopySeconds", "25"), ("sedation", "local"),
                ("medication.1.drug", "lidocaine"), ("medication.1.concentration", "20"), ("medication.1.volume", "0.5"),
                ("painBefore", "8"), ("painAfter", "1"), ("disposition", "home")], nurse: nurse, physician: physician)
            let diary = appointment + "/procedure/diary"
            // act
            let empty = try await nurse.get(diary)
            let outOfScale = try await nurse.post(diary, pairs: [("version", "0"), ("pain.15", "11")])
            let first = try await nurse.post(diary, pairs: [("version", "0"), ("pain.15", "1"), ("pain.30", "1")])
            let stale = try await nurse.post(diary, pairs: [("version", "0"), ("pain.60", "1")])
            let hour = try await nurse.post(diary, pairs: [("version", "1"), ("pain.60", "1"), ("action", "close")])
            let shown = try await physician.get(diary)
            let late = try await nurse.post(diary, pairs: [("version", "2"), ("pain.120", "5")])
            let facts = try await DecisionSupportQueries.facts(for: patient, on: context.app.db)
            // check: 87.5 % held through lidocaine's hour (80 % asked): positive
            #expect(empty.status == .ok && empty.text.contains("Not judged yet") && empty.text.contains("verify against current guideline"))
            #expect(outOfScale.status == .unprocessableEntity && first.status == .seeOther && stale.status == .conflict
                    && stale.text.contains("Someone saved or closed this diary meanwhile") && stale.text.contains(#"value="1""#))
            #expect(hour.status == .seeOther && shown.text.contains("Positive: relief of at least 80 % held through 1 hour (lidocaine), 87 % at the least."))
            #expect(late.status == .conflict && late.text.contains("The diary was closed on 11/18/2026"))
            #expect(facts.procedures.first?.intervention == "medial-branch-block-lumbar" && facts.procedures.first?.peakReliefPercent == 87)
            #expect(try await context.auditEvents(.recordUpdate).filter { $0.resourceType == "BlockDiary" }.count == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aDiaryIsOnlyForASignedDiagnosticBlockAndClosesTheDayAfter(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            let patient = try await context.makePatient()
            let epidural = try await context.signedProcedure(patient, site: [("intervention", "esi-transforaminal-lumbar"), ("region", "lumbar"),
                                                                             ("levels", "L5-S1"), ("side", "left")], record: [
                ("start", "9:05"), ("end", "9:25"), ("guidance", "fluoroscopy"), ("fluoroscopySeconds", "25"), ("sedation", "local"),
                ("painBefore", "8"), ("painAfter", "1"), ("disposition", "home")], nurse: nurse, physician: physician)
            let block = try await context.signedProcedure(patient, site: Self.block, record: [
                ("start", "10:05"), ("end", "10:25"), ("guidance", "fluoroscopy"), ("fluoroscopySeconds", "25"), ("sedation", "local"),
                ("medication.1.drug", "bupivacaine"), ("medication.1.concentration", "5"), ("medication.1.volume", "0.5"),
                ("painBefore", "6"), ("painAfter", "1"), ("disposition", "home")], start: "10:00", nurse: nurse, physician: physician)
            context.clock.advance(minutes: 2 * 24 * 60)
            let caller = try await context.signedIn(.nurse, email: "caller@test.relief")
            // act
            let notABlock = try await caller.get(epidural + "/procedure/diary")
            let tooLate = try await caller.post(block + "/procedure/diary", pairs: [("version", "0"), ("pain.15", "0")])
            // check
            #expect(notABlock.status == .notFound && tooLate.status == .conflict && tooLate.text.contains("The diary closed at the end of 11/19/2026"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aPositiveDiaryIsTheDiagnosticBlockEvidenceOfTheDiagnosesItTested(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: lumbar facet arthropathy and lumbar radiculopathy on the list; a bilateral lumbar medial branch block
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            let patient = try await context.makePatient()
            let problems = SitePath.chartEntries(.diagnosis)(patient.id)
            try await physician.get(problems + "/new")
            try await physician.post(problems, pairs: [("condition", "M47.816"), ("status", "active"), ("certainty", "provisional"),
                                                       ("painGenerator", "yes"), ("evidence", "exam")])
            try await physician.post(problems, pairs: [("condition", "M54.16"), ("status", "active"), ("certainty", "provisional")])
            let ticked = try await physician.post(problems, pairs: [("condition", "M47.812"), ("status", "active"), ("certainty", "provisional"),
                                                                    ("painGenerator", "yes"), ("evidence", "diagnostic-block")])
            let appointment = try await context.signedProcedure(patient, site: Self.block, record: [
                ("start", "9:05"), ("end", "9:25"), ("guidance", "fluoroscopy"), ("fluoroscopySeconds", "25"), ("sedation", "local"),
                ("medication.1.drug", "lidocaine"), ("medication.1.concentration", "20"), ("medication.1.volume", "0.5"),
                ("painBefore", "8"), ("painAfter", "1"), ("disposition", "home")], nurse: nurse, physician: physician)
            let before = try await physician.get(problems)
            try await nurse.get(appointment + "/procedure/diary")
            // act
            try await nurse.post(appointment + "/procedure/diary", pairs: [("version", "0"), ("pain.15", "1"), ("pain.30", "1"), ("pain.60", "1")])
            let after = try await physician.get(problems)
            // check
            #expect(ticked.status == .unprocessableEntity && ticked.text.contains("counts from its diary"))
            #expect(before.text.contains("Suspected: Examination<") && !before.text.contains("id=\"diagnostic-blocks\""))
            #expect(after.text.contains("Suspected: Examination, Diagnostic block<"))
            #expect(after.text.contains("Lumbar medial branch block, L4-L5, L5-S1, bilateral, 11/18/2026: positive, 87 % relief held; "
                                        + "tested Spondylosis (facet arthropathy), lumbar (M47.816)"))
        }
    }
}
