import Fluent
import SQLKit

/// `counters.inbox`: counted up by the database whenever the inbox's contents may change (an alert raised or
/// resolved, an order's status, an acknowledgement, a patient removed), so every instance knows from one row whether
/// its inbox count is current. Counting the open items on every page cost a 100,000-patient practice most of its
/// throughput (docs/benchmarks.md).
struct CreateInboxVersion: AsyncMigration {
    /// Each trigger's table and the change it follows.
    static let changes = [
        ("chart_alerts", "INSERT"), ("chart_alerts", "UPDATE OF resolved_at"), ("workup_orders", "INSERT"),
        ("workup_orders", "UPDATE OF status"), ("inbox_acknowledgements", "INSERT"), ("patients", "UPDATE OF deleted_at"),
    ]

    func prepare(on database: any Database) async throws {
        let sql = database.sql
        try await sql.insert(into: "counters").columns("name", "value").values("inbox", 0).run()
        if database.isPostgres {
            try await sql.raw("""
                CREATE FUNCTION relief_count_inbox() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN UPDATE counters SET value = value + 1 WHERE name = 'inbox'; RETURN NULL; END $$
                """).run()
        }
        for (index, (table, change)) in Self.changes.enumerated() {
            let name = "inbox_version_\(index)"
            if database.isPostgres {
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: name) AFTER \(unsafeRaw: change) ON \(unsafeRaw: table) FOR EACH STATEMENT
                    EXECUTE FUNCTION relief_count_inbox()
                    """).run()
            } else {
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: name) AFTER \(unsafeRaw: change) ON \(unsafeRaw: table)
                    BEGIN UPDATE counters SET value = value + 1 WHERE name = 'inbox'; END
                    """).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        for (index, (table, _)) in Self.changes.enumerated() {
            try await sql.raw("DROP TRIGGER IF EXISTS inbox_version_\(unsafeRaw: String(index))\(unsafeRaw: database.isPostgres ? " ON " + table : "")").run()
        }
        if database.isPostgres { try await sql.raw("DROP FUNCTION IF EXISTS relief_count_inbox()").run() }
        try await sql.delete(from: "counters").where("name", .equal, "inbox").run()
    }
}
