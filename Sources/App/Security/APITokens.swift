import Fluent
import Foundation
import SQLKit

/// Personal API tokens: a script acts as the user who made the token, with that user's role. Stored as a SHA-256
/// hash; usable until revoked, expired, or the account is disabled.
enum APITokens {
    static let prefix = "relief_"
    /// Write `last_used_at` at most this often.
    static let touchInterval: TimeInterval = 60

    struct Row: Decodable, Sendable {
        let tokenID: UUID
        var lastUsedAt: Date?
        let expiresAt: Date?
        let revokedAt: Date?
        let userID: UUID
        let email: String
        let name: String
        let role: String
        let mustChangePassword: Bool
        let disabledAt: Date?
        let readOnly: Bool

        enum CodingKeys: String, CodingKey {
            case tokenID = "token_id", lastUsedAt = "last_used_at", expiresAt = "expires_at", revokedAt = "revoked_at", readOnly = "read_only"
            case userID = "user_id", email, name, role, mustChangePassword = "must_change_password", disabledAt = "disabled_at"
        }

        func isUsable(at now: Date) -> Bool {
            revokedAt == nil && disabledAt == nil && (expiresAt.map { now < $0 } ?? true)
        }

        /// Whether `last_used_at` is older than the touch interval.
        func needsTouch(at now: Date) -> Bool {
            lastUsedAt.map { now.timeIntervalSince($0) > APITokens.touchInterval } ?? true
        }
    }

    /// One of a user's tokens as their account page lists it.
    struct Listed: Decodable, Sendable {
        let id: UUID
        let name: String
        let hint: String
        let createdAt: Date
        let expiresAt: Date?
        let lastUsedAt: Date?
        let revokedAt: Date?
        let readOnly: Bool

        enum CodingKeys: String, CodingKey {
            case id, name, hint, createdAt = "created_at", expiresAt = "expires_at", lastUsedAt = "last_used_at", revokedAt = "revoked_at"
            case readOnly = "read_only"
        }
    }

    static func find(tokenHash: String, on database: any Database) async throws -> Row? {
        try await database.sql.raw("""
            SELECT t.id AS token_id, t.last_used_at, t.expires_at, t.revoked_at, t.read_only, u.id AS user_id, u.email, u.name, u.role,
                   u.must_change_password, u.disabled_at
            FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = \(bind: tokenHash)
            """).first(decoding: Row.self)
    }

    /// A new token for the user; the returned secret is shown once and cannot be recovered.
    static func create(userID: UUID, name: String, expiresAt: Date?, readOnly: Bool, now: Date, on database: any Database) async throws -> (id: UUID, secret: String) {
        let id = UUID(), secret = prefix + SessionToken.random()
        try await database.sql.insert(into: "api_tokens")
            .columns("id", "user_id", "name", "token_hash", "hint", "created_at", "expires_at", "read_only")
            .values(SQLBind(id), SQLBind(userID), SQLBind(name), SQLBind(SessionToken.hash(secret)),
                    SQLBind(String(secret.prefix(prefix.count + 6))), SQLBind(now), SQLBind(expiresAt), SQLBind(readOnly))
            .run()
        return (id, secret)
    }

    static func list(userID: UUID, on database: any Database) async throws -> [Listed] {
        try await database.sql.select().columns("id", "name", "hint", "created_at", "expires_at", "last_used_at", "revoked_at", "read_only")
            .from("api_tokens").where("user_id", .equal, userID).orderBy("created_at", .descending)
            .all(decoding: Listed.self)
    }

    /// Revokes one of the user's own live tokens; false when there is no such token or it was already revoked.
    static func revoke(_ id: UUID, userID: UUID, now: Date, on database: any Database) async throws -> Bool {
        let rows = try await database.sql.update("api_tokens").set("revoked_at", to: SQLBind(now))
            .where("id", .equal, id).where("user_id", .equal, userID).where("revoked_at", .is, SQLLiteral.null)
            .returning("id").all()
        return !rows.isEmpty
    }

    /// When an administrator resets a password or disables the account, its tokens go for good; returns how many.
    @discardableResult
    static func revokeAll(of userID: UUID, now: Date, on database: any Database) async throws -> Int {
        try await database.sql.update("api_tokens").set("revoked_at", to: SQLBind(now))
            .where("user_id", .equal, userID).where("revoked_at", .is, SQLLiteral.null).returning("id").all().count
    }

    static func touch(_ id: UUID, at now: Date, on database: any Database) async throws {
        try await database.sql.update("api_tokens").set("last_used_at", to: SQLBind(now)).where("id", .equal, id).run()
    }
}
