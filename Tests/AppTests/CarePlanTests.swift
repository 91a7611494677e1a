import Fluent
import Foundation
import ReliefCore
import SQLKit
import Testing
import VaporTesting
@testable import App

/// Treatment plans: drafted, checked, activated by a physician, revised into new versions with the old ones kept.
@Suite struct CarePlanRoutesTests {
    private let plan: [(String, String)] = [
        ("title", "Left L5 radiculopathy"), ("phase", "pain-reduction"), ("startOn", "11/20/2026"), ("reviewOn", "02/20/2027"),
        ("goal.1.text", "Walk 30 minutes"), ("goal.1.measure", "walking-minutes"), ("goal.1.target", "30"),
        ("component.1.intervention", "esi-transforaminal-lumbar"), ("component.1.region", "lumbar"), ("component.1.levels", "L4-L5"),
        ("component.1.side", "left"), ("component.1.responsible", "Dr. Raman"),
        ("component.2.intervention", "physical-therapy"), ("component.2.region", "lumbar"), ("component.2.responsible", "Lakeside PT"),
    ]

    @Test(arguments: TestDatabase.available)
    func aPlanIsDraftedActivatedAndRevisedWithEveryVersionKept(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            let plans = SitePath.plans(patient.id)
            try await nurse.get(plans + "/new")
            // act
            let past = try await nurse.post(plans, pairs: plan.map { $0.0 == "startOn" ? ($0.0, "11/17/2026") : $0 })
            let created = try await nurse.post(plans, pairs: plan)
            let path = try #require(created.location)
            let shown = try await nurse.get(path)
            let nurseActivates = try await nurse.post(path + "/activate", pairs: [("version", "1")])
            let edit = try await nurse.get(path + "/edit")
            let saved = try await nurse.post(path, pairs: [("version", try versionField(edit.text))] + plan + [("note", "Start PT in week 2")])
            let stale = try await physician.post(path, pairs: [("version", try versionField(edit.text))] + plan)
            let draft = try await physician.get(path)
            let activated = try await physician.post(path + "/activate", pairs: [("version", try versionField(draft.text))])
            let active = try await physician.get(path)
            let revised = try await nurse.post(path + "/revise", pairs: [("version", try versionField(active.text))])
            let secondPath = String(try #require(revised.location).dropLast("/edit".count))
            let twice = try await nurse.post(path + "/revise", pairs: [("version", "3")])
            let second = try await physician.get(secondPath)
            try await physician.post(secondPath + "/activate", pairs: [("version", try versionField(second.text))])
            let first = try await physician.get(path)
            // check
            #expect(past.status == .unprocessableEntity && past.text.contains("A plan cannot start in the past"))
            #expect(created.status == .seeOther && shown.text.contains("Draft · version 1"))
            #expect(shown.text.contains("Lumbar transforaminal epidural steroid injection, L4-L5, left") && shown.text.contains("verdict-"))
            #expect(nurseActivates.status == .forbidden)
            #expect(saved.status == .seeOther && stale.status == .conflict && stale.text.contains("Someone changed or activated this plan"))
            #expect(activated.status == .seeOther && active.text.contains("Active · version 1") && !active.text.contains(">Edit<"))
            #expect(twice.status == .seeOther && twice.location == path)
            #expect(second.text.contains("Draft · version 2") && second.text.contains("Start PT in week 2"))
            #expect(first.text.contains("Revised · version 1") && first.text.contains("Version 2: Active"))
            #expect(try await context.auditEvents(.planActivate).count == 2)
            #expect(try await context.auditEvents(.planRevise).count == 1)
            // The database itself keeps an activated version's content and every version.
            await #expect(throws: (any Error).self) { try await context.app.db.sql.raw("UPDATE care_plans SET content = '{}' WHERE number = 1").run() }
            await #expect(throws: (any Error).self) { try await context.app.db.sql.raw("DELETE FROM care_plans").run() }
            let count = try await CarePlanRecord.query(on: context.app.db).count()
            #expect(count == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theNewPlanStartsFromTheDiagnosisAndTheVisitsGoals(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let physician = try await context.signedIn(.physician)
            try await physician.get(SitePath.newChartEntry(.diagnosis)(patient.id))
            try await physician.post(SitePath.chartEntries(.diagnosis)(patient.id), pairs: [("condition", "M47.816"), ("status", "active"), ("certainty", "provisional")])
            let started = try await physician.post(SitePath.evaluations(patient.id))
            let note = String(try #require(started.location).dropLast("/edit".count))
            try await physician.post(note, pairs: [("version", "1"), ("chiefComplaint", "Low back pain"), ("goal", "walk-30-minutes"), ("goal", "return-to-work")])
            let therapist = try await context.signedIn(.therapist)
            // act
            let form = try await physician.get(SitePath.newPlan(patient.id))
            let list = try await therapist.get(SitePath.plans(patient.id))
            let refused = try await therapist.get(SitePath.newPlan(patient.id))
            // check
            #expect(form.text.contains("value=\"Spondylosis (facet arthropathy), lumbar\""))
            #expect(form.text.contains("value=\"Walk for 30 minutes\"") && form.text.contains("value=\"Return to work\""))
            #expect(form.text.contains("value=\"11/18/2026\""))
            #expect(list.status == .ok && !list.text.contains("New plan") && refused.status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theTherapistRecordsSessionsTowardTheGoalsAndAMistakeIsMarkedNotRemoved(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let therapist = try await context.signedIn(.therapist)
            let coordinator = try await context.signedIn(.coordinator)
            try await nurse.get(SitePath.plans(patient.id) + "/new")
            let path = try #require(try await nurse.post(SitePath.plans(patient.id), pairs: plan).location)
            try await therapist.get(path)
            let session: [(String, String)] = [("intervention", "physical-therapy"), ("occurredOn", "11/18/2026"), ("attendance", "attended"),
                                               ("detail", "Core stability, hamstring stretches"), ("measure", "walking-minutes"), ("value", "12"), ("goal", "1")]
            // act
            let procedure = try await therapist.post(path + "/activities", pairs: [("intervention", "esi-transforaminal-lumbar")] + session.dropFirst())
            let outOfRange = try await therapist.post(path + "/activities", pairs: session.map { $0.0 == "value" ? ("value", "601") : $0 })
            let recorded = try await therapist.post(path + "/activities", pairs: session)
            try await therapist.post(path + "/activities", pairs: [("intervention", "physical-therapy"), ("occurredOn", "11/17/2026"), ("attendance", "missed")])
            let refused = try await coordinator.post(path + "/activities", pairs: session)
            let shown = try await therapist.get(path)
            let record = try #require(try await PlanActivityRecord.query(on: context.app.db).filter(\.$occurredOn == "2026-11-18").first())
            let marked = try await therapist.post(path + "/activities/\(try record.requireID())/entered-in-error", pairs: [("version", "1"), ("reason", "Wrong patient")])
            let again = try await therapist.post(path + "/activities/\(try record.requireID())/entered-in-error", pairs: [("version", "1"), ("reason", "Twice")])
            let after = try await nurse.get(path)
            // check
            #expect(procedure.status == .unprocessableEntity && procedure.text.contains("non-procedure parts"))
            #expect(outOfRange.status == .unprocessableEntity && outOfRange.text.contains("Core stability, hamstring stretches"))
            #expect(recorded.status == .seeOther && refused.status == .forbidden)
            #expect(shown.text.contains("Physical therapy: 1 session, last 11/18/2026") && shown.text.contains("Test Therapist"))
            #expect(shown.text.contains("Minutes of walking: 12") && shown.text.contains("Did not attend"))
            #expect(marked.status == .seeOther && again.status == .seeOther)
            #expect(after.text.contains("Entered in error: Wrong patient") && after.text.contains("Physical therapy: 0 sessions"))
            #expect(try await context.auditEvents(.recordEnteredInError).count == 1)
            let sql = context.app.db.sql
            for statement in ["UPDATE plan_activities SET content = '{}'", "UPDATE plan_activities SET status = 'recorded'", "DELETE FROM plan_activities"] {
                await #expect(throws: (any Error).self, "\(statement)") { try await sql.raw(SQLQueryString(statement)).run() }
            }
        }
    }
}

