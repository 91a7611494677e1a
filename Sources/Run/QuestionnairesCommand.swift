import App
import Foundation
import ReliefCore
import Vapor

/// `relief questionnaires import FILE | list`: the practice's licensed questionnaire wording.
struct QuestionnairesCommand: AsyncCommandGroup {
    var help: String { "Questionnaires: import licensed wording, list what is available" }
    var commands: [String: any AnyAsyncCommand] { ["import": QuestionnairesImportCommand(), "list": QuestionnairesListCommand()] }
}

struct QuestionnairesImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "A JSON file with the wording (format in docs/design.md), or a FHIR Questionnaire") var file: String
        init() {}
    }

    var help: String {
        "Import the wording of a licensed questionnaire (ODI, NDI, STarT Back, DN4; its scoring is Relief's), or a FHIR Questionnaire as a new instrument"
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            throw CommandFailure("Cannot read \(signature.file).")
        }
        do {
            let title = try await QuestionnaireQueries.importFromCommandLine(data, on: context.application)
            context.console.print("Imported: \(title)")
        } catch let problem as LicensedWording.Problem {
            throw CommandFailure("Not imported: \(problem.description)")
        } catch let problem as CommandLineImportError {
            throw CommandFailure("Not imported: \(problem.message)")
        }
    }
}

struct QuestionnairesListCommand: AsyncCommand {
    struct Signature: CommandSignature { init() {} }
    var help: String { "List the questionnaires and the state of their wording" }

    func run(using context: CommandContext, signature: Signature) async throws {
        for questionnaire in try await QuestionnaireQueries.listFromCommandLine(on: context.application) {
            context.console.print("\(questionnaire.id)\t\(questionnaire.wording)\t\(questionnaire.title)")
        }
    }
}
