import Fluent
import Foundation
import NIOPosix
import ReliefCore
import SQLKit
import Testing
import VaporTesting
@testable import App

/// Reminder e-mails through the practice's mail server (a sink on 127.0.0.1): queued once per appointment day and
/// time, sent, tried again after a refusal that may pass, given up on after one that will not, withdrawn when the
/// appointment moved, and sent once when two instances send at once.
@Suite struct ReminderEmailTests {
    private func settings(_ sink: SMTPSink) throws -> MailSettings {
        try MailSettings.parse(url: "smtp://127.0.0.1:\(sink.port)", from: "Springfield Pain Center <reminders@clinic.example>", phone: "(217) 555-0100")
    }

    /// Runs `test` against Relief set up to send through a fresh sink.
    private func withMail(_ database: TestDatabase, _ test: (TestContext, SMTPSink, MailSettings) async throws -> Void) async throws {
        let sink = try await SMTPSink.start(on: MultiThreadedEventLoopGroup.singleton)
        let mail = try settings(sink)
        do {
            try await withRelief(database, adjust: { $0.mail = mail; $0.mailInterval = 0 }) { context in try await test(context, sink, mail) }
        } catch {
            await sink.stop()
            throw error
        }
        await sink.stop()
    }

    /// Books a follow-up visit in Suite 1 on `date` at `start`; the appointment's address.
    private func book(_ context: TestContext, _ patient: PatientRecord, by desk: Browser, date: String = "11/20/2026", start: String) async throws -> String {
        let provider = try await context.procedureSuite()
        let booked = try await desk.post(SitePath.appointments(patient.id), pairs: [
            ("kind", "follow-up"), ("provider", provider.uuidString), ("room", "suite-1"), ("date", date), ("start", start)])
        return try #require(booked.location, "booked: \(booked.status) \(booked.text.prefix(300))")
    }

    private func text(of message: SMTPSink.Received) -> String {
        let body = message.data.components(separatedBy: "\r\n\r\n").dropFirst().joined().replacingOccurrences(of: "\r\n", with: "")
        return Data(base64Encoded: body).flatMap { String(data: $0, encoding: .utf8) } ?? ""
    }

