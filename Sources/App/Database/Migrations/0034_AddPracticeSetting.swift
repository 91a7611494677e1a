import Fluent
import SQLKit

/// Adds one practice settings row with its empty value, so every shipped default applies until the practice
/// chooses otherwise. Named after the setting, so each row is its own migration.
struct AddPracticeSetting: AsyncMigration {
    let setting: String
    let empty: String

    var name: String { "AddPracticeSetting(\(setting))" }

    func prepare(on database: any Database) async throws {
        try await database.sql.insert(into: "practice_settings").columns("name", "value", "version")
            .values(SQLBind(setting), SQLBind(empty), SQLBind(1)).run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.delete(from: "practice_settings").where("name", .equal, setting).run()
    }
}
