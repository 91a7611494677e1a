import App
import Foundation
import Vapor

/// `relief report outcomes [--times N] [--sql]`: the practice's outcome report timed, or its SQL printed.
struct ReportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "report", help: "Which report: outcomes") var report: String
        @Option(name: "times", help: "How many runs to time (default 10)") var times: Int?
        @Flag(name: "sql", help: "Print the report's SQL instead of running it") var sql: Bool
        @Flag(name: "rows", help: "Sum the outcome rows (as a filtered report does) instead of reading the kept tallies") var rows: Bool
        init() {}
    }

    var help: String { "Time the outcome report (for benchmarks), or print its SQL" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.report == "outcomes" else { throw CommandFailure("The report is: outcomes") }
        if signature.sql {
            context.console.print(OutcomeReportTiming.sql(context.application, fromRows: signature.rows).joined(separator: ";\n") + ";")
            return
        }
        let times = signature.times ?? 10
        guard (1...1000).contains(times) else { throw CommandFailure("--times must be between 1 and 1000") }
        let run = try await OutcomeReportTiming.time(context.application, times: times, fromRows: signature.rows)
        let sorted = run.milliseconds.sorted()
        context.console.print("runs_ms=" + run.milliseconds.map { String(format: "%.1f", $0) }.joined(separator: ","))
        context.console.print(String(format: "median_ms=%.1f min_ms=%.1f interventions=%d procedures=%d", sorted[sorted.count / 2], sorted[0],
                                     run.interventions, run.procedures))
    }
}
