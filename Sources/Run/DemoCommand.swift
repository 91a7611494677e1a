import App
import Foundation
import Vapor

/// `relief demo --patients N [--procedures M] --seed S [--database URL]`: synthetic patients, e.g. 100,000 for
/// benchmarks, and procedures done with their follow-ups spread over them (the outcome report's benchmark).
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "patients", help: "How many patients to add (default 200)") var patients: Int?
        @Option(name: "procedures", help: "How many procedures done to add over the patients, with their follow-ups (default 0)") var procedures: Int?
        @Option(name: "seed", help: "Seed; the same seed gives the same practice") var seed: UInt64?
        init() {}
    }

    var help: String { "Add a deterministic synthetic practice (staff when there are no accounts, then patients)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let procedures = signature.procedures ?? 0
        let count = signature.patients ?? (procedures > 0 ? 0 : DemoLoader.defaultPatients)
        guard count >= 0, count <= 5_000_000 else { throw CommandFailure("--patients must be between 0 and 5,000,000") }
        guard procedures >= 0, procedures <= 5_000_000 else { throw CommandFailure("--procedures must be between 0 and 5,000,000") }
        let start = Date()
        try await DemoLoader.generate(context.application, patients: count, procedures: procedures, seed: signature.seed ?? DemoLoader.defaultSeed)
        context.console.print("Added \(count) patients and \(procedures) procedures in \(String(format: "%.1f", Date().timeIntervalSince(start))) s.")
    }
}
