import Fluent
import SQLKit

/// Named sequences that work the same on SQLite and PostgreSQL (medical record numbers first).
struct CreateCounter: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("counters")
            .field("name", .string, .identifier(auto: false))
            .field("value", .int64, .required)
            .create()
        try await database.sql.insert(into: "counters").columns("name", "value").values("mrn", 0).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("counters").delete()
    }
}
