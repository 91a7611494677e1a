import Fluent
import SQLKit

extension Database {
    /// The SQL interface of the database; Relief runs only on SQL databases.
    var sql: any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { fatalError("Relief needs an SQL database") }
        return sql
    }

    var isPostgres: Bool { sql.dialect.name == "postgresql" }
}

extension SQLDatabase {
    /// Creates a plain (non-unique) index; Fluent's schema builder only makes unique constraints.
    func createIndex(_ name: String, on table: String, columns: [String]) async throws {
        var builder = create(index: name).on(table)
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }
}

extension SQLDatabase {
    /// A trigger by which the database itself refuses an UPDATE or DELETE on `table` (when `condition` on the
    /// old row holds), whatever code runs against it: signed notes and addenda cannot change.
    func refuse(_ operation: String, on table: String, when condition: String? = nil, name: String, message: String) async throws {
        // The message is SQL text: a quote would end it, and RAISE reads % as a placeholder.
        precondition(!message.contains("'") && !message.contains("%"), "a refusal's message takes no quote or percent sign: \(message)")
        if dialect.name == "postgresql" {
            try await raw("""
                CREATE FUNCTION \(unsafeRaw: name)() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION '\(unsafeRaw: message)'; END $$
                """).run()
            try await raw("""
                CREATE TRIGGER \(unsafeRaw: name) BEFORE \(unsafeRaw: operation) ON \(unsafeRaw: table) FOR EACH ROW
                \(unsafeRaw: condition.map { "WHEN (\($0))" } ?? "") EXECUTE FUNCTION \(unsafeRaw: name)()
                """).run()
        } else {
            try await raw("""
                CREATE TRIGGER \(unsafeRaw: name) BEFORE \(unsafeRaw: operation) ON \(unsafeRaw: table) FOR EACH ROW
                \(unsafeRaw: condition.map { "WHEN \($0)" } ?? "") BEGIN SELECT RAISE(ABORT, '\(unsafeRaw: message)'); END
                """).run()
        }
    }

    func dropRefusal(_ name: String) async throws {
        if dialect.name == "postgresql" { try await raw("DROP FUNCTION IF EXISTS \(unsafeRaw: name)() CASCADE").run() }
    }
}

extension SQLDatabase {
    /// Triggers by which every insert or update of a row in `table` counts up its patient's `chart_version`, in the
    /// same transaction, whatever code (or instance) wrote it: the chart cache keys on that version.
    func countChartVersion(on table: String) async throws {
        if dialect.name == "postgresql" {
            try await raw("""
                CREATE TRIGGER \(unsafeRaw: table)_chart_version AFTER INSERT OR UPDATE ON \(unsafeRaw: table) FOR EACH ROW
                EXECUTE FUNCTION relief_count_chart_version()
                """).run()
        } else {
            for operation in ["INSERT", "UPDATE"] {
                try await raw("""
                    CREATE TRIGGER \(unsafeRaw: table)_chart_version_\(unsafeRaw: operation.lowercased()) AFTER \(unsafeRaw: operation)
                    ON \(unsafeRaw: table) FOR EACH ROW
                    BEGIN UPDATE patients SET chart_version = chart_version + 1 WHERE id = NEW.patient_id; END
                    """).run()
            }
        }
    }

    /// Removes what `countChartVersion(on:)` made.
    func stopCountingChartVersion(on table: String) async throws {
        if dialect.name == "postgresql" {
            try await raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_chart_version ON \(unsafeRaw: table)").run()
        } else {
            for operation in ["insert", "update"] {
                try await raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_chart_version_\(unsafeRaw: operation)").run()
            }
        }
    }
}

extension SQLDatabase {
    /// A trigger condition true when any of `columns` differs between the old and the new row, NULLs included.
    func anyChanged(_ columns: [String]) -> String {
        let differs = dialect.name == "postgresql" ? "IS DISTINCT FROM" : "IS NOT"
        return "(" + columns.map { "NEW.\($0) \(differs) OLD.\($0)" }.joined(separator: " OR ") + ")"
    }
}
