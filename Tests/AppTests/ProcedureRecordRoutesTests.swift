import Fluent
import Foundation
import ReliefCore
import SQLKit
import Testing
import VaporTesting
@testable import App

/// The procedure record: written once the checklist is closed, signed by a physician, then kept as signed with dated
/// addenda; a signed procedure completes its appointment and encounter, uses a session of its consent, and is read by
/// the rules.
@Suite struct ProcedureRecordRoutesTests {
    private static let site = [("intervention", "esi-transforaminal-lumbar"), ("region", "lumbar"), ("levels", "L4-L5, L5-S1"), ("side", "left")]
    private static let done: [(String, String)] = site + [
        ("start", "9:05"), ("end", "9:30"), ("guidance", "fluoroscopy"), ("fluoroscopySeconds", "38"), ("sedation", "local"),
        ("medication.1.drug", "dexamethasone"), ("medication.1.concentration", "10"), ("medication.1.volume", "1"),
        ("painBefore", "7"), ("painAfter", "2"), ("disposition", "home-with-escort")]

    /// A left L4-L5, L5-S1 transforaminal epidural booked at 9:00 in Suite 1; its address.
    private func book(_ patient: PatientRecord, _ date: String, _ provider: UUID, by browser: Browser) async throws -> String {
        try #require(try await browser.post(SitePath.appointments(patient.id), pairs: [
            ("kind", "procedure"), ("provider", provider.uuidString), ("room", "suite-1"), ("date", date), ("start", "9:00")] + Self.site).location)
    }

    @Test(arguments: TestDatabase.available)
    func aProcedureRecordStartsAfterTheChecklistAndOnceSignedCompletesTheAppointment(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: an epidural today (Wednesday 11/18) and one on Friday, the checklists gone ahead without
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            let provider = try await context.procedureSuite()
            let patient = try await context.makePatient()
            let appointment = try await book(patient, "11/18/2026", provider, by: nurse), record = appointment + "/procedure"
            let friday = try await book(patient, "11/20/2026", provider, by: nurse)
            // act
            let early = try await nurse.get(record)
            let earlySave = try await nurse.post(record, pairs: [("version", "0")] + Self.done)
            _ = try await physician.post(appointment + "/checklist/override", pairs: [("version", "0"), ("reason", "Checked on paper")])
            let form = try await nurse.get(record)
            let draft = try await nurse.post(record, pairs: [("version", "0")] + Self.done)
            let nurseSigns = try await nurse.post(record + "/sign", pairs: [("version", "1")] + Self.done)
            let backwards = try await physician.post(record + "/sign", pairs: [("version", "1")] + Self.done.map { $0.0 == "end" ? ("end", "9:00") : $0 })
            let signed = try await physician.post(record + "/sign", pairs: [("version", "1")] + Self.done)
            let shown = try await nurse.get(record)
            _ = try await physician.post(friday + "/checklist/override", pairs: [("version", "0"), ("reason", "Checked on paper")])
            let tooEarly = try await physician.post(friday + "/procedure/sign", pairs: [("version", "0")] + Self.done)
            let late = try await physician.post(record, pairs: [("version", "2")] + Self.done)
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

    @Test(arguments: TestDatabase.available)
    func aSignedProcedureUsesItsConsentsSessionIsReadByTheRulesAndTakesAddenda(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: a signed and co-signed consent for one session, and the same epidural booked today and on Friday
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            let provider = try await context.procedureSuite()
            let patient = try await context.makePatient()
            let consent = try #require(try await nurse.post(SitePath.consents(patient.id), pairs: Self.site + [
                ("plannedOn", "11/18/2026"), ("validUntil", "02/28/2027"), ("sessions", "1")]).location)
            try await nurse.post(consent + "/sign", pairs: [("version", try versionField(try await nurse.get(consent).text)), ("signer", "patient"),
                                                           ("name", "Zoë Müller"), ("attest", "yes")])
            try await physician.post(consent + "/cosign", pairs: [("version", try versionField(try await physician.get(consent).text)), ("attest", "yes")])
            let today = try await book(patient, "11/18/2026", provider, by: nurse), friday = try await book(patient, "11/20/2026", provider, by: nurse)
            // act
            let before = try await nurse.get(today + "/checklist")
            _ = try await physician.post(today + "/checklist/override", pairs: [("version", "0"), ("reason", "Time-out done on paper")])
            let draftAddendum = try await nurse.post(today + "/procedure/addenda", pairs: [("text", "Too early")])
            _ = try await physician.post(today + "/procedure/sign", pairs: [("version", "0")] + Self.done)
            let fridayChecklist = try await nurse.get(friday + "/checklist")
            let empty = try await nurse.post(today + "/procedure/addenda", pairs: [("text", "  ")])
            let control = try await nurse.post(today + "/procedure/addenda", pairs: [("text", "Bad\u{0}text")])
            let added = try await nurse.post(today + "/procedure/addenda", pairs: [("text", "Patient called at 4 PM: numbness gone.")])
            let shown = try await physician.get(today + "/procedure")
            let facts = try await DecisionSupportQueries.facts(for: patient, on: context.app.db)
            // check
            #expect(!before.text.contains("No signed consent covers this day."))
            #expect(fridayChecklist.text.contains("No signed consent covers this day."), "the one session is used")
            #expect(draftAddendum.status == .seeOther && empty.status == .unprocessableEntity && empty.text.contains("Write the addendum."))
            #expect(control.status == .unprocessableEntity && added.status == .seeOther && added.location?.contains("#addendum-") == true)
            #expect(shown.text.contains("Patient called at 4 PM: numbness gone.") && shown.text.contains("Addendum by Test Nurse"))
            let fact = try #require(facts.procedures.first)
            #expect(facts.procedures.count == 1 && fact.intervention == "esi-transforaminal-lumbar" && fact.side == .left)
            #expect(fact.steroidMilligrams == 10 * Steroid.dexamethasone.triamcinoloneFactor && fact.date == CalendarDate(year: 2026, month: 11, day: 18))
            let encounters = try await Encounter.query(on: context.app.db).filter(\.$patientID == patient.id).all()
            #expect(encounters.map(\.kind) == ["procedure"] && encounters.map(\.status) == ["finished"])
            let appointment = try await AppointmentRecord.query(on: context.app.db).filter(\.$date == "2026-11-18").first()
            #expect(appointment?.encounterID == encounters.first?.id && appointment?.status == "completed")
            #expect(try await context.auditEvents(.addendumCreate).count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aComplicationIsRecordedAgainstASignedProcedureAndUpdatedAsItResolves(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: today's epidural signed, Friday's not yet done
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            let coordinator = try await context.signedIn(.coordinator)
            let provider = try await context.procedureSuite()
            let patient = try await context.makePatient()
            let today = try await book(patient, "11/18/2026", provider, by: nurse), friday = try await book(patient, "11/20/2026", provider, by: nurse)
            _ = try await physician.post(today + "/checklist/override", pairs: [("version", "0"), ("reason", "Checked on paper")])
            _ = try await physician.post(today + "/procedure/sign", pairs: [("version", "0")] + Self.done)
            let complications = today + "/procedure/complications"
            let headache: [(String, String)] = [("kind", "dural-puncture-headache"), ("onsetOn", "11/18/2026"), ("severity", "moderate"),
                                                ("management", "Fluids and caffeine"), ("outcome", "ongoing")]
            // act
            let form = try await nurse.get(complications + "/new?onsetOn=2026-11-18&description=Headache+when+standing")
            let notDone = try await nurse.get(friday + "/procedure/complications/new")
            let desk = try await coordinator.post(complications, pairs: headache)
            let early = try await nurse.post(complications, pairs: headache.map { $0.0 == "onsetOn" ? ("onsetOn", "11/17/2026") : $0 } + [("version", "0")])
            let recorded = try await nurse.post(complications, pairs: headache + [("version", "0")])
            let record = try #require(try await ComplicationRecord.query(on: context.app.db).first())
            let path = try complications + "/" + record.requireID().uuidString
            let resolved = headache.map { $0.0 == "outcome" ? ("outcome", "resolved") : $0 } + [("resolvedOn", "11/18/2026")]
            let updated = try await physician.post(path, pairs: resolved + [("version", "1")])
            let stale = try await nurse.post(path, pairs: resolved + [("version", "1"), ("management", "Blood patch")])
            let shown = try await nurse.get(today + "/procedure")
            // check
            #expect(form.status == .ok && form.text.contains("11/18/2026") && form.text.contains("Headache when standing"))
            #expect(notDone.status == .conflict && desk.status == .forbidden)
            #expect(early.status == .unprocessableEntity && early.text.contains("cannot start before it, on 11/18/2026"))
            #expect(recorded.status == .seeOther && updated.status == .seeOther && stale.status == .conflict)
            #expect(shown.text.contains("Post-dural-puncture headache from 11/18/2026, moderate: resolved on 11/18/2026"))
            let stored = try await ComplicationRecord.find(record.id, on: context.app.db)
            #expect(stored?.outcome == "resolved" && stored?.version == 2 && stored?.intervention == "esi-transforaminal-lumbar")
            #expect(try await context.auditEvents(.recordCreate).filter { $0.resourceType == "AdverseEvent" }.count == 1)
            let sql = context.app.db.sql
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM complications").run() }
        }
    }
}
