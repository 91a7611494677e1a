import Fluent
import Foundation
import ReliefCore
import Vapor

/// Reads the session cookie on every request and, if the session is alive, makes its user the request's user.
/// A session idle longer than the configured timeout, or of a disabled account, is ended here.
struct SessionAuthenticator: AsyncMiddleware {
    static let cookieName = "relief_session"
    /// Refresh `last_seen_at` at most this often, so reading pages does not write on every request.
    static let touchInterval: TimeInterval = 60

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let token = request.cookies[Self.cookieName]?.string, !token.isEmpty else {
            return try await next.respond(to: request)
        }
        let now = request.now
        let cache = request.application.sessionCache
        let tokenHash = SessionToken.hash(token)
        let timeout = request.application.config.sessionIdleTimeout
        // A cached row is trusted only while it looks alive; anything else is decided on the database's copy.
        var row = cache.row(for: tokenHash, now: now).flatMap { now.timeIntervalSince($0.lastSeenAt) <= timeout ? $0 : nil }
        var fresh = false
        if row == nil {
            row = try await SessionStore.find(tokenHash: tokenHash, on: request.db)
            fresh = true
        }
        if var row {
            let idle = now.timeIntervalSince(row.lastSeenAt)
            if idle > timeout || row.disabledAt != nil {
                try await SessionStore.end(row.sessionID, on: request.db, cache: cache)
                request.sessionEnded = true
            } else if let role = Role(rawValue: row.role) {
                if idle > Self.touchInterval {
                    try await SessionStore.touch(row.sessionID, at: now, on: request.db)
                    row.lastSeenAt = now
                    fresh = true
                }
                if fresh { cache.store(row, for: tokenHash, now: now) }
                request.currentUser = CurrentUser(
                    id: row.userID, email: row.email, name: row.name, role: role, sessionID: row.sessionID,
                    csrfToken: row.csrfToken, mustChangePassword: row.mustChangePassword)
            }
        }
        let response = try await next.respond(to: request)
        if request.sessionEnded { response.cookies[Self.cookieName] = .expired }
        return response
    }

    /// Starts a session for a user who just proved who they are, and sets its cookie on the response.
    static func start(for user: User, request: Request, response: Response) async throws {
        let token = SessionToken.random()
        let session = UserSession(
            tokenHash: SessionToken.hash(token), userID: try user.requireID(), csrfToken: SessionToken.random(),
            now: request.now, ip: request.clientAddress, userAgent: request.headers.first(name: .userAgent))
        try await session.create(on: request.db)
        response.cookies[cookieName] = HTTPCookies.Value(
            string: token, maxAge: nil, path: "/", isSecure: request.isSecure, isHTTPOnly: true, sameSite: .lax)
    }
}
