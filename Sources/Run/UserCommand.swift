import App
import Foundation
import ReliefCore
import Vapor

/// `relief user create|list|disable`: staff accounts from the command line (the first administrator above all).
struct UserCommand: AsyncCommandGroup {
    var help: String { "Manage staff accounts" }
    var commands: [String: any AnyAsyncCommand] {
        ["create": UserCreateCommand(), "list": UserListCommand(), "disable": UserDisableCommand()]
    }
}

struct UserCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "Sign-in email") var email: String?
        @Option(name: "name", help: "Full name") var name: String?
        @Option(name: "role", help: "admin, physician, nurse, coordinator or therapist") var role: String?
        init() {}
    }

    var help: String { "Create an account; the password is read from standard input or asked for." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let password: String
        if isatty(FileHandle.standardInput.fileDescriptor) == 1 {
            let prompt = "Password (at least \(PasswordPolicy.minimumLength) characters):"
            password = context.console.ask(prompt.consoleText(), isSecure: true)
        } else {
            password = readLine(strippingNewline: true) ?? ""
        }
        do {
            let user = try await UserDirectory.createFromCommandLine(
                name: signature.name ?? "", email: signature.email ?? "", role: signature.role ?? "", password: password,
                on: context.application)
            context.console.print("Created \(user.role.title.lowercased()) \(user.name) <\(user.email)>.")
        } catch let failure as UserDirectory.Failure {
            throw CommandFailure("Not created: \(failure.description)")
        }
    }
}

struct UserListCommand: AsyncCommand {
    struct Signature: CommandSignature { init() {} }
    var help: String { "List accounts" }

    func run(using context: CommandContext, signature: Signature) async throws {
        for user in try await UserDirectory.listFromCommandLine(on: context.application) {
            let status = user.disabled ? "disabled" : user.recentFailures > 0 ? "active, \(user.recentFailures) recent failed sign-ins" : "active"
            context.console.print("\(user.email)\t\(user.role.rawValue)\t\(status)\t\(user.name)")
        }
    }
}

struct UserDisableCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "The account's email") var email: String?
        init() {}
    }

    var help: String { "Disable an account (it is kept, for the audit trail)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        do {
            try await UserDirectory.disableFromCommandLine(email: signature.email ?? "", on: context.application)
            context.console.print("Disabled \(signature.email ?? "").")
        } catch let failure as UserDirectory.Failure {
            throw CommandFailure("Not disabled: \(failure.description)")
        }
    }
}

/// A command's failure: printed, and the process exits non-zero.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
