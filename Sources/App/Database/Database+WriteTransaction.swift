import Fluent
import SQLKit

extension Database {
    /// The transaction of a change; every write in Relief goes through it.
    ///
    /// On SQLite it begins IMMEDIATE, taking the write lock before the first read. A deferred transaction that reads
    /// and then writes fails at once with "database is locked" (or busy in snapshot under WAL) when another request
    /// committed in between, since waiting could not help it; an immediate one waits its turn (sqlite-nio's busy
    /// handler), then reads the other's committed version and ends in the conflict page. PostgreSQL's row locks
    /// already give that order.
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if isPostgres || inTransaction { return try await transaction(body) }
        if WriteTransaction.isOpen { return try await body(self) }
        return try await withConnection { connection in
            try await connection.sql.raw("BEGIN IMMEDIATE TRANSACTION").run()
            do {
                let result = try await WriteTransaction.$isOpen.withValue(true) { try await body(connection) }
                try await connection.sql.raw("COMMIT TRANSACTION").run()
                return result
            } catch {
                try? await connection.sql.raw("ROLLBACK TRANSACTION").run()
                throw error
            }
        }
    }
}

/// Marks the task that runs inside an SQLite write transaction: its connection does not know it is in one, so a
/// nested `writeTransaction` on it must join instead of beginning another.
private enum WriteTransaction {
    @TaskLocal static var isOpen = false
}
