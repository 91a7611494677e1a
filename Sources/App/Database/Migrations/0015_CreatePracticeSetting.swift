import Fluent
import SQLKit

struct CreatePracticeSetting: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("practice_settings")
            .field("name", .string, .identifier(auto: false))
            // JSON; each setting's shape is its owner's (e.g. `DifferenceSettings`).
            .field("value", .string, .required)
            .field("version", .int, .required)
            .field("updated_at", .datetime)
            .field("updated_by", .uuid, .references("users", "id"))
            .create()
        // Every setting exists from the start, so saving is always an update with a version check.
        try await database.sql.insert(into: "practice_settings").columns("name", "value", "version")
            .values(SQLBind(PracticeSettings.differences), SQLBind("{}"), SQLBind(1)).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("practice_settings").delete()
    }
}
