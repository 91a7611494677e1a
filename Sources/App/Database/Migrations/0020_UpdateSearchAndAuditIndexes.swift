import Fluent
import SQLKit

/// Indexes measured under load (docs/benchmarks.md, session 10):
/// - The two name indexes carry every column a patient list shows, so a search reads its rows from one index
///   range and never seeks the table: 25 table lookups a page were a fifth of a search's CPU, and on SQLite each
///   audit commit empties the other connections' page caches, so those seeks went back to the file.
/// - The address index serves only the login throttle, which counts failed sign-ins: partial on that action, so
///   the audit row of every read no longer writes to it.
struct UpdateSearchAndAuditIndexes: AsyncMigration {
    /// `PatientSummary.columns` and `deleted_at`; a test checks that searches stay on the covering index.
    static let listColumns = ["id", "mrn", "family_name", "given_name", "middle_name", "preferred_name", "sex_at_birth",
                              "phone", "deleted_at"]

    func prepare(on database: any Database) async throws {
        let sql = database.sql
        try await sql.drop(index: "patients_family_key").run()
        try await sql.drop(index: "patients_given_key").run()
        try await sql.createIndex("patients_family_key", on: "patients",
                                  columns: ["family_key", "given_key", "birth_date"] + Self.listColumns)
        try await sql.createIndex("patients_given_key", on: "patients",
                                  columns: ["given_key", "family_key", "birth_date"] + Self.listColumns)
        try await sql.drop(index: "audit_events_address").run()
        try await sql.raw("""
            CREATE INDEX audit_events_login_failures ON audit_events (ip, occurred_at)
            WHERE action = 'login.failure'
            """).run()
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        try await sql.drop(index: "audit_events_login_failures").run()
        try await sql.createIndex("audit_events_address", on: "audit_events", columns: ["ip", "action", "occurred_at"])
        for (name, lead) in [("patients_family_key", ["family_key", "given_key"]), ("patients_given_key", ["given_key", "family_key"])] {
            try await sql.drop(index: name).run()
            try await sql.createIndex(name, on: "patients", columns: lead + ["birth_date"])
        }
    }
}
