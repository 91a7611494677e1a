import Fluent
import Foundation
import SQLKit

/// Sessions in the database, read on every request through one hand-written join (Fluent's model decoding
/// cost several times the query itself: docs/benchmarks.md) and a few seconds' cache in front of it.
enum SessionStore {
    struct Row: Decodable, Sendable {
        let sessionID: UUID
        let csrfToken: String
        var lastSeenAt: Date
        let userID: UUID
        let email: String
        let name: String
        let role: String
        let mustChangePassword: Bool
        let disabledAt: Date?

        enum CodingKeys: String, CodingKey {
            case sessionID = "session_id", csrfToken = "csrf_token", lastSeenAt = "last_seen_at", userID = "user_id"
            case email, name, role, mustChangePassword = "must_change_password", disabledAt = "disabled_at"
        }
    }

    static func find(tokenHash: String, on database: any Database) async throws -> Row? {
        try await database.sql.raw("""
            SELECT s.id AS session_id, s.csrf_token, s.last_seen_at, u.id AS user_id, u.email, u.name, u.role,
                   u.must_change_password, u.disabled_at
            FROM user_sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = \(bind: tokenHash)
            """).first(decoding: Row.self)
    }

    static func touch(_ sessionID: UUID, at time: Date, on database: any Database) async throws {
        try await database.sql.raw("UPDATE user_sessions SET last_seen_at = \(bind: time) WHERE id = \(bind: sessionID)").run()
    }

    /// Ends one session (sign-out, timeout).
    static func end(_ sessionID: UUID, at now: Date, on database: any Database, cache: SessionCache) async throws {
        try await remember(SQLQueryString("id = \(bind: sessionID)"), at: now, on: database)
        try await database.sql.raw("DELETE FROM user_sessions WHERE id = \(bind: sessionID)").run()
        cache.remove { $0.sessionID == sessionID }
    }

    /// Ends every session of a user but `except` (password changed, reset, account disabled).
    static func endAll(of userID: UUID, except: UUID? = nil, at now: Date, on database: any Database, cache: SessionCache) async throws {
        try await remember(SQLQueryString("user_id = \(bind: userID) AND id <> \(bind: except ?? UUID())"), at: now, on: database)
        var query = database.sql.delete(from: "user_sessions").where("user_id", .equal, userID)
        if let except { query = query.where("id", .notEqual, except) }
        try await query.run()
        cache.remove { $0.userID == userID && $0.sessionID != except }
    }

    /// How long a dead session's form token still names its user, so a form sent after the end can be kept.
    static let endedSessionMemory: TimeInterval = 12 * 3600

    /// Keeps the form tokens of the sessions about to end (`UnsavedSubmission`), and forgets old ones.
    private static func remember(_ sessions: SQLQueryString, at now: Date, on database: any Database) async throws {
        try await database.sql.raw("""
            INSERT INTO ended_sessions (csrf_token, user_id, ended_at)
            SELECT csrf_token, user_id, \(bind: now) FROM user_sessions WHERE \(sessions)
            ON CONFLICT (csrf_token) DO NOTHING
            """).run()
        try await database.sql.raw("DELETE FROM ended_sessions WHERE ended_at < \(bind: now.addingTimeInterval(-endedSessionMemory))").run()
    }

    /// The user whose session, ended within `endedSessionMemory`, handed out this form token.
    static func endedSessionUser(csrfToken: String, now: Date, on database: any Database) async throws -> UUID? {
        try await database.sql.raw("""
            SELECT user_id FROM ended_sessions
            WHERE csrf_token = \(bind: csrfToken) AND ended_at > \(bind: now.addingTimeInterval(-endedSessionMemory))
            """).first()?.decode(column: "user_id", as: UUID.self)
    }
}
