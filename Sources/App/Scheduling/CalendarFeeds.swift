import Fluent
import Foundation
import SQLKit

/// Providers' calendar feeds: a secret address per provider, stored as a SHA-256 hash like API tokens. Making a new
/// one revokes the old, so a leaked address is closed by making another.
enum CalendarFeeds {
    static let prefix = "feed_"

    struct Live: Decodable, Sendable {
        let id: UUID
        let userID: UUID
        let hint: String
        let createdAt: Date
        let lastUsedAt: Date?

        enum CodingKeys: String, CodingKey {
            case id, userID = "user_id", hint, createdAt = "created_at", lastUsedAt = "last_used_at"
        }
    }

    /// The live feed a secret opens, for an account still enabled.
    static func find(secret: String, on database: any Database) async throws -> Live? {
        try await database.sql.raw("""
            SELECT f.id, f.user_id, f.hint, f.created_at, f.last_used_at FROM calendar_feeds f JOIN users u ON u.id = f.user_id
            WHERE f.token_hash = \(bind: SessionToken.hash(secret)) AND f.revoked_at IS NULL AND u.disabled_at IS NULL
            """).first(decoding: Live.self)
    }

    static func live(userID: UUID, on database: any Database) async throws -> Live? {
        try await database.sql.select().columns("id", "user_id", "hint", "created_at", "last_used_at").from("calendar_feeds")
            .where("user_id", .equal, userID).where("revoked_at", .is, SQLLiteral.null).first(decoding: Live.self)
    }

    /// A new feed for the user (the old one revoked); the secret is shown once and cannot be recovered.
    static func create(userID: UUID, now: Date, on database: any Database) async throws -> (id: UUID, secret: String) {
        try await revoke(userID: userID, now: now, on: database)
        let id = UUID(), secret = prefix + SessionToken.random()
        try await database.sql.insert(into: "calendar_feeds").columns("id", "user_id", "token_hash", "hint", "created_at")
            .values(SQLBind(id), SQLBind(userID), SQLBind(SessionToken.hash(secret)), SQLBind(String(secret.prefix(prefix.count + 6))), SQLBind(now))
            .run()
        return (id, secret)
    }

    /// Revokes the user's live feed; false when there was none.
    @discardableResult
    static func revoke(userID: UUID, now: Date, on database: any Database) async throws -> Bool {
        !(try await database.sql.update("calendar_feeds").set("revoked_at", to: now).where("user_id", .equal, userID)
            .where("revoked_at", .is, SQLLiteral.null).returning("id").all()).isEmpty
    }

    static func touch(_ id: UUID, now: Date, on database: any Database) async throws {
        try await database.sql.update("calendar_feeds").set("last_used_at", to: now).where("id", .equal, id).run()
    }
}