    @Test(arguments: TestDatabase.available)
    func aBookedPatientWithAnEmailAddressIsRemindedOnceWithoutClinicalDetail(database: TestDatabase) async throws {
        try await withMail(database) { context, sink, mail in
            // setup: Wednesday 11/18; Anna (e-mail) and Ben (none) on Friday, Carl (e-mail) on Monday 11/23, beyond two working days
            let desk = try await context.signedIn(.coordinator)
            let anna = try await context.makePatient([.givenName: "Anna", .familyName: "Berg", .email: "anna@example.com"])
            let ben = try await context.makePatient([.givenName: "Ben", .familyName: "Cole"])
            let carl = try await context.makePatient([.givenName: "Carl", .familyName: "Dunn", .email: "carl@example.com"])
            try await book(context, anna, by: desk, start: "9:00")
            try await book(context, ben, by: desk, start: "10:00")
            try await book(context, carl, by: desk, date: "11/23/2026", start: "9:00")
            // act
            let first = try await OutboxWorker.round(context.app, settings: mail)
            let second = try await OutboxWorker.round(context.app, settings: mail)
            let list = try await desk.get(SitePath.reminderCalls())
            // check
            #expect(first == OutboxWorker.Round(queued: 1, sent: 1) && second == OutboxWorker.Round())
            let message = try #require(sink.received.first)
            #expect(sink.received.count == 1 && message.from == "<reminders@clinic.example>" && message.to == ["<anna@example.com>"])
            #expect(message.data.contains("Subject: Reminder: your appointment on Friday 11/20/2026 at 9:00 AM"))
            #expect(message.data.contains("From: \"Springfield Pain Center\" <reminders@clinic.example>"))
            let body = text(of: message)
            #expect(body.contains("Dear Anna,") && body.contains("please call us at (217) 555-0100") && !body.contains("Follow-up"), "\(body)")
            #expect(list.text.contains("by e-mail to anna@example.com") && list.text.contains("Patients with an e-mail address are reminded by e-mail"))
            let sent = try await context.auditEvents(.mailSend)
            #expect(sent.count == 1 && sent[0].userEmail == "relief" && sent[0].patientID == anna.id)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aRefusalThatMayPassIsTriedAgainAndOneThatWillNotIsGivenUpOnForACall(database: TestDatabase) async throws {
        try await withMail(database) { context, sink, mail in
            // setup
            let desk = try await context.signedIn(.coordinator)
            let anna = try await context.makePatient([.givenName: "Anna", .familyName: "Berg", .email: "anna@example.com"])
            try await book(context, anna, by: desk, start: "9:00")
            sink.answer(.tryLater)
            // act
            let refused = try await OutboxWorker.round(context.app, settings: mail)
            let waiting = try await OutboxWorker.round(context.app, settings: mail)
            let listed = try await desk.get(SitePath.reminderCalls())
            context.clock.advance(minutes: 5.1)
            sink.answer(.accept)
            let retried = try await OutboxWorker.round(context.app, settings: mail)
            let ben = try await context.makePatient([.givenName: "Ben", .familyName: "Cole", .email: "nobody@example.com"])
            try await book(context, ben, by: desk, start: "10:00")
            sink.answer(.refuse)
            let given = try await OutboxWorker.round(context.app, settings: mail)
            let later = try await desk.get(SitePath.reminderCalls())
            // check
            #expect(refused == OutboxWorker.Round(queued: 1, failed: 1) && waiting == OutboxWorker.Round())
            #expect(listed.text.contains("E-mail to anna@example.com not taken yet") && listed.text.contains("451"))
            #expect(retried == OutboxWorker.Round(sent: 1) && sink.received.count == 1)
            #expect(given == OutboxWorker.Round(queued: 1, failed: 1))
            #expect(later.text.contains("E-mail to nobody@example.com not sent") && later.text.contains("550") && later.text.contains("Call instead."))
            #expect(try await context.auditEvents(.mailFailure).count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aReminderOfAMovedAppointmentIsWithdrawnAndTheNewTimeReminded(database: TestDatabase) async throws {
        try await withMail(database) { context, sink, mail in
            // setup: queued for Friday 9:00, then moved to 11:00 before it went
            let desk = try await context.signedIn(.coordinator)
            let anna = try await context.makePatient([.givenName: "Anna", .familyName: "Berg", .email: "anna@example.com"])
            let appointment = try await book(context, anna, by: desk, start: "9:00")
            _ = try await OutboxQueries.queueReminders(today: CalendarDate(context.clock.now), now: context.clock.now, settings: mail, on: context.app.db)
            let provider = try await context.procedureSuite()
            try await desk.get(appointment)
            let moved = try await desk.post(appointment + "/move", pairs: [("kind", "follow-up"), ("provider", provider.uuidString), ("room", "suite-1"),
                                                                          ("date", "11/20/2026"), ("start", "11:00"), ("version", "1")])
            // act
            let round = try await OutboxWorker.round(context.app, settings: mail)
            // check
            #expect(moved.status == .seeOther)
            #expect(round == OutboxWorker.Round(queued: 1, sent: 1, withdrawn: 1))
            #expect(sink.received.count == 1 && sink.received[0].data.contains("at 11:00 AM"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoInstancesSendingAtOnceSendEachReminderOnce(database: TestDatabase) async throws {
        try await withMail(database) { context, sink, mail in
            // setup: five patients on Friday
            let desk = try await context.signedIn(.coordinator)
            for index in 0..<5 {
                let patient = try await context.makePatient([.givenName: "P\(index)", .familyName: "Test", .email: "p\(index)@example.com"])
                try await book(context, patient, by: desk, start: "\(9 + index):00")
            }
            // act
            async let one = OutboxWorker.round(context.app, settings: mail)
            async let two = OutboxWorker.round(context.app, settings: mail)
            let rounds = try await [one, two]
            // check
            #expect(rounds.map(\.queued).reduce(0, +) == 5 && rounds.map(\.sent).reduce(0, +) == 5)
            #expect(sink.received.count == 5 && Set(sink.received.flatMap(\.to)).count == 5)
        }
    }
}
