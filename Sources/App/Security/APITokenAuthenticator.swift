import Foundation
import ReliefCore
import Vapor

/// Makes the owner of a personal API token (`Authorization: Bearer …`) the user of an `/api/` request. A token
/// that is unknown, revoked or expired, or whose account is disabled, gets 401 and an audit row.
struct APITokenAuthenticator: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard request.url.path.hasPrefix("/api/"), let token = request.headers.bearerAuthorization?.token else {
            return next.respond(to: request)
        }
        return request.eventLoop.makeFutureWithTask {
            let now = request.now
            guard let row = try await APITokens.find(token: token, on: request.db), row.isUsable(at: now),
                  let role = Role(rawValue: row.role) else {
                try await request.audit(AuditEntry(action: .loginFailure, resourceType: "APIToken", outcome: .failure,
                                                   detail: "unknown, revoked or expired API token"))
                throw Abort(.unauthorized, headers: ["WWW-Authenticate": #"Bearer error="invalid_token""#],
                            reason: "This API token is unknown, revoked or expired.")
            }
            if row.lastUsedAt.map({ now.timeIntervalSince($0) > APITokens.touchInterval }) ?? true {
                try await APITokens.touch(row.tokenID, at: now, on: request.db)
            }
            request.currentUser = CurrentUser(id: row.userID, email: row.email, name: row.name, role: role,
                                              credential: .apiToken(row.tokenID), csrfToken: "",
                                              mustChangePassword: row.mustChangePassword)
            return try await next.respond(to: request).get()
        }
    }
}
