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
