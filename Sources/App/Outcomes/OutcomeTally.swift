import Fluent
import Foundation
import ReliefCore
import SQLKit

/// What one outcome row adds to the report, written once as SQL over `procedure_outcomes` and used three ways: summed
/// over the filtered rows for a filtered report, summed over all rows to rebuild `outcome_tallies`, and added or taken
/// away row by row to keep the tallies current when an outcome changes. The report's figures read the same names.
enum OutcomeTally {
    static let integers: [(column: String, expression: String)] = [
        ("n", "1"), ("lost", "lost"),
        ("pk", "CASE WHEN peak_relief >= \(ReliefCourse.meaningfulRelief) THEN 1 ELSE 0 END"), ("pkn", present("peak_relief")),
        ("r6", "COALESCE(responded_6w, 0)"), ("r6n", present("responded_6w")), ("r3", "COALESCE(responded_3m, 0)"), ("r3n", present("responded_3m")),
        ("p6", "COALESCE(pain_reduced_6w, 0)"), ("p6n", present("pain_reduced_6w")), ("p3", "COALESCE(pain_reduced_3m, 0)"), ("p3n", present("pain_reduced_3m")),
        ("mmen", present("last_mme - baseline_mme")), ("pegn", present("last_peg - baseline_peg")), ("fnn", present("last_function - baseline_function")),
        // Back at work: of those not working before, working at their last answer.
        ("rw", "CASE WHEN baseline_working = 0 THEN COALESCE(last_working, 0) ELSE 0 END"),
        ("rwn", "CASE WHEN baseline_working = 0 AND last_working IS NOT NULL THEN 1 ELSE 0 END"),
    ]
    static let decimals: [(column: String, expression: String)] = [
        ("mme", "COALESCE(last_mme - baseline_mme, 0)"), ("peg", "COALESCE(last_peg - baseline_peg, 0)"),
        ("fn", "COALESCE(last_function - baseline_function, 0)"),
    ]
    static var integerColumns: [String] { integers.map(\.column) }
    static var decimalColumns: [String] { decimals.map(\.column) }
    private static let keys = ["intervention", "relief_days", "relief_ended"]
    /// The grouping: an outcome not yet answered has no duration; -1 keeps it in the tallies' key.
    private static let keyExpressions = ["intervention", "COALESCE(relief_days, -1)", "COALESCE(relief_ended, -1)"]

    private static func present(_ expression: String) -> String { "CASE WHEN \(expression) IS NULL THEN 0 ELSE 1 END" }

    /// The rows matching `conditions`, summed by intervention and relief duration. Integer sums are cast back to
    /// integers: PostgreSQL sums bigints as numeric.
    static func summed(where conditions: SQLQueryString) -> SQLQueryString {
        let columns = zip(keyExpressions, keys).map { "\($0) AS \($1)" } + integers.map { "CAST(SUM(\($0.expression)) AS BIGINT) AS \($0.column)" }
            + decimals.map { "SUM(\($0.expression)) AS \($0.column)" }
        return "SELECT \(unsafeRaw: columns.joined(separator: ", ")) FROM procedure_outcomes o WHERE \(conditions) GROUP BY \(unsafeRaw: keyExpressions.joined(separator: ", "))"
    }

    /// Adds (`sign` 1) or takes away (-1) one procedure's row from the tallies.
    static func apply(procedureID: UUID, sign: Int, on database: any Database) async throws {
        let columns = integerColumns + decimalColumns
        let values = keyExpressions + (integers + decimals).map { "\(sign) * (\($0.expression))" }
        let updates = columns.map { "\($0) = outcome_tallies.\($0) + excluded.\($0)" }
        try await database.sql.raw("""
            INSERT INTO outcome_tallies (\(unsafeRaw: (keys + columns).joined(separator: ", ")))
            SELECT \(unsafeRaw: values.joined(separator: ", ")) FROM procedure_outcomes WHERE procedure_id = \(bind: procedureID)
            ON CONFLICT (\(unsafeRaw: keys.joined(separator: ", "))) DO UPDATE SET \(unsafeRaw: updates.joined(separator: ", "))
            """).run()
    }

    /// Counts the patient for the intervention if this is their first procedure of it (called before its row is written).
    static func countPatient(_ patientID: UUID, intervention: String, on database: any Database) async throws {
        let earlier = try await database.sql.select().column("procedure_id").from("procedure_outcomes")
            .where("patient_id", .equal, patientID).where("intervention", .equal, intervention).limit(1).all()
        guard earlier.isEmpty else { return }
        try await database.sql.raw("""
            INSERT INTO outcome_patients (intervention, patients) VALUES (\(bind: intervention), 1)
            ON CONFLICT (intervention) DO UPDATE SET patients = outcome_patients.patients + 1
            """).run()
    }

    /// Sums every outcome row afresh (after a bulk load).
    static func rebuild(on database: any Database) async throws {
        let sql = database.sql
        try await sql.raw("DELETE FROM outcome_tallies").run()
        try await sql.raw("INSERT INTO outcome_tallies (\(unsafeRaw: (keys + integerColumns + decimalColumns).joined(separator: ", "))) \(summed(where: "1 = 1"))").run()
        try await sql.raw("DELETE FROM outcome_patients").run()
        try await sql.raw("""
            INSERT INTO outcome_patients (intervention, patients) SELECT intervention, COUNT(DISTINCT patient_id) FROM procedure_outcomes GROUP BY intervention
            """).run()
    }
}
