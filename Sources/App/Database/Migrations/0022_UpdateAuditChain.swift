import Fluent
import SQLKit

/// Closes two ways around the append-only triggers and chains the audit trail (`AuditChain`):
/// - SQLite's `REPLACE INTO` (and `INSERT OR REPLACE`) deletes a conflicting row without firing its delete trigger;
///   an insert that names an existing row of a protected table is now refused before it gets there.
/// - PostgreSQL's `TRUNCATE` fires no row trigger; a statement trigger now refuses it.
/// - Every audit row gets its place and hash; the rows already written are chained in the order they were written.
struct UpdateAuditChain: AsyncMigration {
    /// Tables whose rows are never deleted, with the columns that identify a row (what a REPLACE could collide on).
    static let protected: [(table: String, keys: [String])] = [
        ("audit_events", ["id", "seq"]), ("evaluations", ["id", "encounter_id"]), ("addenda", ["id"]), ("chart_entries", ["id"]),
        ("mme_history", ["id"]), ("instrument_responses", ["id"]), ("workup_orders", ["id"]),
    ]

    func prepare(on database: any Database) async throws {
        try await database.writeTransaction { database in try await self.prepareInOneTransaction(database) }
    }

    private func prepareInOneTransaction(_ database: any Database) async throws {
        let sql = database.sql
        try await sql.raw("ALTER TABLE audit_events ADD COLUMN seq BIGINT").run()
        try await sql.raw("ALTER TABLE audit_events ADD COLUMN hash TEXT").run()
        try await chainExistingRows(database)
        try await sql.raw("CREATE UNIQUE INDEX audit_events_seq ON audit_events (seq)").run()
        if database.isPostgres {
            try await sql.raw("""
                CREATE FUNCTION relief_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$
                """).run()
            for (table, _) in Self.protected {
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: table)_no_truncate BEFORE TRUNCATE ON \(unsafeRaw: table)
                    FOR EACH STATEMENT EXECUTE FUNCTION relief_refuse_truncate()
                    """).run()
            }
        } else {
            for (table, keys) in Self.protected {
                let collides = keys.map { "\($0) = NEW.\($0)" }.joined(separator: " OR ")
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: table)_no_replace BEFORE INSERT ON \(unsafeRaw: table)
                    WHEN EXISTS (SELECT 1 FROM \(unsafeRaw: table) WHERE \(unsafeRaw: collides))
                    BEGIN SELECT RAISE(ABORT, '\(unsafeRaw: table) rows cannot be replaced'); END
                    """).run()
            }
        }
    }

    /// Rows outside the chain (at this migration: all rows written before it), in the order they were written, appended
    /// after its head, with the append-only trigger set aside for exactly this; call inside one write transaction.
    func chainExistingRows(_ database: any Database) async throws {
        let sql = database.sql
        if database.isPostgres {
            try await sql.raw("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only").run()
        } else {
            try await sql.raw("DROP TRIGGER audit_events_no_update").run()
        }
        var head = try await AuditChain.head(on: database)
        while true {
            let page = try await sql.raw("""
                SELECT * FROM audit_events WHERE seq IS NULL ORDER BY occurred_at, id LIMIT 1000
                """).all(decoding: AuditChain.Stored.self)
            for row in page {
                head = head.appending(row.fields)
                try await sql.raw("UPDATE audit_events SET seq = \(bind: head.seq), hash = \(bind: head.hash) WHERE id = \(bind: row.id)").run()
            }
            if page.count < 1000 { break }
        }
        if database.isPostgres {
            try await sql.raw("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only").run()
        } else {
            try await sql.raw("""
                CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        if database.isPostgres {
            try await sql.raw("DROP FUNCTION IF EXISTS relief_refuse_truncate() CASCADE").run()
        } else {
            for (table, _) in Self.protected { try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_no_replace").run() }
        }
        try await sql.raw("DROP INDEX audit_events_seq").run()
        try await sql.raw("ALTER TABLE audit_events DROP COLUMN hash").run()
        try await sql.raw("ALTER TABLE audit_events DROP COLUMN seq").run()
    }
}
