import Fluent

/// When the patient on the tablet confirmed it was them ("Is this you?"); no questionnaire shows before.
struct UpdateKioskSessionConfirmation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("kiosk_sessions").field("confirmed_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("kiosk_sessions").deleteField("confirmed_at").update()
    }
}
