import Fluent
import Foundation
import ReliefCore
import SQLKit

/// The practice's outcome report: from the kept tallies when unfiltered, else from the matching per-procedure rows
/// (`OutcomeTally`), with the distinct patients and the complications by kind.
enum OutcomeReportQueries {
    static func report(_ filter: OutcomeFilter, on database: any Database) async throws -> OutcomeReport {
        let sql = database.sql, queries = queries(filter)
        let rows = try await sql.raw(queries.figures).all().map(row)
        let patients = try await sql.raw(queries.patients).all()
            .reduce(into: [String: Int]()) { $0[try $1.decode(column: "intervention", as: String.self)] = try $1.decode(column: "n", as: Int.self) }
        var complications: [String: [ComplicationKind: Int]] = [:]
        for row in try await sql.raw(queries.complications).all() {
            guard let kind = ComplicationKind(rawValue: try row.decode(column: "kind", as: String.self)) else { continue }
            complications[try row.decode(column: "intervention", as: String.self), default: [:]][kind] = try row.decode(column: "n", as: Int.self)
        }
        return OutcomeReport(rows: rows, patients: patients, complications: complications)
    }

    /// The report's three queries: the figures by intervention and relief duration, the distinct patients, the
    /// complications by kind. Unfiltered, they read the kept tallies; filtered, they sum the matching outcome rows.
    /// One source for the report and for the benchmark's run of the same SQL.
    static func queries(_ filter: OutcomeFilter) -> (figures: SQLQueryString, patients: SQLQueryString, complications: SQLQueryString) {
        guard filter == OutcomeFilter() else {
            return (OutcomeTally.summed(where: conditions(filter)),
                    "SELECT intervention, COUNT(DISTINCT patient_id) AS n FROM procedure_outcomes o WHERE \(conditions(filter)) GROUP BY intervention",
                    """
                    SELECT c.intervention, c.kind, COUNT(*) AS n FROM complications c JOIN procedure_outcomes o ON o.procedure_id = c.procedure_id
                    WHERE \(conditions(filter)) GROUP BY c.intervention, c.kind
                    """)
        }
        let columns = (["intervention", "relief_days", "relief_ended"] + OutcomeTally.integerColumns + OutcomeTally.decimalColumns).joined(separator: ", ")
        return ("SELECT \(unsafeRaw: columns) FROM outcome_tallies WHERE n > 0", "SELECT intervention, patients AS n FROM outcome_patients",
                "SELECT intervention, kind, COUNT(*) AS n FROM complications GROUP BY intervention, kind")
    }

    /// The practice's own figures for one intervention, once enough procedures were followed up to show patients.
    static func experience(_ intervention: String, on database: any Database) async throws -> PracticeExperience? {
        var filter = OutcomeFilter()
        filter.intervention = intervention
        return try await report(filter, on: database).lines.first.flatMap(PracticeExperience.init)
    }

    /// The filter as a WHERE clause on the outcome rows (aliased `o`), values bound.
    private static func conditions(_ filter: OutcomeFilter) -> SQLQueryString {
        var parts: [SQLQueryString] = ["1 = 1"]
        if let intervention = filter.intervention { parts.append("o.intervention = \(bind: intervention)") }
        if let region = filter.region { parts.append("o.region = \(bind: region.rawValue)") }
        if let condition = filter.condition { parts.append("o.condition = \(bind: condition)") }
        if let provider = filter.provider { parts.append("o.provider_id = \(bind: provider)") }
        if let from = filter.from { parts.append("o.performed_on >= \(bind: from.description)") }
        if let to = filter.to { parts.append("o.performed_on <= \(bind: to.description)") }
        return parts.joined(separator: " AND ")
    }

    private static func row(_ row: any SQLRow) throws -> OutcomeReport.Row {
        func int(_ column: String) throws -> Int { try row.decode(column: column, as: Int?.self) ?? 0 }
        func ratio(_ yes: String, _ of: String) throws -> OutcomeReport.Ratio { OutcomeReport.Ratio(yes: try int(yes), of: try int(of)) }
        func mean(_ sum: String, _ count: String) throws -> OutcomeReport.Mean {
            OutcomeReport.Mean(sum: try row.decode(column: sum, as: Double?.self) ?? 0, count: try int(count))
        }
        let days = try int("relief_days"), ended = try int("relief_ended")
        var result = OutcomeReport.Row(intervention: try row.decode(column: "intervention", as: String.self),
                                       reliefDays: days < 0 ? nil : days, reliefEnded: ended < 0 ? nil : ended == 1)
        result.procedures = try int("n")
        result.lost = try int("lost")
        result.peakResponders = try ratio("pk", "pkn")
        result.responders6w = try ratio("r6", "r6n")
        result.responders3m = try ratio("r3", "r3n")
        result.painReduced6w = try ratio("p6", "p6n")
        result.painReduced3m = try ratio("p3", "p3n")
        result.mmeChange = try mean("mme", "mmen")
        result.pegChange = try mean("peg", "pegn")
        result.functionChange = try mean("fn", "fnn")
        result.returnedToWork = try ratio("rw", "rwn")
        return result
    }
}
