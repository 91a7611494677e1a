import Fluent
import Foundation
import ReliefCore
import Vapor

/// The administrator's staff list: add, change role, disable, reset a password.
enum UsersController {
    struct AccountForm: Content {
        var name: String?
        var email: String?
        var role: String?
        var version: Int?
    }

    static func index(req: Request) async throws -> Response {
        let throttle = req.application.config.loginThrottle
        let rows = try await UserDirectory.summaries(since: req.now.addingTimeInterval(-throttle.window), on: req.db)
        try await req.audit(AuditEntry(action: .userList, resourceType: "User"))
        let model = UsersPages.IndexModel(users: rows, windowMinutes: Int(throttle.window / 60),
                                          underAttack: rows.filter { throttle.alertsAdministrators(accountFailures: $0.recentFailures) },
                                          lastLogin: { $0.map(req.displayTime) ?? "never" })
        return req.page("Staff accounts", section: .admin, UsersPages.index(model))
    }

    static func new(req: Request) async throws -> Response {
        req.page("Add a staff member", section: .admin,
                 UsersPages.form(.init(name: "", email: "", role: "", version: nil, errors: [:]), csrfToken: req.csrfToken))
    }

    static func create(req: Request) async throws -> Response {
        let form = try req.content.decode(AccountForm.self)
        let input = StaffAccountInput(name: form.name ?? "", email: form.email ?? "", role: form.role ?? "")
        let password = UserDirectory.temporaryPassword()
        let hash = try await req.password.async.hash(password)
        do {
            let user = try await req.db.writeTransaction { database in
                let user = try await UserDirectory.create(input, password: password, passwordHash: hash, mustChangePassword: true,
                                                          on: database)
                try await req.audit(AuditEntry(action: .userCreate, resourceType: "User", resourceID: user.id?.uuidString,
                                               detail: "role=\(input.role)"), on: database)
                return user
            }
            return req.page("Account created", section: .admin, UsersPages.temporaryPassword(name: user.name, email: user.email, password: password))
        } catch UserDirectory.Failure.invalid(let errors) {
            return try invalid(req, .init(name: input.name, email: input.email, role: input.role, version: nil, errors: errors))
        }
    }

    static func edit(req: Request) async throws -> Response {
        let user = try await UserDirectory.user(req)
        let model = UsersPages.FormModel(name: user.name, email: user.email, role: user.role, version: user.version, errors: [:],
                                         id: user.id, disabled: user.isDisabled)
        return req.page(user.name, section: .admin, UsersPages.form(model, csrfToken: req.csrfToken))
    }

    static func update(req: Request) async throws -> Response {
        let user = try await UserDirectory.user(req)
        let form = try req.content.decode(AccountForm.self)
        let input = StaffAccountInput(name: form.name ?? "", email: user.email, role: form.role ?? "")
        var errors = input.problems()
        if input.role != Role.admin.rawValue, try await UserDirectory.isLastAdministrator(user, on: req.db) {
            errors["role"] = UserDirectory.Failure.lastAdministrator.description
        }
        let model = UsersPages.FormModel(name: input.name, email: user.email, role: input.role, version: form.version,
                                         errors: errors, id: user.id, disabled: user.isDisabled)
        guard errors.isEmpty else { return try invalid(req, model) }
        guard let version = form.version else { throw Abort(.badRequest, reason: "The form is missing its version.") }
        let changes = [user.name == input.name ? nil : "name", user.role == input.role ? nil : "role \(user.role)→\(input.role)"]
        try await req.db.writeTransaction { database in
            // The version the administrator's form was built from, not the one just loaded.
            guard try await RecordVersion.claim(User.schema, id: try user.requireID(), expected: version, on: database) else {
                throw Abort(.conflict, reason: UserDirectory.Failure.stale.description)
            }
            user.name = input.name
            user.role = input.role
            user.version = version + 1
            try await user.save(on: database)
            try await req.audit(AuditEntry(action: .userUpdate, resourceType: "User", resourceID: user.id?.uuidString,
                                           detail: changes.compactMap { $0 }.joined(separator: ", ")), on: database)
        }
        // A new role applies from the user's next request, not after the cache expires.
        req.application.forgetCredentials(of: try user.requireID())
        return req.redirect(to: SitePath.adminUsers(), flash: Flash(.success, "Saved \(user.name)."))
    }

    static func disable(req: Request) async throws -> Response { try await setDisabled(req, true) }

    static func enable(req: Request) async throws -> Response { try await setDisabled(req, false) }

    static func resetPassword(req: Request) async throws -> Response {
        let user = try await UserDirectory.user(req)
        let password = UserDirectory.temporaryPassword()
        user.passwordHash = try await req.password.async.hash(password)
        user.mustChangePassword = true
        user.version += 1
        try await req.db.writeTransaction { database in
            try await user.save(on: database)
            try await SessionStore.endAll(of: try user.requireID(), at: req.now, on: database, cache: req.application.sessionCache)
            try await APITokens.revokeAll(of: try user.requireID(), now: req.now, on: database)
            try await req.audit(AuditEntry(action: .userPasswordReset, resourceType: "User", resourceID: user.id?.uuidString), on: database)
        }
        req.application.forgetCredentials(of: try user.requireID())
        return req.page("Password reset", section: .admin, UsersPages.temporaryPassword(name: user.name, email: user.email, password: password))
    }

    private static func setDisabled(_ req: Request, _ disabled: Bool) async throws -> Response {
        let user = try await UserDirectory.user(req)
        do {
            try await req.db.writeTransaction { database in
                let revoked = try await UserDirectory.setDisabled(user, disabled, actor: try req.user.id, now: req.now, on: database,
                                                                  sessions: req.application.sessionCache)
                try await req.audit(AuditEntry(action: disabled ? .userDisable : .userEnable, resourceType: "User",
                                               resourceID: user.id?.uuidString, detail: UserDirectory.revokedTokens(revoked)), on: database)
            }
            req.application.forgetCredentials(of: try user.requireID())
        } catch let failure as UserDirectory.Failure {
            throw Abort(.conflict, reason: failure.description)
        }
        return req.redirect(to: SitePath.adminUsers(), flash: Flash(.success, "\(user.name) is \(disabled ? "disabled" : "active again")."))
    }

    private static func invalid(_ req: Request, _ model: UsersPages.FormModel) throws -> Response {
        if req.wantsJSON { throw ValidationFailure(fields: model.errors) }
        return req.page("Staff account", section: .admin, status: .unprocessableEntity, UsersPages.form(model, csrfToken: req.csrfToken))
    }
}
