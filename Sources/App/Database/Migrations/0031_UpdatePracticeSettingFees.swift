import Fluent
import SQLKit

/// Adds the practice's fee schedule (allowed amount per CPT code, in cents) as a settings row, empty until set.
struct UpdatePracticeSettingFees: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql.insert(into: "practice_settings").columns("name", "value", "version")
            .values(SQLBind(PracticeSettings.fees), SQLBind("{}"), SQLBind(1)).run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.delete(from: "practice_settings").where("name", .equal, PracticeSettings.fees).run()
    }
}
