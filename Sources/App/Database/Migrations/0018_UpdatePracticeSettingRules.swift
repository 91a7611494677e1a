import Fluent
import SQLKit

/// Adds the practice's rule choices (`PracticeRules`) as a settings row, empty so every shipped default applies.
struct UpdatePracticeSettingRules: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql.insert(into: "practice_settings").columns("name", "value", "version")
            .values(SQLBind("practice-rules"), SQLBind("{}"), SQLBind(1)).run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.delete(from: "practice_settings").where("name", .equal, "practice-rules").run()
    }
}
