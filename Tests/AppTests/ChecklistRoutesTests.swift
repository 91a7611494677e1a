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
            let provider = try #require(try await User.query(on: context.app.db).filter(\.$role == Role.physician.rawValue).first()?.requireID())
            let rooms = ScheduleSettings(rooms: [Room(id: "suite-1", name: "Suite 1", location: "Main", kind: .procedureSuite, capabilities: [.fluoroscopy])])
            _ = try await PracticeSettings.save(rooms, from: 1, by: provider, now: context.clock.now, on: context.app.db) { _, _ in }
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

    @Test(arguments: TestDatabase.available)
    func aProcedureRecordStartsAfterTheChecklistAndOnceSignedCompletesTheAppointment(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: an epidural today (Wednesday 11/18) and one on Friday, the checklists gone ahead without
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            let provider = try #require(try await User.query(on: context.app.db).filter(\.$role == Role.physician.rawValue).first()?.requireID())
            let rooms = ScheduleSettings(rooms: [Room(id: "suite-1", name: "Suite 1", location: "Main", kind: .procedureSuite, capabilities: [.fluoroscopy])])
            _ = try await PracticeSettings.save(rooms, from: 1, by: provider, now: context.clock.now, on: context.app.db) { _, _ in }
            let patient = try await context.makePatient()
            func book(_ date: String) async throws -> String {
                try #require(try await nurse.post(SitePath.appointments(patient.id), pairs: [
                    ("kind", "procedure"), ("provider", provider.uuidString), ("room", "suite-1"), ("date", date), ("start", "9:00"),
                    ("intervention", "esi-transforaminal-lumbar"), ("region", "lumbar"), ("levels", "L4-L5, L5-S1"), ("side", "left")]).location)
            }
            let appointment = try await book("11/18/2026"), record = appointment + "/procedure", friday = try await book("11/20/2026")
            let done: [(String, String)] = [("intervention", "esi-transforaminal-lumbar"), ("region", "lumbar"), ("levels", "L4-L5, L5-S1"), ("side", "left"),
                                            ("start", "9:05"), ("end", "9:30"), ("guidance", "fluoroscopy"), ("fluoroscopySeconds", "38"), ("sedation", "local"),
                                            ("medication.1.drug", "dexamethasone"), ("medication.1.concentration", "10"), ("medication.1.volume", "1"),
                                            ("painBefore", "7"), ("painAfter", "2"), ("disposition", "home-with-escort")]
            // act
            let early = try await nurse.get(record)
            let earlySave = try await nurse.post(record, pairs: [("version", "0")] + done)
            _ = try await physician.post(appointment + "/checklist/override", pairs: [("version", "0"), ("reason", "Checked on paper")])
            let form = try await nurse.get(record)
            let draft = try await nurse.post(record, pairs: [("version", "0")] + done)
            let nurseSigns = try await nurse.post(record + "/sign", pairs: [("version", "1")] + done)
            let backwards = try await physician.post(record + "/sign", pairs: [("version", "1")] + done.map { $0.0 == "end" ? ("end", "9:00") : $0 })
            let signed = try await physician.post(record + "/sign", pairs: [("version", "1")] + done)
            let shown = try await nurse.get(record)
            _ = try await physician.post(friday + "/checklist/override", pairs: [("version", "0"), ("reason", "Checked on paper")])
            let tooEarly = try await physician.post(friday + "/procedure/sign", pairs: [("version", "0")] + done)
            let late = try await physician.post(record, pairs: [("version", "2")] + done)
            // check
            #expect(early.text.contains("The record starts once the pre-procedure checklist is complete.") && earlySave.status == .conflict)
            #expect(form.text.contains(#"<option value="fluoroscopy" selected>"#) && form.text.contains("Keep the"))
            #expect(draft.status == .seeOther && nurseSigns.status == .forbidden && backwards.status == .unprocessableEntity && signed.status == .seeOther)
            #expect(shown.text.contains("64483 × 1") && shown.text.contains("64484 × 1") && shown.text.contains("Dexamethasone 10 mg/mL × 1 mL = 10 mg"))
            #expect(late.status == .seeOther && !shown.text.contains("Sign the record"))
            #expect(tooEarly.status == .unprocessableEntity && tooEarly.text.contains("The procedure is on 11/20/2026: its record is written that day."))
            let statuses = try await AppointmentRecord.query(on: context.app.db).sort(\.$date).all().map(\.status)
            #expect(statuses == ["completed", "booked"])
            #expect(try await context.auditEvents(.procedureSign).count == 1)
            let sql = context.app.db.sql
            for statement in ["UPDATE procedure_records SET content = '{}'", "DELETE FROM procedure_records"] {
                await #expect(throws: (any Error).self, "\(statement)") { try await sql.raw(SQLQueryString(statement)).run() }
            }
        }
    }
}
