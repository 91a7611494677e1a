import Foundation
import ReliefCore
import Vapor

/// Makes the owner of a personal API token (`Authorization: Bearer …`) the user of an `/api/` or `/fhir/` request. A token
/// that is unknown, revoked or expired, or whose account is disabled, gets 401 and an audit row. Checked tokens are
/// remembered for a few seconds like sessions (`CredentialCache`): most requests then touch no database and start
/// no task before their handler.
struct APITokenAuthenticator: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard request.url.path.hasPrefix("/api/") || request.isFHIR || request.isCDSHooks, let token = request.headers.bearerAuthorization?.token else {
            return next.respond(to: request)
        }
        let hash = SessionToken.hash(token), now = request.now
        if let row = request.application.apiTokenCache.row(for: hash, now: now), row.isUsable(at: now), !row.needsTouch(at: now),
           signIn(request, row) {
            return next.respond(to: request)
        }
        return request.eventLoop.makeFutureWithTask {
            try await resolve(hash, request)
            return try await next.respond(to: request).get()
        }
    }

    private func resolve(_ hash: String, _ request: Request) async throws {
        let now = request.now, cache = request.application.apiTokenCache
        guard var row = try await APITokens.find(tokenHash: hash, on: request.db), row.isUsable(at: now) else {
            try await request.audit(AuditEntry(action: .loginFailure, resourceType: "APIToken", outcome: .failure,
                                               detail: "unknown, revoked or expired API token"))
            throw Abort(.unauthorized, headers: ["WWW-Authenticate": #"Bearer error="invalid_token""#],
                        reason: "This API token is unknown, revoked or expired.")
        }
        if row.needsTouch(at: now) {
            try await APITokens.touch(row.tokenID, at: now, on: request.db)
            row.lastUsedAt = now
        }
        cache.store(row, for: hash, now: now)
        guard signIn(request, row) else { throw Abort(.unauthorized, reason: "This API token's account has no known role.") }
    }

    /// False for a role this version does not know.
    private func signIn(_ request: Request, _ row: APITokens.Row) -> Bool {
        guard let role = Role(rawValue: row.role) else { return false }
        request.currentUser = CurrentUser(id: row.userID, email: row.email, name: row.name, role: role,
                                          credential: .apiToken(row.tokenID, readOnly: row.readOnly), csrfToken: "", mustChangePassword: row.mustChangePassword)
        return true
    }
}
