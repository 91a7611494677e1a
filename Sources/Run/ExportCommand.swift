import App
import Foundation
import Vapor

/// `relief export --fhir DIR [--type T,…] [--since INSTANT] [--group ID]`: the practice's records (or a group's)
/// as FHIR NDJSON files in DIR, one per type, as the Bulk Data export writes them; prints the counts and the speed.
struct ExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "fhir", help: "The directory to write the NDJSON files into") var directory: String?
        @Option(name: "type", help: "Only these resource types, comma-separated (as _type)") var types: String?
        @Option(name: "since", help: "Only what changed since this instant, e.g. 2026-11-01T00:00:00Z (as _since)") var since: String?
        @Option(name: "group", help: "Only this group's patients (a procedure's catalogue id, as Group/{id}/$export)") var group: String?
        init() {}
    }

    var help: String { "Export the practice's records as FHIR NDJSON files (Bulk Data format)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let directory = signature.directory, !directory.isEmpty else { throw CommandFailure("Name the directory: relief export --fhir DIR") }
        let pairs = [("_type", signature.types), ("_since", signature.since)].compactMap { name, value in value.map { (name, $0) } }
        let result: FHIRCommandLineExport.Result
        do {
            result = try await FHIRCommandLineExport.run(context.application, into: directory, group: signature.group, pairs: pairs)
        } catch let error as CommandLineExportError {
            throw CommandFailure(error.message)
        }
        let total = result.files.map(\.count).reduce(0, +)
        for file in result.files { context.console.print("\(file.type).ndjson \(file.count)") }
        context.console.print(String(format: "resources=%d seconds=%.2f per_second=%.0f", total, result.seconds, Double(total) / max(result.seconds, 0.001)))
    }
}
