import App
import Foundation
import ReliefCore
import Vapor

/// `relief fhir import FILE|DIR --user EMAIL`: a practice's patients from another system's FHIR bundles.
struct FHIRCommand: AsyncCommandGroup {
    var help: String { "FHIR: import bundles from another system" }
    var commands: [String: any AnyAsyncCommand] { ["import": FHIRImportCommand()] }
}

struct FHIRImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "path", help: "A bundle (.json), or a directory of them") var path: String
        @Option(name: "user", help: "The physician the import is recorded under (an email)") var user: String?
        init() {}
    }

    var help: String { "Import patients with their problems, allergies and medications; importing again adds nothing new" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let user = signature.user, !user.isEmpty else { throw CommandFailure("Name who imports: relief fhir import PATH --user EMAIL") }
        let report: FHIRImportReport
        do {
            report = try await FHIRCommandLineImport.run(context.application, path: signature.path, userEmail: user)
        } catch let error as CommandLineImportError {
            throw CommandFailure(error.message)
        }
        for line in report.lines { context.console.print(line) }
        let failed = report.failed.count
        if failed > 0 { throw CommandFailure("\(failed) resources were not imported; see above.") }
    }
}
