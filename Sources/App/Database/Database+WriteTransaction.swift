import Fluent
import SQLKit

extension Database {
    /// The transaction of a change; every write in Relief goes through it, and every one appends to the audit chain.
    ///
    /// On SQLite it begins IMMEDIATE, taking the write lock before the first read. A deferred transaction that reads
    /// and then writes fails at once with "database is locked" (or busy in snapshot under WAL) when another request
    /// committed in between, since waiting could not help it; an immediate one waits its turn (sqlite-nio's busy
    /// handler), then reads the other's committed version and ends in the conflict page.
    ///
    /// On PostgreSQL it first takes the audit chain's lock (`AuditChain`), which orders the appends; taken first, before
    /// any row lock, so that two transactions cannot each hold what the other waits for.
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if inTransaction { return try await body(self) }
        if isPostgres {
            return try await transaction { database in
                try await database.sql.raw("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.relief-audit-chain'))").run()
                return try await body(database)
            }
        }
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
