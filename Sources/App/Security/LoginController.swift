import Fluent
import Foundation
import ReliefCore
import SQLKit
import Vapor

/// Sign in and out; a source that keeps failing must wait (`LoginThrottle`).
enum LoginController {
    struct LoginForm: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    static let wrongCredentials = "The email or password is not right."

    static func show(req: Request) async throws -> Response {
        if req.currentUser != nil { return req.redirect(to: SitePath.home()) }
        let next = req.queryText("next") ?? ""
        let ended = req.queryText("expired") == "1" || req.sessionEnded
            ? "Your session ended after \(Int(req.application.config.sessionIdleTimeout / 60)) minutes without activity. Please sign in again." : nil
        let notice = req.unsavedSubmissionKey != nil
            ? "Your session had ended, so what you sent is not saved yet: it is kept, and comes back when you sign in again." : ended
        return render(req, LoginPage.Model(email: "", next: next, error: nil, notice: notice))
    }

    static func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        // Control characters made visible: PostgreSQL refuses NUL, and no account's email has them.
        let email = TextRules.visible(User.normalize(email: form.email ?? ""))
        var attempt = Refusal(email: email, next: safeNext(form.next))
        let failures = try await recentFailures(req, email: email)
        if req.application.config.loginThrottle.mustWait(addressFailures: failures.address, accountFailuresFromAddress: failures.account) {
            return try await attempt.refuse(req, "address throttled", .tooManyRequests, message: throttledMessage(req))
        }
        // One bcrypt check whatever the account: unknown, disabled or real, the answer and its time are the same.
        let user = try await User.query(on: req.db).filter(\.$email == email).first()
        let live = user.flatMap { $0.isDisabled ? nil : $0 }
        let matches = try await req.password.async.verify(form.password ?? "", created: live?.passwordHash ?? req.application.timingHash)
        guard let live, matches else {
            attempt.user = live
            return try await attempt.refuse(req, live == nil ? (email.isEmpty ? "no email" : "unknown or disabled account") : "wrong password")
        }
        return try await signIn(live, req, next: attempt.next)
    }

    private static func signIn(_ user: User, _ req: Request, next: String) async throws -> Response {
        user.lastLoginAt = req.now
        try await user.save(on: req.db)
        // Typed work kept when the last session ended comes back first.
        var kept: UnsavedSubmission?
        if let key = req.unsavedSubmissionKey {
            kept = try await UnsavedSubmission.find(key: key, userID: try user.requireID(), now: req.now, on: req.db)
        }
        let response = req.redirect(to: user.mustChangePassword ? SitePath.accountPassword() : kept != nil ? SitePath.unsaved() : next)
        try await SessionAuthenticator.start(for: user, request: req, response: response)
        try await req.audit(AuditEntry(action: .loginSuccess, resourceType: "User", resourceID: user.id?.uuidString,
                                       userID: user.id, userEmail: user.email, role: user.role))
        return response
    }

    /// Failed sign-ins from this address within the throttle's window (shared by all instances through the audit
    /// trail): all of them, and those naming this email since it last signed in from here. The action is written
    /// out, not bound: only then do the databases use the partial index on failures.
    private static func recentFailures(_ req: Request, email: String) async throws -> (address: Int, account: Int) {
        let since = req.now.addingTimeInterval(-req.application.config.loginThrottle.window)
        let row = try await req.db.sql.raw("""
            SELECT COUNT(*) AS address,
                   COALESCE(SUM(CASE WHEN user_email = \(bind: email) AND occurred_at > COALESCE(
                       (SELECT MAX(occurred_at) FROM audit_events WHERE user_email = \(bind: email)
                          AND action = '\(unsafeRaw: AuditAction.loginSuccess.rawValue)' AND ip = \(bind: req.clientAddress)),
                       \(bind: since)) THEN 1 ELSE 0 END), 0) AS account
            FROM audit_events
            WHERE action = '\(unsafeRaw: AuditAction.loginFailure.rawValue)' AND ip = \(bind: req.clientAddress)
              AND occurred_at > \(bind: since)
            """).first()
        return (try row?.decode(column: "address", as: Int.self) ?? 0, try row?.decode(column: "account", as: Int.self) ?? 0)
    }

    static func throttledMessage(_ req: Request) -> String {
        "Too many failed sign-ins from this device. Wait \(Int(req.application.config.loginThrottle.window / 60)) minutes and try again."
    }

    /// A refused sign-in: audited with its reason, answered with the form again (email kept, password not).
    private struct Refusal {
        let email: String
        let next: String
        var user: User?

        func refuse(_ req: Request, _ reason: String, _ status: HTTPStatus = .unauthorized,
                    message: String = LoginController.wrongCredentials) async throws -> Response {
            try await req.audit(AuditEntry(action: .loginFailure, resourceType: "User", outcome: .failure, detail: reason,
                                           userID: user?.id, userEmail: email, role: user?.role))
            return LoginController.render(req, LoginPage.Model(email: email, next: next, error: message), status: status)
        }
    }

    /// The page script's "stay signed in": reaching here has renewed the session; says for how long it lasts idle.
    static func keepAlive(req: Request) async throws -> Response {
        let response = try req.json(["idleTimeout": Int(req.application.config.sessionIdleTimeout)])
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    static func logout(req: Request) async throws -> Response {
        let user = try req.user
        try await req.audit(AuditEntry(action: .logout, resourceType: "User", resourceID: user.id.uuidString))
        if let session = user.sessionID { try await SessionStore.end(session, at: req.now, on: req.db, cache: req.application.sessionCache) }
        let response = req.redirect(to: SitePath.login(), flash: Flash(.info, "You are signed out."))
        response.cookies[SessionAuthenticator.cookieName] = .expired
        return response
    }

    /// Only absolute paths on this site: an attacker's link must not bounce a user elsewhere after sign-in. Browsers
    /// drop tabs and newlines from a location and read a backslash as a slash, so "/\t/evil.example" would leave the
    /// site: every character must be visible ASCII (a path's own non-ASCII is percent-encoded), none a backslash.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), next != SitePath.login(),
              next.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) && $0 != "\\" }),
              !next.dropFirst().hasPrefix("/") else {
            return SitePath.home()
        }
        return next
    }

    fileprivate static func render(_ req: Request, _ model: LoginPage.Model, status: HTTPStatus = .ok) -> Response {
        req.page("Sign in", section: nil, status: status, LoginPage.render(model, csrfToken: req.csrfToken))
    }
}

