import Foundation
import Vapor

/// Refuses any state-changing request whose form (or `X-CSRF-Token` header) does not carry the token of the
/// browser's session; before sign-in, the token of a cookie set here (double submit).
struct CSRFMiddleware: Middleware {
    static let fieldName = "_csrf"
    static let headerName = "X-CSRF-Token"
    static let cookieName = "relief_csrf"

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let anonymousToken = request.parsedCookies[Self.cookieName]?.string
        // Only a browser that is not signed in needs the double-submit cookie (for the sign-in form).
        let newAnonymousToken = anonymousToken == nil && request.currentUser == nil ? SessionToken.random() : nil
        request.anonymousCSRFToken = anonymousToken ?? newAnonymousToken
        // A bearer token is sent only by a script that holds it, never by a browser on a forged page.
        if ![.GET, .HEAD, .OPTIONS].contains(request.method) && request.currentUser?.viaAPIToken != true {
            // The body is here whole: Relief's server collects it, within the size limit, before any middleware.
            let expected = request.currentUser?.csrfToken ?? anonymousToken
            let provided = request.headers.first(name: Self.headerName)
                ?? (try? request.content.get(String.self, at: Self.fieldName))
            guard let expected, let provided, Self.constantTimeEqual(expected, provided) else {
                return request.eventLoop.makeFailedFuture(Abort(.forbidden, reason:
                    "This form has expired or did not come from Relief. Go back, reload the page and submit it again."))
            }
        }
        return next.respond(to: request).map { response in
            if let token = newAnonymousToken {
                response.cookies[Self.cookieName] = HTTPCookies.Value(
                    string: token, path: "/", isSecure: request.isSecure, isHTTPOnly: true, sameSite: .lax)
            }
            return response
        }
    }

    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8), right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension Request {
    private struct AnonymousCSRFKey: StorageKey { typealias Value = String }

    fileprivate(set) var anonymousCSRFToken: String? {
        get { storage[AnonymousCSRFKey.self] }
        set { storage[AnonymousCSRFKey.self] = newValue }
    }

    /// The token every form on the page must send back.
    var csrfToken: String { currentUser?.csrfToken ?? anonymousCSRFToken ?? "" }
}
