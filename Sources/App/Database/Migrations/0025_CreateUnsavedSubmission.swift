import Fluent
import SQLKit

/// Typed work that arrived after its session had ended, kept for its author until they sign in again.
/// `ended_sessions` remembers, for a few hours, which user a dead session's form token belonged to (the form is
/// the only proof of who typed it once the session row is gone); `unsaved_submissions` holds the form itself,
/// sealed with a key that only the browser's cookie carries, and found by that key's hash.
struct CreateUnsavedSubmission: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("ended_sessions")
            .field("csrf_token", .string, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("ended_at", .datetime, .required)
            .create()
        try await database.schema("unsaved_submissions")
            .id()
            .field("key_hash", .string, .required)
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("sealed", .string, .required)
            .field("kept_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "key_hash", name: "unsaved_submissions_key")
            .create()
        try await database.sql.raw("CREATE INDEX ended_sessions_time ON ended_sessions (ended_at)").run()
        try await database.sql.raw("CREATE INDEX unsaved_submissions_expiry ON unsaved_submissions (expires_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("unsaved_submissions").delete()
        try await database.schema("ended_sessions").delete()
    }
}
