import Fluent

struct CreateRecordRevision: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("record_revisions")
            .id()
            .field("resource_type", .string, .required)
            .field("resource_id", .uuid, .required)
            .field("version", .int, .required)
            .field("data", .string, .required)
            .field("changed_by", .uuid)
            .field("changed_at", .datetime, .required)
            .unique(on: "resource_type", "resource_id", "version")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("record_revisions").delete()
    }
}
