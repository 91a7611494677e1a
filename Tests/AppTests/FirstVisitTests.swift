import Fluent
import Foundation
import ReliefCore
import SQLKit
import Testing
import VaporTesting
@testable import App

/// The first-visit evaluation over HTTP: drafts, validation, signing, immutability, addenda and red-flag alerts.
@Suite struct FirstVisitTests {
    private let visit: [(String, String)] = [
        ("chiefComplaint", "Low back pain into the left leg"), ("onsetDate", "03/15/2026"), ("onsetMechanism", "work"),
        ("character", "burning"), ("character", "electric"), ("painNow", "6"), ("painWorst", "9"), ("painLeast", "3"),
        ("map.lower-back:left", "7"), ("map.calf:left", "5"), ("goal", "return-to-work"), ("history", "diabetes"),
        ("neuro.L5.left.strength", "reduced"), ("test.straight-leg-raise.left", "positive"),
        ("assessment", "Left L5 radiculopathy"),
    ]

    /// Starts an evaluation as the browser's user and returns its path.
    private func start(_ browser: Browser, _ patient: PatientRecord) async throws -> String {
        try await browser.get(SitePath.patient(patient.id))
        let response = try await browser.post(SitePath.evaluations(patient.id))
        #expect(response.status == .seeOther)
        let edit = try #require(response.location)
        return String(edit.dropLast("/edit".count))
    }

    private func version(_ browser: Browser, _ path: String) async throws -> String {
        let page = try await browser.get(path + "/edit")
        let marker = try #require(page.text.range(of: "name=\"version\" value=\""))
        return String(page.text[marker.upperBound...].prefix { $0 != "\"" })
    }

