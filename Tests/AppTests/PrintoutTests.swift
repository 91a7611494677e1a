import Fluent
import Foundation
import ReliefCore
import SQLKit
import Testing
import VaporTesting
@testable import App

/// Paper from the chart: the signed note, the patient's instructions, the medication and allergy list, and letters.
@Suite struct PrintoutTests {
    private let visit: [(String, String)] = [
        ("chiefComplaint", "Low back pain into the left leg"), ("onsetDate", "03/15/2026"), ("painNow", "6"), ("painWorst", "9"),
        ("test.straight-leg-raise.left", "positive"), ("assessment", "Left L5 radiculopathy"),
        ("plan", "Transforaminal epidural steroid injection"), ("patientInstructions", "Walk for ten minutes twice a day."),
    ]

    /// A note the physician signed for a patient referred by Dr. Lena Park; returns the note's path.
    private func signedNote(_ context: TestContext, _ physician: Browser, _ patient: PatientRecord) async throws -> String {
        try await physician.get(SitePath.patient(patient.id))
        let started = try await physician.post(SitePath.evaluations(patient.id))
        let path = String(try #require(started.location).dropLast("/edit".count))
        let signed = try await physician.post(path + "/sign", pairs: [("version", "1"), ("attest", "yes")] + visit)
        #expect(signed.status == .seeOther)
        return path
    }

    private func referred(_ context: TestContext) async throws -> PatientRecord {
        try await context.makePatient([.referringName: "Dr. Lena Park", .referringPractice: "Lakeside Family Medicine"])
    }

    @Test(arguments: TestDatabase.available)
    func theSignedNotePrintsWithTheIdentityLineAndIsAudited(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await referred(context)
            let physician = try await context.signedIn(.physician)
            let path = try await signedNote(context, physician, patient)
            // act
            let document = try await physician.get(path)
            let printed = try await physician.get(path + "/print")
            // check
            #expect(document.text.contains("Print note") && document.text.contains("Print instructions"))
            #expect(printed.status == .ok)
            #expect(printed.text.contains("class=\"print-identity\"") && printed.text.contains("<thead>"))
            #expect(printed.text.contains("Müller") && printed.text.contains("DOB 03/04/1961") && printed.text.contains("MRN \(patient.mrn)"))
            #expect(printed.text.contains("Printed ") && printed.text.contains("by Test Physician"))
            #expect(printed.text.contains("Left L5 radiculopathy") && printed.text.contains("Signed by Test Physician"))
            #expect(!printed.text.contains("<form") && !printed.text.contains("site-header"))
            let audit = try await context.auditEvents(.documentPrint)
            #expect(audit.count == 1 && audit.first?.patientID == patient.id && audit.first?.detail == "visit note")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aDraftIsNotPrintedNorMadeALetter(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await referred(context)
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            try await nurse.get(SitePath.patient(patient.id))
            let started = try await nurse.post(SitePath.evaluations(patient.id))
            let path = String(try #require(started.location).dropLast("/edit".count))
            // act
            let print = try await nurse.get(path + "/print")
            let instructions = try await nurse.get(path + "/instructions")
            let letter = try await physician.get(path + "/letters/new")
            let document = try await nurse.get(path)
            // check
            #expect(print.status == .conflict && instructions.status == .conflict && letter.status == .conflict)
            #expect(print.text.contains("sign it before printing"))
            #expect(!document.text.contains("Print note"))
            #expect(try await context.auditEvents(.documentPrint).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theInstructionsSpeakToThePatientWithTheirMedicinesAndAllergies(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await referred(context)
            let physician = try await context.signedIn(.physician)
            let nurse = try await context.signedIn(.nurse)
            let path = try await signedNote(context, physician, patient)
            try await nurse.get(SitePath.newChartEntry(.medication)(patient.id))
            try await nurse.post(SitePath.chartEntries(.medication)(patient.id), pairs: [
                ("drug", "oxycodone"), ("strength", "10"), ("unit", "mg"), ("unitsPerDose", "1"), ("frequency", "q6h"), ("route", "oral"),
                ("indication", "Back pain"), ("prescriber", "Dr Ames"), ("status", "active"),
            ])
            try await nurse.post(SitePath.chartEntries(.allergy)(patient.id), pairs: [
                ("substance", "iodinated-contrast"), ("reaction", "hives"), ("severity", "severe"), ("status", "active"),
            ])
            // act
            let instructions = try await nurse.get(path + "/instructions")
            let list = try await nurse.get(SitePath.printMedications(patient.id))
            let medications = try await nurse.get(SitePath.chartEntries(.medication)(patient.id))
            // check
            #expect(instructions.status == .ok)
            #expect(instructions.text.contains("Walk for ten minutes twice a day."))
            #expect(instructions.text.contains("Oxycodone") && instructions.text.contains("10 mg") && instructions.text.contains("Back pain"))
            #expect(instructions.text.contains("Iodinated contrast") && instructions.text.contains("Hives"))
            #expect(!instructions.text.contains("MME") && !instructions.text.contains("Source:"), "no clinical figures or sources for the patient")
            #expect(list.status == .ok && list.text.contains("Daily opioid dose: 60 MME."))
            #expect(list.text.contains("MRN \(patient.mrn)") && list.text.contains("Iodinated contrast"))
            #expect(medications.text.contains("Print medication and allergy list"))
            #expect(try await context.auditEvents(.documentPrint).map(\.detail) == ["patient instructions", "medication and allergy list"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func aLetterIsDraftedFromTheNoteEditedAndKeptAsPrinted(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await referred(context)
            let physician = try await context.signedIn(.physician)
            let path = try await signedNote(context, physician, patient)
            // act
            let draft = try await physician.get(path + "/letters/new")
            let empty = try await physician.post(path + "/letters", pairs: [("recipient", "Dr. Lena Park"), ("text", "  ")])
            let hostile = try await physician.post(path + "/letters", pairs: [("recipient", "Dr.\u{0}Park"), ("text", "Dear colleague")])
            let saved = try await physician.post(path + "/letters", pairs: [
                ("recipient", "Dr. Lena Park, Lakeside Family Medicine"), ("text", "Dear Lena,\n\nWe will inject on Monday.\n\nAna"),
            ])
            let letter = try await physician.get(try #require(saved.location))
            let document = try await physician.get(path)
            // check
            #expect(draft.text.contains("Dear Dr. Lena Park,") && draft.text.contains("referring Zoë Müller (born 03/04/1961)") && draft.text.contains("Left L5 radiculopathy"))
            #expect(draft.text.contains("value=\"Dr. Lena Park, Lakeside Family Medicine\""))
            #expect(empty.status == .unprocessableEntity && empty.text.contains("Letter: Write the letter."))
            #expect(empty.text.contains("value=\"Dr. Lena Park\""), "what was typed comes back")
            #expect(hostile.status == .unprocessableEntity)
            #expect(saved.status == .seeOther)
            #expect(letter.text.contains("We will inject on Monday.") && letter.text.contains("Re: Zoë Müller"))
            #expect(letter.text.contains("MRN \(patient.mrn)"))
            #expect(document.text.contains("To Dr. Lena Park, Lakeside Family Medicine, by Test Physician"))
            #expect(try await context.auditEvents(.letterCreate).count == 1)
            #expect(try await Letter.query(on: context.app.db).count() == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aKeptLetterCannotBeChangedOrRemoved(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await referred(context)
            let physician = try await context.signedIn(.physician)
            let path = try await signedNote(context, physician, patient)
            try await physician.get(path + "/letters/new")
            try await physician.post(path + "/letters", pairs: [("recipient", "Dr. Lena Park"), ("text", "Dear Lena")])
            let sql = context.app.db.sql
            // act
            let update: Void? = try? await sql.raw("UPDATE letters SET text = 'changed'").run()
            let delete: Void? = try? await sql.raw("DELETE FROM letters").run()
            // check
            #expect(update == nil && delete == nil)
            #expect(try await Letter.query(on: context.app.db).first()?.text == "Dear Lena")
        }
    }
}
