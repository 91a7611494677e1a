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
        if let session = try await UserSession.query(on: request.db)
            .filter(\.$tokenHash == SessionToken.hash(token)).with(\.$user).first() {
            let user = session.user
            let idle = now.timeIntervalSince(session.lastSeenAt)
            if idle > request.application.config.sessionIdleTimeout || user.isDisabled || user.roleValue == nil {
                try await session.delete(on: request.db)
                request.sessionEnded = true
            } else {
                if idle > Self.touchInterval {
                    session.lastSeenAt = now
                    try await session.save(on: request.db)
                }
                request.currentUser = CurrentUser(
                    id: try user.requireID(), email: user.email, name: user.name, role: user.roleValue!,
                    sessionID: try session.requireID(), csrfToken: session.csrfToken,
                    mustChangePassword: user.mustChangePassword)
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
