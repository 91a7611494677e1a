import Fluent
import Foundation
import ReliefCore
import SQLKit
import Testing
import VaporTesting
@testable import App

/// A form sent after its session ended is kept for its author, comes back after signing in again, and is let go
/// once sent on or discarded; nobody else gets it.
@Suite struct UnsavedSubmissionTests {
    private let typed: [(String, String)] = [
        ("chiefComplaint", "Low back pain into the left leg"), ("painNow", "6"), ("assessment", "Left L5 radiculopathy, typed for 40 minutes"),
    ]

    /// A nurse's evaluation page, open until the session ends; returns its path and version.
    private func openEvaluation(_ context: TestContext, _ nurse: Browser) async throws -> (path: String, version: String) {
        let patient = try await context.makePatient()
        try await nurse.get(SitePath.patient(patient.id))
        let path = String(try #require(try await nurse.post(SitePath.evaluations(patient.id)).location).dropLast("/edit".count))
        let page = try await nurse.get(path + "/edit")
        let marker = try #require(page.text.range(of: "name=\"version\" value=\""))
        return (path, String(page.text[marker.upperBound...].prefix { $0 != "\"" }))
    }

    private func keptCount(_ context: TestContext) async throws -> Int {
        try await context.app.db.sql.raw("SELECT COUNT(*) AS n FROM unsaved_submissions").first()?.decode(column: "n", as: Int.self) ?? -1
    }

    @Test(arguments: TestDatabase.available)
    func typedWorkSentAfterTheSessionEndedComesBackAfterSigningInAndIsSaved(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let nurse = try await context.signedIn(.nurse)
            let (path, version) = try await openEvaluation(context, nurse)
            context.clock.advance(minutes: 31)
            // act
            let late = try await nurse.post(path, pairs: [("version", version)] + typed)
            let signInPage = try await nurse.get(SitePath.login())
            let signIn = try await nurse.post(SitePath.login(), form: ["email": "nurse@test.relief", "password": TestContext.password])
            let back = try await nurse.get(SitePath.unsaved())
            let keptID = try #require(back.text.range(of: "name=\"_unsaved\" value=\"").map { String(back.text[$0.upperBound...].prefix(36)) })
            let sent = try await nurse.post(path, pairs: [("version", version)] + typed + [("_unsaved", keptID)])
            let again = try await nurse.get(SitePath.unsaved())
            // check
            #expect(late.status == .seeOther && late.location == SitePath.login() + "?expired=1")
            #expect(nurse.cookies[UnsavedSubmission.cookieName] == nil, "let go once sent")
            #expect(signInPage.text.contains("it is kept, and comes back when you sign in again"))
            #expect(signIn.location == SitePath.unsaved())
            #expect(back.status == .ok && back.text.contains("Left L5 radiculopathy, typed for 40 minutes"))
            #expect(back.text.contains("action=\"\(path)\"") && back.text.contains("Chief complaint"))
            #expect(sent.status == .seeOther)
            #expect(again.status == .seeOther && again.location == SitePath.home())
            let stored = try #require(try await Evaluation.query(on: context.app.db).first())
            #expect(try stored.decoded().chiefComplaint == "Low back pain into the left leg")
            #expect(try await keptCount(context) == 0)
            let kept = try await context.auditEvents(.submissionKept)
            #expect(kept.count == 1 && kept.first?.patientID != nil && kept.first?.userID != nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theKeptFormShowsWhatWasTypedByLabelWithoutTheFormsDefaults(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: what a browser sends — every exam test at its "not done" default, one answered, empty fields
            let nurse = try await context.signedIn(.nurse)
            let (path, version) = try await openEvaluation(context, nurse)
            let defaults = ProvocationTest.allCases.flatMap { test in
                BodySide.allCases.map { (EvaluationForm.testField(test, $0), TestResult.notDone.rawValue) }
            }.filter { $0.0 != "test.straight-leg-raise.left" }
            let sent = typed + defaults + [("test.straight-leg-raise.left", "positive"), ("sleep", "wakes"), ("character", "burning"),
                                           ("character", "electric"), ("mood", ""), ("map.calf:left", "5")]
            context.clock.advance(minutes: 31)
            try await nurse.post(path, pairs: [("version", version)] + sent)
            try await nurse.get(SitePath.login())
            try await nurse.post(SitePath.login(), form: ["email": "nurse@test.relief", "password": TestContext.password])
            // act
            let back = try await nurse.get(SitePath.unsaved())
            // check
            let table = try #require(back.text.section(from: "unsaved-fields", to: "</table>"))
            let rows = table.components(separatedBy: "<tr>").dropFirst(2).map { row in
                row.replacingOccurrences(of: "<[^>]+>", with: "|", options: .regularExpression).split(separator: "|").joined(separator: ": ")
            }
            #expect(rows == ["Chief complaint: Low back pain into the left leg", "Character of the pain: Burning, Electric, shock-like",
                             "Pain now: 6", "Left calf: 5", "Sleep: \(SleepImpact.wakes.title)", "Straight leg raise left: Positive",
                             "Assessment: Left L5 radiculopathy, typed for 40 minutes"])
            #expect(back.text.contains("value=\"not-done\""), "the defaults are still sent on as they were")
        }
    }

    @Test(arguments: TestDatabase.available)
    func theKeptFormIsSealedAndNobodyElseGetsItBack(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let nurse = try await context.signedIn(.nurse)
            try await context.makeUser(.physician)
            let (path, version) = try await openEvaluation(context, nurse)
            context.clock.advance(minutes: 31)
            // act: the nurse's form arrives late; a physician then signs in on the same computer
            try await nurse.post(path, pairs: [("version", version)] + typed)
            let sealed = try await context.app.db.sql.raw("SELECT sealed FROM unsaved_submissions").first()?.decode(column: "sealed", as: String.self)
            try await nurse.get(SitePath.login())
            let physicianSignIn = try await nurse.post(SitePath.login(), form: ["email": "physician@test.relief", "password": TestContext.password])
            let physicianAsks = try await nurse.get(SitePath.unsaved())
            // a forged form with a made-up token after the end is refused as before
            let stranger = Browser(app: context.app)
            let forged = try await stranger.post(path, form: ["chiefComplaint": "forged"], csrf: "made-up-token")
            // check
            #expect(sealed.map { !$0.contains("radiculopathy") && !Data(base64Encoded: $0).map { String(decoding: $0, as: UTF8.self) }!.contains("radiculopathy") } == true)
            #expect(physicianSignIn.location != SitePath.unsaved())
            #expect(physicianAsks.status == .seeOther && physicianAsks.location == SitePath.home())
            #expect(forged.status == .forbidden)
            #expect(try await keptCount(context) == 1)
            #expect(try await context.auditEvents(.submissionKept).count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theAuthorCanDiscardIt(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let nurse = try await context.signedIn(.nurse)
            let (path, version) = try await openEvaluation(context, nurse)
            context.clock.advance(minutes: 31)
            try await nurse.post(path, pairs: [("version", version)] + typed)
            try await nurse.get(SitePath.login())
            try await nurse.post(SitePath.login(), form: ["email": "nurse@test.relief", "password": TestContext.password])
            try await nurse.get(SitePath.unsaved())
            // act
            let discarded = try await nurse.post(SitePath.discardUnsaved())
            // check
            #expect(discarded.status == .seeOther)
            #expect(try await keptCount(context) == 0)
            #expect(try await context.auditEvents(.submissionDiscard).count == 1)
            let stored = try #require(try await Evaluation.query(on: context.app.db).first())
            #expect(try stored.decoded().chiefComplaint == "")
        }
    }
}