enum LoginPage {
    struct Model {
        var email: String
        var next: String
        var error: String?
        var notice: String? = nil
    }

    static func render(_ model: Model, csrfToken: String) -> [BodyNode] {
        [
            .tag("div", [("class", "login card")], [
                .tag("h1", text: "Sign in to Relief"),
                .unwrap(model.notice) { .tag("p", [("class", "notice info"), ("role", "status")], text: $0) },
                .unwrap(model.error) { .tag("p", [("class", "notice warning"), ("role", "alert"), ("id", "login-error")], text: $0) },
                .tag("form", [("method", "post"), ("action", SitePath.login())], [
                    Forms.csrf(csrfToken),
                    Forms.hidden("next", model.next),
                    Forms.text("email", label: "Email", value: model.email, type: "email", required: true,
                               autocomplete: "username", extra: model.email.isEmpty ? [("autofocus", nil)] : []),
                    Forms.text("password", label: "Password", value: "", type: "password", required: true,
                               autocomplete: "current-password", extra: model.email.isEmpty ? [] : [("autofocus", nil)]),
                    Forms.submit("Sign in"),
                ]),
            ]),
        ]
    }
}

extension Application {
    private struct TimingHashKey: StorageKey { typealias Value = String }

    /// A bcrypt hash of a random string at the configured cost, made once by `configure`: unknown accounts
    /// are refused after the same work as wrong passwords.
    var timingHash: String {
        get { storage[TimingHashKey.self] ?? "" }
        set { storage[TimingHashKey.self] = newValue }
    }
}