    @Test(arguments: TestDatabase.available)
    func aNurseDraftsAndAPhysicianSigns(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            let path = try await start(nurse, patient)
            // act
            let draft = try await nurse.post(path, pairs: [("version", try await version(nurse, path))] + visit)
            let signed = try await physician.post(path + "/sign", pairs: [("version", try await version(physician, path)), ("attest", "yes")] + visit)
            let document = try await physician.get(path)
            let chart = try await physician.get(SitePath.patient(patient.id))
            // check
            #expect(draft.status == .seeOther)
            #expect(signed.status == .seeOther && signed.location == path)
            #expect(document.text.contains("Signed by Test Physician"))
            #expect(document.text.contains("Burning, Electric, shock-like"))
            #expect(document.text.contains("8 months — chronic"))
            #expect(document.text.contains("Left lower back 7/10"))
            #expect(document.text.contains("L5 left: strength reduced"))
            #expect(chart.text.contains("New-patient evaluation") && chart.text.contains(">Signed<"))
            for action: AuditAction in [.evaluationCreate, .evaluationUpdate, .evaluationSign, .evaluationView] {
                #expect(try await context.auditEvents(action).allSatisfy { $0.patientID == patient.id })
                #expect(try await !context.auditEvents(action).isEmpty, "\(action)")
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func signingAsksForTheAttestationAndANewAddendumIsScrolledTo(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let physician = try await context.signedIn(.physician)
            let path = try await start(physician, patient)
            let form = try await physician.get(path + "/edit")
            // act
            let unattested = try await physician.post(path + "/sign", pairs: [("version", try await version(physician, path))] + visit)
            let signed = try await physician.post(path + "/sign", pairs: [("version", try await version(physician, path)), ("attest", "yes")] + visit)
            try await physician.get(path)
            let addendum = try await physician.post(path + "/addenda", pairs: [("text", "MRI reviewed.")])
            let document = try await physician.get(path)
            // check
            #expect(form.text.contains(EvaluationForm.attestation))
            #expect(unattested.status == .unprocessableEntity && unattested.text.contains("Attestation: Tick the attestation to sign the note."))
            #expect(unattested.text.contains("Left L5 radiculopathy"), "the typing comes back")
            #expect(signed.status == .seeOther)
            let anchor = try #require(addendum.location?.split(separator: "#").last.map(String.init))
            #expect(addendum.location?.hasPrefix(path + "#addendum-") == true && document.text.contains("id=\"\(anchor)\""))
        }
    }

    @Test(arguments: TestDatabase.available)
    func badInputComesBackOnItsFieldAndNothingIsSaved(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let path = try await start(nurse, patient)
            let fields = [("version", try await version(nurse, path)), ("chiefComplaint", "Neck pain"), ("painNow", "11"),
                          ("painWorst", "x"), ("onsetDate", "12/24/2026"), ("radiation", "Right arm"), ("map.calf:left", "12")]
            // act
            let response = try await nurse.post(path, pairs: fields)
            // check
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Enter a whole number from 0 to 10."))
            #expect(response.text.contains("The onset cannot be after today."))
            // the summary names each field, in the form's order, and links to it
            let summary = try #require(response.text.section(from: "class=\"error-summary\"", to: "</ul>"))
            let named = ["Onset date: The onset", "Pain now: Enter a whole number", "Worst pain: Enter a whole number", "Left calf: Choose"]
            let positions = named.map { summary.range(of: $0)?.lowerBound }
            #expect(positions.allSatisfy { $0 != nil } && positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "\(summary)")
            #expect(summary.contains("href=\"#painWorst\""))
            #expect(response.text.contains("value=\"Right arm\""))
            let stored = try #require(try await Evaluation.query(on: context.app.db).first())
            #expect(try stored.decoded() == EvaluationContent())
            #expect(stored.version == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aStaleDraftIsAConflictThatKeepsTheEntries(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            let path = try await start(nurse, patient)
            let base = try await version(nurse, path)
            try await physician.get(path + "/edit")
            // act
            let first = try await physician.post(path, pairs: [("version", base), ("chiefComplaint", "Physician's words")])
            let second = try await nurse.post(path, pairs: [("version", base), ("chiefComplaint", "Nurse's words")])
            // check
            #expect(first.status == .seeOther)
            #expect(second.status == .conflict)
            #expect(second.text.contains("Someone else saved this evaluation"))
            #expect(second.text.contains("value=\"Nurse&#39;s words\""))
            let stored = try #require(try await Evaluation.query(on: context.app.db).first())
            #expect(try stored.decoded().chiefComplaint == "Physician's words")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aDraftKeepsAnOnsetKnownToTheMonthButSigningAsksForTheDay(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let physician = try await context.signedIn(.physician)
            let path = try await start(physician, patient)
            let fields = [("chiefComplaint", "Neck pain"), ("onsetDate", "03/2025")]
            // act
            let draft = try await physician.post(path, pairs: [("version", try await version(physician, path))] + fields)
            let edit = try await physician.get(path + "/edit")
            let sign = try await physician.post(path + "/sign", pairs: [("version", try await version(physician, path)), ("attest", "yes")] + fields)
            // check
            #expect(draft.status == .seeOther)
            #expect(edit.text.contains("value=\"03/2025\""))
            #expect(sign.status == .unprocessableEntity)
            #expect(sign.text.contains("Onset date: Signing needs the whole onset date"))
            let stored = try #require(try await Evaluation.query(on: context.app.db).first())
            #expect(try stored.decoded().onsetDate?.description == "2025-03" && !stored.isSigned)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aSignedNoteCannotChangeButTakesAddenda(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let physician = try await context.signedIn(.physician)
            let path = try await start(physician, patient)
            let base = try await version(physician, path)
            try await physician.post(path + "/sign", pairs: [("version", base), ("attest", "yes")] + visit)
            let signedVersion = String(Int(base)! + 1)
            // act
            let edit = try await physician.post(path, pairs: [("version", signedVersion), ("chiefComplaint", "Changed")])
            let editPage = try await physician.get(path + "/edit")
            let emptyAddendum = try await physician.post(path + "/addenda", pairs: [("text", "")])
            let addendum = try await physician.post(path + "/addenda", pairs: [("text", "MRI reviewed: L4-5 protrusion.")])
            let document = try await physician.get(path)
            // check
            #expect(edit.status == .conflict)
            #expect(edit.text.contains("signed meanwhile"))
            #expect(!edit.text.contains("Sign note"))
            #expect(editPage.status == .seeOther)
            #expect(emptyAddendum.status == .unprocessableEntity)
            #expect(addendum.status == .seeOther)
            #expect(document.text.contains("MRI reviewed: L4-5 protrusion."))
            #expect(document.text.contains("Addendum by Test Physician"))
            let stored = try #require(try await Evaluation.query(on: context.app.db).first())
            #expect(try stored.decoded().chiefComplaint == "Low back pain into the left leg")
            // The database itself refuses to change the signed note or the addendum.
            await #expect(throws: (any Error).self) {
                try await context.app.db.sql.raw("UPDATE evaluations SET content = '{}'").run()
            }
            await #expect(throws: (any Error).self) { try await context.app.db.sql.raw("DELETE FROM addenda").run() }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aRedFlagStaysOnTheChartUntilAPhysicianResolvesIt(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            let path = try await start(nurse, patient)
            let flagged = [("chiefComplaint", "Back pain"), ("redFlag", "saddle-anaesthesia"), ("redFlag", "fever-chills")]
            // act: the nurse records two red flags, then saves again with one unticked
            try await nurse.post(path, pairs: [("version", try await version(nurse, path))] + flagged)
            try await nurse.post(path, pairs: [("version", try await version(nurse, path)), ("chiefComplaint", "Back pain"),
                                               ("redFlag", "saddle-anaesthesia")])
            let nurseChart = try await nurse.get(SitePath.patient(patient.id))
            let alerts = try await EvaluationQueries.openAlerts(patientID: patient.id, on: context.app.db)
            let nurseResolve = try await nurse.post(SitePath.resolveAlert(patient.id, alerts[0].id), form: ["reason": "x"])
            try await physician.get(SitePath.patient(patient.id))
            let noReason = try await physician.post(SitePath.resolveAlert(patient.id, alerts[0].id), form: ["reason": ""])
            let tooLong = try await physician.post(SitePath.resolveAlert(patient.id, alerts[0].id), form: ["reason": String(repeating: "a", count: 1001)])
            let resolved = try await physician.post(SitePath.resolveAlert(patient.id, alerts[0].id),
                                                    form: ["reason": "MRI: no cauda equina compression"])
            let again = try await physician.post(SitePath.resolveAlert(patient.id, alerts[0].id), form: ["reason": "twice"])
            // the physician signs the note with the resolved flag still ticked: it is not raised again
            try await physician.post(path + "/sign", pairs: [("version", try await version(physician, path)), ("attest", "yes")] + flagged)
            let remaining = try await EvaluationQueries.openAlerts(patientID: patient.id, on: context.app.db)
            // check
            #expect(alerts.map(\.code) == ["saddle-anaesthesia", "fever-chills"])
            #expect(nurseChart.text.contains("Red flag: Saddle anaesthesia — rule out before interventional treatment."))
            #expect(!nurseChart.text.contains(">Resolve<"))
            #expect(nurseResolve.status == .forbidden)
            #expect(noReason.status == .unprocessableEntity && noReason.text.contains("Give the reason the alert is resolved."))
            #expect(noReason.text.contains("Red flag: Saddle anaesthesia"), "the page says which alert")
            #expect(tooLong.status == .unprocessableEntity && tooLong.text.contains(String(repeating: "a", count: 1001)), "the reason is kept")
            #expect(resolved.status == .seeOther)
            #expect(again.status == .conflict)
            #expect(remaining.map(\.code) == ["fever-chills"])
            let closed = try #require(try await ChartAlert.find(alerts[0].id, on: context.app.db))
            #expect(closed.resolution == "MRI: no cauda equina compression" && closed.resolvedBy != nil)
            #expect(try await context.auditEvents(.alertRaise).count == 2)
            #expect(try await context.auditEvents(.alertResolve).count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theFrontDeskSeesNoClinicalNotes(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let coordinator = try await context.signedIn(.coordinator)
            let path = try await start(nurse, patient)
            // act
            let chart = try await coordinator.get(SitePath.patient(patient.id))
            let note = try await coordinator.get(path)
            // check
            #expect(chart.status == .ok && !chart.text.contains("Encounters"))
            #expect(note.status == .forbidden)
        }
    }
}

