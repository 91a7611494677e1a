import Fluent
import Foundation
import ReliefCore
import SQLKit
import Vapor

/// Sign in and out, with account lockout and a per-address limit on failures.
enum LoginController {
    struct LoginForm: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    static let wrongCredentials = "The email or password is not right."

    static func show(req: Request) async throws -> Response {
        if req.currentUser != nil { return req.redirect(to: SitePath.home) }
        let next = req.queryText("next") ?? ""
        let notice = req.queryText("expired") == "1" || req.sessionEnded
            ? "Your session ended after \(Int(req.application.config.sessionIdleTimeout / 60)) minutes without activity. Please sign in again." : nil
        return render(req, LoginPage.Model(email: "", next: next, error: nil, notice: notice))
    }

    static func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let email = User.normalize(email: form.email ?? "")
        let throttle = req.application.config.loginThrottle
        let now = req.now
        var attempt = Refusal(email: email, next: safeNext(form.next))

        if throttle.addressBlocked(recentFailures: try await recentFailures(from: req, within: throttle.addressWindow)) {
            return try await attempt.refuse(req, "address throttled", .tooManyRequests,
                                            message: "Too many failed sign-ins from this device. Wait 15 minutes and try again.")
        }
        guard let user = try await User.query(on: req.db).filter(\.$email == email).first(), !user.isDisabled else {
            // Same work as a real check, so response time does not tell which accounts exist.
            _ = try? await req.password.async.verify(form.password ?? "", created: req.application.timingHash)
            return try await attempt.refuse(req, email.isEmpty ? "no email" : "unknown or disabled account")
        }
        attempt.user = user
        if let lockedUntil = user.lockedUntil, throttle.isLocked(until: lockedUntil, now: now) {
            return try await attempt.refuse(req, "account locked", message: lockedMessage(lockedUntil, req))
        }
        guard try await req.password.async.verify(form.password ?? "", created: user.passwordHash) else {
            user.failedLogins += 1
            user.lockedUntil = throttle.lockUntil(afterFailures: user.failedLogins, now: now)
            if user.lockedUntil != nil { user.failedLogins = 0 }
            try await user.save(on: req.db)
            guard let lockedUntil = user.lockedUntil else { return try await attempt.refuse(req, "wrong password") }
            return try await attempt.refuse(req, "wrong password; account locked", message: lockedMessage(lockedUntil, req))
        }
        return try await signIn(user, req, next: attempt.next)
    }

    private static func signIn(_ user: User, _ req: Request, next: String) async throws -> Response {
        user.failedLogins = 0
        user.lockedUntil = nil
        user.lastLoginAt = req.now
        try await user.save(on: req.db)
        let response = req.redirect(to: user.mustChangePassword ? SitePath.accountPassword : next)
        try await SessionAuthenticator.start(for: user, request: req, response: response)
        try await req.audit(AuditEntry(action: .loginSuccess, resourceType: "User", resourceID: user.id?.uuidString,
                                       userID: user.id, userEmail: user.email, role: user.role))
        return response
    }

    /// Failed sign-ins from this address within the window, counted from the audit trail (shared by all instances).
    /// The action is written out, not bound: only then do the databases use the partial index on failures.
    private static func recentFailures(from req: Request, within window: TimeInterval) async throws -> Int {
        let row = try await req.db.sql.raw("""
            SELECT COUNT(*) AS failures FROM audit_events
            WHERE action = '\(unsafeRaw: AuditAction.loginFailure.rawValue)' AND ip = \(bind: req.clientAddress)
              AND occurred_at > \(bind: req.now.addingTimeInterval(-window))
            """).first()
        return try row?.decode(column: "failures", as: Int.self) ?? 0
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

    static func logout(req: Request) async throws -> Response {
        let user = try req.user
        try await req.audit(AuditEntry(action: .logout, resourceType: "User", resourceID: user.id.uuidString))
        if let session = user.sessionID { try await SessionStore.end(session, on: req.db, cache: req.application.sessionCache) }
        let response = req.redirect(to: SitePath.login, flash: Flash(.info, "You are signed out."))
        response.cookies[SessionAuthenticator.cookieName] = .expired
        return response
    }

    /// Only paths on this site: an attacker's link must not bounce a user elsewhere after sign-in.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), next != SitePath.login else {
            return SitePath.home
        }
        return next
    }

    static func lockedMessage(_ until: Date, _ req: Request) -> String {
        "This account is locked after repeated failed sign-ins until \(req.displayTime(until)). An administrator can unlock it by resetting the password."
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
                .tag("form", [("method", "post"), ("action", SitePath.login)], [
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
