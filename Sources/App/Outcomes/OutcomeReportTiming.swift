import Foundation
import ReliefCore
import SQLKit
import Vapor

/// The outcome report from the command line, for `scripts/bench`: timed end to end (queries, decoding, Kaplan–Meier),
/// and its SQL as the database runs it, so the same aggregation can be timed in `sqlite3` or `psql` beside it.
public enum OutcomeReportTiming {
    public struct Run: Sendable {
        public let milliseconds: [Double]
        public let interventions: Int
        public let procedures: Int
    }

    /// Every procedure: from the kept tallies, or (`fromRows`) summed from the outcome rows as a filtered report is,
    /// with a filter that keeps them all.
    static func filter(fromRows: Bool) -> OutcomeFilter {
        fromRows ? OutcomeFilter(from: CalendarDate(year: 1900, month: 1, day: 1)) : OutcomeFilter()
    }

    /// The report of every procedure `times` times.
    public static func time(_ app: Application, times: Int, fromRows: Bool = false) async throws -> Run {
        var milliseconds: [Double] = [], report: OutcomeReport?
        for _ in 0..<max(times, 1) {
            let start = DispatchTime.now().uptimeNanoseconds
            report = try await OutcomeReportQueries.report(filter(fromRows: fromRows), on: app.db)
            milliseconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        }
        return Run(milliseconds: milliseconds, interventions: report?.lines.count ?? 0,
                   procedures: report?.lines.map(\.totals.procedures).reduce(0, +) ?? 0)
    }

    /// The report's three statements in the database's dialect, its one bind (the rows' first day) written in.
    public static func sql(_ app: Application, fromRows: Bool = false) -> [String] {
        let queries = OutcomeReportQueries.queries(filter(fromRows: fromRows))
        return [queries.figures, queries.patients, queries.complications].map { query in
            let (sql, binds) = app.db.sql.serialize(query)
            // PostgreSQL numbers binds $1, SQLite ?1; the only bind is the date text.
            return binds.enumerated().reduce(sql) { text, bind in
                let value = "'\((bind.element as? String) ?? "")'"
                guard let range = text.range(of: "$\(bind.offset + 1)") ?? text.range(of: "?\(bind.offset + 1)") else { return text }
                return text.replacingCharacters(in: range, with: value)
            }
        }
    }
}
