import Foundation
import NIOConcurrencyHelpers
import NIOCore
import ReliefCore
import Vapor

/// Sends the outbox while Relief serves: every `RELIEF_MAIL_INTERVAL_SECONDS` (60 by default) it queues the
/// reminders due and sends what is due, on every instance (taking an e-mail is atomic, so none goes twice).
/// `relief mail send` does one round from the command line.
public final class OutboxWorker: Sendable {
    public struct Round: Sendable, Equatable {
        public var queued = 0
        public var sent = 0
        public var failed = 0
        public var withdrawn = 0
    }

    private let task = NIOLockedValueBox<RepeatedTask?>(nil)

    /// Starts the rounds, when a mail server is set.
    func start(_ app: Application) {
        guard let settings = app.config.mail, app.config.mailInterval > 0 else { return }
        let interval = TimeAmount.seconds(Int64(app.config.mailInterval))
        let loop = app.eventLoopGroup.any()
        let repeated = loop.scheduleRepeatedAsyncTask(initialDelay: .seconds(5), delay: interval) { _ in
            loop.makeFutureWithTask {
                do {
                    let round = try await Self.round(app, settings: settings)
                    if round != Round() { app.logger.info("outbox: \(round.queued) queued, \(round.sent) sent, \(round.failed) failed, \(round.withdrawn) withdrawn") }
                } catch {
                    app.logger.error("outbox: \(error)")
                }
            }
        }
        task.withLockedValue { $0 = repeated }
    }

    func stop() {
        task.withLockedValue { current in
            current?.cancel()
            current = nil
        }
    }

    /// Queues the reminders due today, then sends what is due.
    public static func round(_ app: Application, settings: MailSettings) async throws -> Round {
        let now = app.config.now()
        var round = Round(queued: try await OutboxQueries.queueReminders(today: CalendarDate(now), now: now, settings: settings, on: app.db))
        for email in try await OutboxQueries.claim(now: now, on: app.db) {
            if let reason = try await OutboxQueries.staleness(of: email, on: app.db) {
                try await OutboxQueries.withdraw(email, reason: reason, now: app.config.now(), on: app.db)
                round.withdrawn += 1
                continue
            }
            let message = MailMessage(fromName: settings.fromName, fromAddress: settings.fromAddress, to: email.recipient, subject: email.subject,
                                      body: email.body, date: app.config.now(), messageID: email.id.lowercasedText)
            do {
                try await SMTPClient.send(message, with: settings, on: app.eventLoopGroup)
                try await OutboxQueries.sent(email, now: app.config.now(), on: app.db)
                round.sent += 1
            } catch {
                let refusal = error as? SMTPError ?? .transient("\(error)")
                try await OutboxQueries.failed(email, refusal, now: app.config.now(), on: app.db)
                round.failed += 1
            }
        }
        return round
    }
}
