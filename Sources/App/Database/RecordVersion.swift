import Foundation
import Fluent
import SQLKit

/// Optimistic locking for clinical records. Inside a transaction, `claim` bumps the row's version only if it
/// is still the one the user started from; the update that follows then owns the row. Writing first also
/// takes SQLite's write lock at once, so two editors cannot both pass the check.
enum RecordVersion {
    /// True when the row was at `expected` and is now `expected + 1`; false when someone saved in between
    /// (or the row does not exist).
    static func claim(_ table: String, id: UUID, expected: Int, on database: any Database) async throws -> Bool {
        let rows = try await database.sql.update(table)
            .set(SQLIdentifier("version"), to: SQLBinaryExpression(SQLIdentifier("version"), .add, SQLLiteral.numeric("1")))
            .where("id", .equal, id)
            .where("version", .equal, expected)
            .returning("version")
            .all()
        return !rows.isEmpty
    }
}

/// Named sequences (see `CreateCounter`), atomic on both databases.
enum Counter {
    /// Reserves `count` numbers and returns the first of them.
    static func reserve(_ name: String, count: Int = 1, on database: any Database) async throws -> Int {
        guard let row = try await database.sql.update("counters")
            .set(SQLIdentifier("value"), to: SQLBinaryExpression(SQLIdentifier("value"), .add, SQLBind(count)))
            .where("name", .equal, name)
            .returning("value")
            .first() else { throw CounterError.missing(name) }
        return try row.decode(column: "value", as: Int.self) - count + 1
    }

    enum CounterError: Error { case missing(String) }
}