extension FirstVisitTests {
    @Test(arguments: TestDatabase.available)
    func theChartShowsTheLatestPainMapAndComparesTwoDates(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: a first visit, then six weeks later an evaluation with less pain and the calf clear
            let patient = try await context.makePatient()
            let physician = try await context.signedIn(.physician)
            let first = try await start(physician, patient)
            try await physician.post(first, pairs: [("version", try await version(physician, first))] + visit)
            context.clock.advance(minutes: 42 * 24 * 60)
            try await physician.login(email: "physician@test.relief", password: TestContext.password)
            let later = try await start(physician, patient)
            let eased = visit.filter { !$0.0.hasPrefix("map.") } + [("map.lower-back:left", "4")]
            try await physician.post(later, pairs: [("version", try await version(physician, later))] + eased)
            // act
            let chart = try await physician.get(SitePath.patient(patient.id))
            let comparison = try await physician.get(SitePath.painMap(patient.id))
            let reversed = try await physician.get(SitePath.painMap(patient.id) + "?from=\(later.split(separator: "/").last!)&to=\(first.split(separator: "/").last!)")
            // check
            #expect(chart.text.contains("Where it hurts") && chart.text.contains("Left lower back 4/10") && chart.text.contains("Compare dates"))
            #expect(comparison.text.contains("eased by 3") && comparison.text.contains("gone"))
            #expect(comparison.text.contains("Regions marked: 2 → 1; highest intensity: 7/10 → 4/10."))
            #expect(reversed.text.contains("worse by 3") && reversed.text.contains("new"))
        }
    }
}

