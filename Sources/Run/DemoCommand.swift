import App
import Foundation
import Vapor

/// `relief demo --patients N --seed S [--database URL]`: synthetic patients, e.g. 100,000 for benchmarks.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "patients", help: "How many patients to add (default 200)") var patients: Int?
        @Option(name: "seed", help: "Seed; the same seed gives the same practice") var seed: UInt64?
        init() {}
    }

    var help: String { "Add a deterministic synthetic practice (staff when there are no accounts, then patients)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let count = signature.patients ?? DemoLoader.defaultPatients
        guard count > 0, count <= 5_000_000 else { throw CommandFailure("--patients must be between 1 and 5,000,000") }
        let start = Date()
        try await DemoLoader.generate(context.application, patients: count, seed: signature.seed ?? DemoLoader.defaultSeed)
        context.console.print("Added \(count) patients in \(String(format: "%.1f", Date().timeIntervalSince(start))) s.")
    }
}
