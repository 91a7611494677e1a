import Fluent
import Foundation
import ReliefCore
import Vapor

/// A user's own account: who they are, changing their password, and their personal API tokens.
enum AccountController {
    struct PasswordForm: Content {
        var currentPassword: String?
        var newPassword: String?
        var confirmPassword: String?
    }

    static func show(req: Request) async throws -> Response {
        try await page(req, try await model(req))
    }

    static func createToken(req: Request) async throws -> Response {
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        var model = try await model(req)
        var reader = FormReader(fields, today: req.today)
        model.tokenName = reader.text("name", limit: 100, required: "Say what the token is for.")
        let expiry = reader.one("expiresIn", APITokenExpiry.self, required: "Choose when it expires.")
        model.expiry = fields["expiresIn"]
        model.readOnly = fields["reach"] == "read-only"
        guard let expiry, reader.problems.isEmpty else {
            model.problems = reader.problems
            if req.wantsJSON { throw ValidationFailure(fields: reader.problems) }
            return try await page(req, model, status: .unprocessableEntity)
        }
        let (user, name, readOnly) = (try req.user, model.tokenName, model.readOnly)
        let token = try await req.db.writeTransaction { database in
            let token = try await APITokens.create(userID: user.id, name: name, expiresAt: expiry.date(from: req.now), readOnly: readOnly,
                                                   now: req.now, on: database)
            try await req.audit(AuditEntry(action: .tokenCreate, resourceType: "APIToken", resourceID: token.id.uuidString,
                                           detail: name + (readOnly ? " (read only)" : "")), on: database)
            return token
        }
        model = try await self.model(req)
        model.newToken = (name, token.secret)
        return try await page(req, model, status: .created)
    }

    static func revokeToken(req: Request) async throws -> Response {
        guard let id = req.id(.token) else { throw Abort(.notFound, reason: "No such token.") }
        let user = try req.user
        let revoked = try await req.db.writeTransaction { database in
            guard try await APITokens.revoke(id, userID: user.id, now: req.now, on: database) else { return false }
            try await req.audit(AuditEntry(action: .tokenRevoke, resourceType: "APIToken", resourceID: id.uuidString), on: database)
            return true
        }
        guard revoked else { throw Abort(.notFound, reason: "No such token, or it is already revoked.") }
        req.application.apiTokenCache.remove { $0.tokenID == id }
        return req.redirect(to: SitePath.account(), flash: Flash(.success, "Revoked the token. Scripts using it are refused from now on."))
    }

    private static func model(_ req: Request) async throws -> AccountPage.Model {
        let user = try req.user, now = req.now
        let tokens = try await APITokens.list(userID: user.id, on: req.db).map { token in
            let expired = token.expiresAt.map { $0 <= now } ?? false
            return AccountPage.TokenRow(
                id: token.id, name: token.name, hint: token.hint, created: req.displayTime(token.createdAt),
                expires: token.expiresAt.map(req.displayTime) ?? "Never", lastUsed: token.lastUsedAt.map(req.displayTime) ?? "Not yet",
                state: token.revokedAt.map { "Revoked \(req.displayTime($0))" } ?? (expired ? "Expired" : "Active"),
                isActive: token.revokedAt == nil && !expired, reach: token.readOnly ? "Read only" : "Read and change")
        }
        return AccountPage.Model(name: user.name, email: user.email, role: user.role.title, tokens: tokens)
    }

    private static func page(_ req: Request, _ model: AccountPage.Model, status: HTTPStatus = .ok) async throws -> Response {
        req.page("Your account", section: nil, status: status, AccountPage.render(model, csrfToken: req.csrfToken))
    }

    static func editPassword(req: Request) async throws -> Response {
        render(req, errors: [:], forced: try req.user.mustChangePassword)
    }

    static func updatePassword(req: Request) async throws -> Response {
        let current = try req.user
        let form = try req.content.decode(PasswordForm.self)
        guard let user = try await User.find(current.id, on: req.db) else { throw Abort(.notFound) }
        var errors: [String: String] = [:]
        if !(try await req.password.async.verify(form.currentPassword ?? "", created: user.passwordHash)) {
            errors["currentPassword"] = "This is not your current password."
        }
        let new = form.newPassword ?? ""
        if let problem = PasswordPolicy.problem(with: new, email: user.email) {
            errors["newPassword"] = problem
        } else if new == form.currentPassword {
            errors["newPassword"] = "Choose a password different from the current one."
        }
        if new != (form.confirmPassword ?? "") { errors["confirmPassword"] = "The two new passwords do not match." }
        guard errors.isEmpty else {
            if req.wantsJSON { throw ValidationFailure(fields: errors) }
            return render(req, errors: errors, forced: current.mustChangePassword, status: .unprocessableEntity)
        }
        user.passwordHash = try await req.password.async.hash(new)
        user.mustChangePassword = false
        user.version += 1
        try await req.db.writeTransaction { database in
            try await user.save(on: database)
            // Other browsers signed in as this user are signed out.
            try await SessionStore.endAll(of: current.id, except: current.sessionID, at: req.now, on: database, cache: req.application.sessionCache)
            try await req.audit(AuditEntry(action: .passwordChange, resourceType: "User", resourceID: current.id.uuidString), on: database)
        }
        req.application.forgetCredentials(of: current.id)  // the cached rows still say "must change password"
        return req.redirect(to: SitePath.home(), flash: Flash(.success, "Your password is changed."))
    }

    private static func render(_ req: Request, errors: [String: String], forced: Bool, status: HTTPStatus = .ok) -> Response {
        let order = ["currentPassword", "newPassword", "confirmPassword"]
        return req.page("Change password", section: nil, status: status, [
            .tag("h1", text: "Change your password"),
            .if(forced, .tag("p", [("class", "notice info")], text: "Your password was set by an administrator. Choose your own before you continue.")),
            Forms.errorSummary(order.compactMap { name in errors[name].map { (name: name, message: $0) } }),
            .tag("form", [("method", "post"), ("action", SitePath.accountPassword()), ("class", "narrow")], [
                Forms.csrf(req.csrfToken),
                Forms.text("currentPassword", label: "Current password", value: "", error: errors["currentPassword"],
                           type: "password", required: true, autocomplete: "current-password"),
                Forms.text("newPassword", label: "New password", value: "", error: errors["newPassword"], type: "password",
                           required: true, autocomplete: "new-password",
                           hint: "At least \(PasswordPolicy.minimumLength) characters. A few unrelated words make a strong password."),
                Forms.text("confirmPassword", label: "New password again", value: "", error: errors["confirmPassword"],
                           type: "password", required: true, autocomplete: "new-password"),
                Forms.submit("Change password"),
            ]),
        ])
    }
}
