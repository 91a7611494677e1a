import Fluent
import SQLKit

/// Each provider's secret calendar feed address: the token stored as a SHA-256 hash (shown once when made), one live
/// feed per provider, revoked rather than removed.
struct CreateCalendarFeed: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("calendar_feeds")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("token_hash", .string, .required)
            .field("hint", .string, .required)
            .field("created_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .field("last_used_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.sql.createIndex("calendar_feeds_user", on: "calendar_feeds", columns: ["user_id", "created_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("calendar_feeds").delete()
    }
}
