import Fluent
import SQLKit

/// Adds the practice's decision-support criteria (`DecisionCriteria`) as a settings row, empty so every shipped
/// default applies.
struct UpdatePracticeSettingCriteria: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql.insert(into: "practice_settings").columns("name", "value", "version")
            .values(SQLBind(PracticeSettings.criteria), SQLBind("{}"), SQLBind(1)).run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.delete(from: "practice_settings").where("name", .equal, PracticeSettings.criteria).run()
    }
}
