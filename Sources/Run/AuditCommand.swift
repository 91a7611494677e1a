import App
import Vapor

/// `relief audit verify`: checks every link of the audit trail's hash chain; exits non-zero at the first broken one.
struct AuditCommand: AsyncCommandGroup {
    var help: String { "Check the audit trail" }
    var commands: [String: any AnyAsyncCommand] { ["verify": AuditVerifyCommand()] }
}

struct AuditVerifyCommand: AsyncCommand {
    struct Signature: CommandSignature { init() {} }
    var help: String { "Check that no audit row was changed, removed or slipped in since it was written" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let report = try await AuditTrail.verifyFromCommandLine(on: context.application)
        guard report.intact else { throw CommandFailure("The audit trail is broken: \(report.text)") }
        context.console.print(report.text)
    }
}