extension FirstVisitTests {
    @Test(arguments: TestDatabase.available)
    func aFollowUpVisitIsStartedForItsDayAndAFutureDayIsRefusedOnItsField(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let first = try await nurse.get(SitePath.patient(patient.id))
            // act
            let future = try await nurse.post(SitePath.evaluations(patient.id), pairs: [("kind", "follow-up"), ("occurredOn", "11/19/2026")])
            let procedure = try await nurse.post(SitePath.evaluations(patient.id), pairs: [("kind", "procedure")])
            let started = try await nurse.post(SitePath.evaluations(patient.id), pairs: [("kind", "follow-up"), ("occurredOn", "11/16/2026")])
            let form = try await nurse.get(try #require(started.location))
            let chart = try await nurse.get(SitePath.patient(patient.id))
            // check
            #expect(first.text.contains("<option value=\"new-patient-evaluation\" selected>"), "a first visit by default")
            #expect(future.status == .unprocessableEntity && future.text.contains("The visit date cannot be after today."))
            #expect(future.text.contains("value=\"11/19/2026\""), "the entry is kept")
            #expect(procedure.status == .unprocessableEntity && procedure.text.contains("documented with its procedure record"))
            #expect(started.status == .seeOther && form.text.contains("Follow-up visit, 11/16/2026"))
            #expect(chart.text.contains("<option value=\"follow-up\" selected>"), "a follow-up once the patient has been seen")
            #expect(try await Encounter.query(on: context.app.db).all().map(\.occurredOn) == ["2026-11-16"])
        }
    }
}
