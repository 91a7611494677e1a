import Fluent
import Foundation
import ReliefCore
import SQLKit

/// The practice's outcome report from the per-procedure rows: one grouped pass for the figures and the relief
/// durations, one for the patients, one for the complications. Sums of integer columns are cast back to integers:
/// PostgreSQL sums bigints as numeric.
enum OutcomeReportQueries {
    static func report(_ filter: OutcomeFilter, on database: any Database) async throws -> OutcomeReport {
        let sql = database.sql
        let rows = try await sql.raw("""
            SELECT intervention, relief_days, relief_ended, COUNT(*) AS n, CAST(SUM(lost) AS BIGINT) AS lost,
              CAST(SUM(CASE WHEN peak_relief >= \(bind: ReliefCourse.meaningfulRelief) THEN 1 ELSE 0 END) AS BIGINT) AS pk, COUNT(peak_relief) AS pkn,
              CAST(SUM(responded_6w) AS BIGINT) AS r6, COUNT(responded_6w) AS r6n, CAST(SUM(responded_3m) AS BIGINT) AS r3, COUNT(responded_3m) AS r3n,
              CAST(SUM(pain_reduced_6w) AS BIGINT) AS p6, COUNT(pain_reduced_6w) AS p6n, CAST(SUM(pain_reduced_3m) AS BIGINT) AS p3, COUNT(pain_reduced_3m) AS p3n,
              SUM(last_mme - baseline_mme) AS mme, COUNT(last_mme - baseline_mme) AS mmen,
              SUM(last_peg - baseline_peg) AS peg, COUNT(last_peg - baseline_peg) AS pegn,
              SUM(last_function - baseline_function) AS fn, COUNT(last_function - baseline_function) AS fnn,
              CAST(SUM(CASE WHEN baseline_working = 0 THEN last_working END) AS BIGINT) AS rw, COUNT(CASE WHEN baseline_working = 0 THEN last_working END) AS rwn
            FROM procedure_outcomes o WHERE \(conditions(filter))
            GROUP BY intervention, relief_days, relief_ended
            """).all().map(row)
        let patients = try await sql.raw("""
            SELECT intervention, COUNT(DISTINCT patient_id) AS n FROM procedure_outcomes o WHERE \(conditions(filter)) GROUP BY intervention
            """).all().reduce(into: [String: Int]()) { $0[try $1.decode(column: "intervention", as: String.self)] = try $1.decode(column: "n", as: Int.self) }
        var complications: [String: [ComplicationKind: Int]] = [:]
        for row in try await sql.raw("""
            SELECT c.intervention, c.kind, COUNT(*) AS n FROM complications c JOIN procedure_outcomes o ON o.procedure_id = c.procedure_id
            WHERE \(conditions(filter)) GROUP BY c.intervention, c.kind
            """).all() {
            guard let kind = ComplicationKind(rawValue: try row.decode(column: "kind", as: String.self)) else { continue }
            complications[try row.decode(column: "intervention", as: String.self), default: [:]][kind] = try row.decode(column: "n", as: Int.self)
        }
        return OutcomeReport(rows: rows, patients: patients, complications: complications)
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
        var result = OutcomeReport.Row(intervention: try row.decode(column: "intervention", as: String.self),
                                       reliefDays: try row.decode(column: "relief_days", as: Int?.self),
                                       reliefEnded: try row.decode(column: "relief_ended", as: Int?.self).map { $0 == 1 })
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
