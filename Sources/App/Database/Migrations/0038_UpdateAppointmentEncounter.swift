import Fluent

/// The encounter a visit's note was started under from its appointment, so the appointment opens its note and the
/// encounter follows the appointment's end.
struct UpdateAppointmentEncounter: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("appointments").field("encounter_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("appointments").deleteField("encounter_id").update()
    }
}
