import Fluent
import Foundation
import ReliefCore
import Vapor

/// A user's own account: who they are, and changing their password.
enum AccountController {
    struct PasswordForm: Content {
        var currentPassword: String?
        var newPassword: String?
        var confirmPassword: String?
    }

    static func show(req: Request) async throws -> Response {
        let user = try req.user
        return req.page("Your account", section: nil, [
            .tag("h1", text: "Your account"),
            .tag("dl", [("class", "card")], [
                .tag("dt", text: "Name"), .tag("dd", text: user.name),
                .tag("dt", text: "Email"), .tag("dd", text: user.email),
                .tag("dt", text: "Role"), .tag("dd", text: user.role.title),
            ]),
            .link("Change your password", to: SitePath.accountPassword, [("class", "button secondary")]),
        ])
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
        try await req.db.transaction { database in
            try await user.save(on: database)
            // Other browsers signed in as this user are signed out.
            try await SessionStore.endAll(of: current.id, except: current.sessionID, on: database, cache: req.application.sessionCache)
            try await req.audit(AuditEntry(action: .passwordChange, resourceType: "User", resourceID: current.id.uuidString), on: database)
        }
        req.application.sessionCache.remove { $0.userID == current.id }  // it still says "must change password"
        return req.redirect(to: SitePath.home, flash: Flash(.success, "Your password is changed."))
    }

    private static func render(_ req: Request, errors: [String: String], forced: Bool, status: HTTPStatus = .ok) -> Response {
        let order = ["currentPassword", "newPassword", "confirmPassword"]
        return req.page("Change password", section: nil, status: status, [
            .tag("h1", text: "Change your password"),
            .if(forced, .tag("p", [("class", "notice info")], text: "Your password was set by an administrator. Choose your own before you continue.")),
            Forms.errorSummary(order.compactMap { name in errors[name].map { (name: name, message: $0) } }),
            .tag("form", [("method", "post"), ("action", SitePath.accountPassword), ("class", "narrow")], [
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
