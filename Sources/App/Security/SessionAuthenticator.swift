import Fluent
import Foundation
import ReliefCore
import Vapor

/// Reads the session cookie on every request and, if the session is alive, makes its user the request's user.
/// A session idle longer than the configured timeout, or of a disabled account, is ended here.
struct SessionAuthenticator: Middleware {
    static let cookieName = "relief_session"
    /// How stale `last_seen_at` may get before a request refreshes it: a tenth of the idle timeout, at most a minute.
    /// Reading pages then does not write on every request, and a session in use ends no earlier than 90% of the
    /// timeout after its last request (a fixed minute ended a 1-minute session used every 20 seconds).
    static func touchInterval(idleTimeout: TimeInterval) -> TimeInterval { min(60, idleTimeout / 10) }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard let token = request.parsedCookies[Self.cookieName]?.string, !token.isEmpty else {
            return next.respond(to: request)
        }
        let tokenHash = SessionToken.hash(token)
        // Most requests find a live session in the cache that needs no touch: no database, no Task.
        if let row = liveCachedRow(tokenHash, request),
           request.now.timeIntervalSince(row.lastSeenAt) <= Self.touchInterval(idleTimeout: request.application.config.sessionIdleTimeout) {
            signIn(request, row)
            return next.respond(to: request)
        }
        return request.eventLoop.makeFutureWithTask { try await resolve(tokenHash, request) }
            .flatMap { next.respond(to: request) }
            .map { response in
                if request.sessionEnded { response.cookies[Self.cookieName] = .expired }
                return response
            }
    }

    /// A cached row is trusted only while it looks alive; anything else is decided on the database's copy.
    private func liveCachedRow(_ tokenHash: String, _ request: Request) -> SessionStore.Row? {
        let now = request.now
        guard let row = request.application.sessionCache.row(for: tokenHash, now: now),
              now.timeIntervalSince(row.lastSeenAt) <= request.application.config.sessionIdleTimeout else { return nil }
        return row
    }

    private func resolve(_ tokenHash: String, _ request: Request) async throws {
        let now = request.now
        let cache = request.application.sessionCache
        var fresh = false
        var row = liveCachedRow(tokenHash, request)
        if row == nil {
            row = try await SessionStore.find(tokenHash: tokenHash, on: request.db)
            fresh = true
        }
        guard var row else { return }
        let idle = now.timeIntervalSince(row.lastSeenAt)
        if idle > request.application.config.sessionIdleTimeout || row.disabledAt != nil {
            try await SessionStore.end(row.sessionID, at: now, on: request.db, cache: cache)
            request.sessionEnded = true
            return
        }
        if idle > Self.touchInterval(idleTimeout: request.application.config.sessionIdleTimeout) {
            try await SessionStore.touch(row.sessionID, at: now, on: request.db)
            row.lastSeenAt = now
            fresh = true
        }
        if fresh { cache.store(row, for: tokenHash, now: now) }
        signIn(request, row)
    }

    private func signIn(_ request: Request, _ row: SessionStore.Row) {
        guard let role = Role(rawValue: row.role) else { return }
        request.currentUser = CurrentUser(
            id: row.userID, email: row.email, name: row.name, role: role, credential: .session(row.sessionID),
            csrfToken: row.csrfToken, mustChangePassword: row.mustChangePassword)
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
