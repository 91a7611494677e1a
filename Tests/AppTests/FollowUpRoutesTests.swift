import Fluent
import Foundation
import ReliefCore
import SQLKit
import Testing
import VaporTesting
@testable import App

/// Follow-ups: created on the practice's schedule when a procedure is signed, listed when due, answered once (by
/// version), moved, cancelled, lost after unreached calls, and read back as the procedure's relief.
@Suite struct FollowUpRoutesTests {
    private static let site = [("intervention", "esi-transforaminal-lumbar"), ("region", "lumbar"), ("levels", "L5-S1"), ("side", "left")]

    /// A left L5-S1 transforaminal epidural done and signed today (11/18/2026), pain 7 before; the patient.
    private func signedProcedure(_ context: TestContext, nurse: Browser, physician: Browser) async throws -> PatientRecord {
        let patient = try await context.makePatient()
        try await context.signedProcedure(patient, site: Self.site, record: [
            ("start", "9:05"), ("end", "9:20"), ("guidance", "fluoroscopy"), ("fluoroscopySeconds", "30"), ("sedation", "local"),
            ("painBefore", "7"), ("painAfter", "2"), ("disposition", "home")], nurse: nurse, physician: physician)
        return patient
    }

    private func setSchedule(_ context: TestContext, _ schedule: FollowUpSchedule) async throws {
        let user = try #require(try await User.query(on: context.app.db).first()?.requireID())
        _ = try await PracticeSettings.save(schedule, from: 1, by: user, now: context.clock.now, on: context.app.db) { _, _ in }
    }

    private func answers(_ version: Int, _ extra: [(String, String)] = []) -> [(String, String)] {
        var pairs = [("version", String(version)), ("completedOn", "12/03/2026"), ("contact", "phone"), ("reliefPercent", "80"), ("painNow", "2"),
                     ("painAverage", "3"), ("enjoyment", "2"), ("activity", "4"), ("function", "18"), ("work", "working"), ("newProblem", "no")]
        for (name, value) in extra { pairs.removeAll { $0.0 == name }; pairs.append((name, value)) }
        return pairs
    }

