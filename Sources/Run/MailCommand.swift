import App
import Foundation
import Vapor

/// `relief mail send`: one round of the outbox (queue the reminders due, send what is due), for a cron job or a
/// check of the mail settings; a serving instance does the same every minute.
struct MailCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "What to do: send") var action: String
        init() {}
    }

    var help: String { "Send the e-mail outbox once (reminders due, retries)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "send" else { throw CommandFailure("The action is: send") }
        guard let settings = context.application.config.mail else {
            throw CommandFailure("No mail server is set: RELIEF_SMTP_URL and RELIEF_MAIL_FROM (see docs/scheduling.md)")
        }
        let round = try await OutboxWorker.round(context.application, settings: settings)
        context.console.print("queued=\(round.queued) sent=\(round.sent) failed=\(round.failed) withdrawn=\(round.withdrawn)")
        if round.failed > 0 { throw CommandFailure("\(round.failed) e-mail(s) were not sent; the reminder list shows why") }
    }
}
