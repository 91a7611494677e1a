import Fluent

/// The pain diary after a diagnostic block, one per signed procedure record: its entries as JSON under a version,
/// what they were last read as (the relief held and whether that is positive), and when it was closed.
struct CreateBlockDiary: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("block_diaries")
            .field("procedure_id", .uuid, .identifier(auto: false), .references("procedure_records", "id"))
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("pains", .string, .required)
            .field("sustained", .double)
            .field("positive", .int)
            .field("closed_at", .datetime)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid, .references("users", "id"))
            .field("version", .int, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("block_diaries").delete()
    }
}