    @Test(arguments: TestDatabase.available)
    func aSignedProcedureIsFollowedUpWhenDueAnsweredOnceAndLostAfterUnreachedCalls(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: the practice follows epidurals up at 2 and 6 weeks, lost after 2 unreached calls; 15 days later
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            try await setSchedule(context, FollowUpSchedule(days: [InterventionCategory.epiduralSteroid.rawValue: [14, 42]], attempts: 2))
            let patient = try await signedProcedure(context, nurse: nurse, physician: physician)
            let created = try await FollowUpRecord.query(on: context.app.db).sort(\.$dueOn).all()
            context.clock.advance(minutes: 15 * 24 * 60)
            let caller = try await context.signedIn(.nurse, email: "caller@test.relief")
            let desk = try await context.signedIn(.coordinator)
            let first = try SitePath.followUp(patient.id, created[0].requireID()), second = try SitePath.followUp(patient.id, created[1].requireID())
            // act
            let worklist = try await caller.get(SitePath.followUpWorklist())
            let deskList = try await desk.get(SitePath.followUpWorklist())
            let tooMuch = try await caller.post(first, pairs: answers(1, [("reliefPercent", "101")]))
            let tooEarly = try await caller.post(first, pairs: answers(1, [("completedOn", "11/17/2026")]))
            let answered = try await caller.post(first, pairs: answers(1))
            let again = try await caller.post(first, pairs: answers(1, [("reliefPercent", "10")]))
            let emptied = try await caller.get(SitePath.followUpWorklist())
            let beforeProcedure = try await caller.post(second + "/move", pairs: [("version", "1"), ("dueOn", "11/01/2026")])
            let noReason = try await caller.post(second + "/cancel", pairs: [("version", "1"), ("reason", "")])
            let moved = try await caller.post(second + "/move", pairs: [("version", "1"), ("dueOn", "12/31/2026")])
            let call1 = try await caller.post(second + "/attempts", pairs: [("version", "2"), ("outcome", "no-answer"), ("from", "worklist")])
            let call2 = try await caller.post(second + "/attempts", pairs: [("version", "3"), ("outcome", "left-message"), ("note", "Voicemail")])
            let list = try await caller.get(SitePath.followUps(patient.id))
            let facts = try await DecisionSupportQueries.facts(for: patient, on: context.app.db)
            // check
            #expect(created.map(\.dueOn) == ["2026-12-02", "2026-12-30"] && created.allSatisfy { $0.status == "due" })
            #expect(worklist.text.contains("Müller") && worklist.text.contains("1 day overdue") && !worklist.text.contains("6 weeks after"))
            #expect(deskList.status == .forbidden)
            #expect(tooMuch.status == .unprocessableEntity && tooMuch.text.contains("Enter a whole number from 0 to 100."))
            #expect(tooEarly.status == .unprocessableEntity && tooEarly.text.contains("The answers cannot come before the procedure on 11/18/2026."))
            #expect(answered.status == .seeOther && again.status == .conflict && !emptied.text.contains("Müller"))
            #expect(beforeProcedure.status == .unprocessableEntity && noReason.status == .unprocessableEntity && moved.status == .seeOther)
            #expect(call1.location == SitePath.followUpWorklist() && call2.status == .seeOther)
            let rows = try await FollowUpRecord.query(on: context.app.db).sort(\.$daysAfter).all()
            #expect(rows.map(\.status) == ["done", "lost"] && rows[0].reliefPercent == 80 && rows[0].peg == 3 && rows[1].dueOn == "2026-12-31")
            #expect(rows[1].attempts == 2 && rows[1].reason == "Not reached after 2 calls")
            #expect(list.text.contains("Done: 80 % relief") && list.text.contains("Lost to follow-up"))
            #expect(facts.procedures.first?.peakReliefPercent == 80 && facts.procedures.first?.reliefWeeks == 2)
            let sql = context.app.db.sql
            for statement in ["UPDATE follow_ups SET relief_percent = 10 WHERE status = 'done'", "DELETE FROM follow_ups",
                              "UPDATE follow_up_attempts SET note = 'x'", "DELETE FROM follow_up_attempts"] {
                await #expect(throws: (any Error).self, "\(statement)") { try await sql.raw(SQLQueryString(statement)).run() }
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoNursesAnsweringOneFollowUpAtOnceLeaveOneAnswer(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            let patient = try await signedProcedure(context, nurse: nurse, physician: physician)
            let record = try #require(try await FollowUpRecord.query(on: context.app.db).sort(\.$dueOn).first())
            context.clock.advance(minutes: 15 * 24 * 60)
            let one = try await context.signedIn(.nurse, email: "one@test.relief"), two = try await context.signedIn(.nurse, email: "two@test.relief")
            let path = try SitePath.followUp(patient.id, record.requireID())
            // act
            async let first = one.post(path, pairs: answers(1, [("reliefPercent", "70")]))
            async let second = two.post(path, pairs: answers(1, [("reliefPercent", "30")]))
            let results = try await [first, second]
            // check
            let stored = try await FollowUpRecord.find(record.id, on: context.app.db)
            #expect(results.map(\.status.code).sorted() == [303, 409], "one saved, the other shown the conflict with their entries")
            #expect(results.contains { $0.text.contains("Someone saved this follow-up meanwhile") })
            #expect(stored?.status == "done" && [70, 30].contains(stored?.reliefPercent ?? -1) && stored?.version == 2)
            #expect(try await context.auditEvents(.recordUpdate).filter { $0.resourceType == "FollowUp" }.count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func thePracticeSetsItsFollowUpScheduleUnderItsVersion(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let physician = try await context.signedIn(.physician)
            let nurse = try await context.signedIn(.nurse)
            let path = SitePath.followUpSettings()
            // act
            let shown = try await physician.get(path)
            let refused = try await physician.post(path, pairs: [("version", "1"), ("days.epidural-steroid", "3 months, 2 weeks"), ("attempts", "3")])
            let saved = try await physician.post(path, pairs: [("version", "1"), ("days.epidural-steroid", "2 weeks, 3 months"), ("attempts", "4")])
            let stale = try await physician.post(path, pairs: [("version", "1"), ("days.facet", "1 week"), ("attempts", "2")])
            let nurseSaves = try await nurse.post(path, pairs: [("version", "2"), ("attempts", "2")])
            // check
            #expect(shown.status == .ok && shown.text.contains("Default: 2 weeks, 6 weeks, 3 months, 6 months, 12 months"))
            #expect(refused.status == .unprocessableEntity && refused.text.contains("List the follow-ups in order"))
            #expect(saved.status == .seeOther && stale.status == .conflict && nurseSaves.status == .forbidden)
            let schedule = try await PracticeSettings.followUp(on: context.app.db)
            #expect(schedule.days == ["epidural-steroid": [14, 91]] && schedule.attempts == 4)
        }
    }

    @Test(arguments: TestDatabase.available)
    func noMeaningfulReliefIsRaisedOnTheChartOnceAndTheTimelineShowsTheCourse(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: followed up at 2 and 6 weeks; 45 days later both answered with little relief
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            try await setSchedule(context, FollowUpSchedule(days: [InterventionCategory.epiduralSteroid.rawValue: [14, 42]]))
            let patient = try await signedProcedure(context, nurse: nurse, physician: physician)
            let records = try await FollowUpRecord.query(on: context.app.db).sort(\.$daysAfter).all()
            context.clock.advance(minutes: 45 * 24 * 60)
            let caller = try await context.signedIn(.nurse, email: "caller@test.relief")
            // act
            let first = try await caller.post(SitePath.followUp(patient.id, try records[0].requireID()), pairs: answers(1, [("reliefPercent", "10"), ("painNow", "7")]))
            let early = try await ChartAlert.query(on: context.app.db).count()
            let second = try await caller.post(SitePath.followUp(patient.id, try records[1].requireID()),
                                               pairs: answers(1, [("completedOn", "12/31/2026"), ("reliefPercent", "20"), ("painNow", "6")]))
            let timeline = try await caller.get(SitePath.timeline(patient.id))
            // check: judged only once an answer four weeks out is in; raised once
            #expect(first.status == .seeOther && second.status == .seeOther && early == 0)
            let alerts = try await ChartAlert.query(on: context.app.db).all()
            #expect(alerts.map(\.code) == ["no-relief"] && alerts.first?.kind == "monitoring" && alerts.first?.sourceType == "Procedure")
            #expect(alerts.first?.message.hasPrefix("No meaningful relief after the Lumbar transforaminal epidural steroid injection, L5-S1, left on 11/18/2026") == true)
            #expect(timeline.status == .ok && timeline.text.contains("To look at") && timeline.text.contains("43 days: 20 % relief, pain 6/10"))
            #expect(timeline.text.contains("<svg") && timeline.text.contains("Not reached"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aNurseAddsAFollowUpForOnePatientButNotTwiceOnOneDay(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            let patient = try await signedProcedure(context, nurse: nurse, physician: physician)
            let record = try #require(try await FollowUpRecord.query(on: context.app.db).first())
            let list = SitePath.followUps(patient.id)
            let page = try await nurse.get(list)
            // act
            let added = try await nurse.post(list, pairs: [("procedure", record.procedureID.lowercasedText), ("dueOn", "05/18/2028")])
            let twice = try await nurse.post(list, pairs: [("procedure", record.procedureID.lowercasedText), ("dueOn", "05/18/2028")])
            let unknown = try await nurse.post(list, pairs: [("procedure", UUID().lowercasedText), ("dueOn", "05/18/2028")])
            // check
            #expect(page.text.contains("Add a follow-up for this patient"))
            #expect(added.status == .seeOther && twice.status == .conflict && twice.text.contains("already set for that day"))
            #expect(unknown.status == .unprocessableEntity && unknown.text.contains("Choose one of the listed procedures."))
            let days = try await FollowUpRecord.query(on: context.app.db).filter(\.$procedureID == record.procedureID).all().map(\.daysAfter)
            #expect(days.filter { $0 == 547 }.count == 1, "\(days)")
        }
    }
}
