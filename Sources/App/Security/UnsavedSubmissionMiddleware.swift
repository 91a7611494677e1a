import Foundation
import ReliefCore
import Vapor

/// A form sent from a page whose session has since ended is kept for its author (`UnsavedSubmission`) instead of
/// being refused as expired: its form token names the session, and so the user, that drew the page. Sent again after
/// signing in and answered, the kept copy is let go. Between the session authenticator and the CSRF check, which
/// would refuse it.
struct UnsavedSubmissionMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard request.method == .POST, request.headers.contentType == .urlEncodedForm, !request.wantsJSON,
              request.currentUser?.viaAPIToken != true, let body = request.body.string else {
            return next.respond(to: request)
        }
        let fields = FormFields(urlEncoded: body)
        if let user = request.currentUser {
            guard let kept = UUID(uuidString: fields[UnsavedSubmission.fieldName]) else { return next.respond(to: request) }
            return next.respond(to: request).flatMap { response in
                release(kept, of: user.id, after: response, request)
            }
        }
        let token = fields[CSRFMiddleware.fieldName]
        let path = request.url.string
        // Only a path on this site (the form is sent there again), and never a sign-out.
        guard !token.isEmpty, LoginController.safeNext(path) == path, request.url.path != SitePath.logout() else {
            return next.respond(to: request)
        }
        return request.eventLoop.makeFutureWithTask {
            guard let userID = try await SessionStore.endedSessionUser(csrfToken: token, now: request.now, on: request.db) else {
                return try await next.respond(to: request).get()
            }
            return try await keep(fields, path: path, for: userID, request)
        }
    }

    private func keep(_ fields: FormFields, path: String, for userID: UUID, _ request: Request) async throws -> Response {
        let key = try await UnsavedSubmission.keep(path: path, fields: fields, for: userID, now: request.now, on: request.db)
        try await request.audit(AuditEntry(action: .submissionKept, resourceType: "UnsavedSubmission",
                                           patientID: UnsavedSubmission.patientID(in: path), detail: request.url.path, userID: userID))
        let response = request.redirect(to: SitePath.login() + "?expired=1")
        response.cookies[UnsavedSubmission.cookieName] = HTTPCookies.Value(
            string: key, maxAge: Int(UnsavedSubmission.lifetime), path: "/", isSecure: request.isSecure, isHTTPOnly: true,
            sameSite: .lax)
        return response
    }

    /// A kept form sent again is let go once its handler has answered it — saved, or shown again with its problems
    /// and the text in it — but not when it was refused before reaching the handler (403) or failed (5xx).
    private func release(_ kept: UUID, of userID: UUID, after response: Response, _ request: Request) -> EventLoopFuture<Response> {
        guard response.status.code < 500, response.status != .forbidden else { return request.eventLoop.makeSucceededFuture(response) }
        return request.eventLoop.makeFutureWithTask {
            try await UnsavedSubmission.release(kept, userID: userID, on: request.db)
            response.cookies[UnsavedSubmission.cookieName] = .expired
            return response
        }
    }
}
