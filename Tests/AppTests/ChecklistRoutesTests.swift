import Fluent
import Foundation
import ReliefCore
import SQLKit
import Testing
import VaporTesting
@testable import App

/// The pre-procedure checklist: saved as it goes, refused completion while a check is missing, gone ahead without only
/// by a physician with a reason, and kept as it was once closed.
@Suite struct ChecklistRoutesTests {
    @Test(arguments: TestDatabase.available)
    func aChecklistCompletesOnlyWhenEveryCheckIsMetOrAPhysicianGoesAheadWithAReason(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: an epidural on Friday 11/20 without a signed consent
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            let coordinator = try await context.signedIn(.coordinator)
            let provider = try await context.procedureSuite()
            let patient = try await context.makePatient()
            let booked = try await coordinator.post(SitePath.appointments(patient.id), pairs: [
                ("kind", "procedure"), ("provider", provider.uuidString), ("room", "suite-1"), ("date", "11/20/2026"), ("start", "9:00"),
                ("intervention", "esi-transforaminal-lumbar"), ("region", "lumbar"), ("levels", "L4-L5"), ("side", "left")])
            let checklist = try #require(booked.location) + "/checklist"
            let ticks = ["allergies", "site", "time-out.identity", "time-out.procedure", "time-out.site"].map { ($0, "yes") }
            // act
            let shown = try await nurse.get(checklist)
            let saved = try await nurse.post(checklist, pairs: [("version", "0"), ("action", "save"), ("allergies", "yes")])
            let twice = try await nurse.post(checklist, pairs: [("version", "0"), ("action", "save"), ("allergies", "yes")])
            let refused = try await nurse.post(checklist, pairs: [("version", "1"), ("action", "complete")] + ticks)
            let nurseOverrides = try await nurse.post(checklist + "/override", pairs: [("version", "1"), ("reason", "Urgent")])
            let noReason = try await physician.post(checklist + "/override", pairs: [("version", "1"), ("reason", " ")])
            let overridden = try await physician.post(checklist + "/override", pairs: [("version", "1"), ("reason", "Consent signed on paper, scan to follow")])
            let after = try await nurse.get(checklist)
            let late = try await nurse.post(checklist, pairs: [("version", "2"), ("action", "save")] + ticks)
            let frontDesk = try await coordinator.get(checklist)
            // check
            #expect(shown.status == .ok && shown.text.contains("No signed consent covers this day.") && shown.text.contains("Time-out: the procedure is"))
            #expect(saved.status == .seeOther && twice.status == .seeOther)
            #expect(refused.status == .unprocessableEntity && refused.text.contains("Still to do: No signed consent covers this day."))
            #expect(nurseOverrides.status == .forbidden && noReason.status == .unprocessableEntity && overridden.status == .seeOther)
            #expect(after.text.contains("Gone ahead without the missing checks by Test Physician") && after.text.contains("scan to follow"))
            #expect(!after.text.contains("Complete the checklist") && late.status == .seeOther && frontDesk.status == .forbidden)
            let rows = try await context.app.db.sql.raw("SELECT status, answers FROM procedure_checklists").all()
            let status = try rows.first?.decode(column: "status", as: String.self)
            #expect(rows.count == 1 && status == "overridden")
            #expect(try await context.auditEvents(.recordUpdate).filter { $0.resourceType == "ProcedureChecklist" }.count == 2)
            let sql = context.app.db.sql
            for statement in ["UPDATE procedure_checklists SET answers = '{}'", "DELETE FROM procedure_checklists"] {
                await #expect(throws: (any Error).self, "\(statement)") { try await sql.raw(SQLQueryString(statement)).run() }
            }
        }
    }
}
