import Fluent
import Foundation
import ReliefCore
import Vapor

/// Staff accounts: the rules shared by the admin pages and the `relief user` commands.
public enum UserDirectory {
    public struct Summary: Sendable, Equatable {
        public let id: UUID
        public let email: String
        public let name: String
        public let role: Role
        public let disabled: Bool
        /// Failed sign-ins naming this account within the login throttle's window, from any address.
        public let recentFailures: Int
        public let lastLoginAt: Date?
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case invalid([String: String])
        case notFound
        case lastAdministrator
        case own
        case stale

        public var description: String {
            switch self {
            case .invalid(let fields): fields.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
            case .notFound: "No such user."
            case .lastAdministrator: "The practice needs at least one active administrator."
            case .own: "You cannot disable your own account."
            case .stale: "Someone else changed this account in the meantime. Reload and try again."
            }
        }
    }

    static func summary(_ user: User, recentFailures: Int) throws -> Summary {
        Summary(id: try user.requireID(), email: user.email, name: user.name, role: user.roleValue ?? .patient,
                disabled: user.isDisabled, recentFailures: recentFailures, lastLoginAt: user.lastLoginAt)
    }

    /// Every account with its failed sign-ins since `since`, by name.
    static func summaries(since: Date, on database: any Database) async throws -> [Summary] {
        let rows = try await database.sql.raw("""
            SELECT user_email, COUNT(*) AS failures FROM audit_events
            WHERE action = '\(unsafeRaw: AuditAction.loginFailure.rawValue)' AND occurred_at > \(bind: since) GROUP BY user_email
            """).all()
        var failures: [String: Int] = [:]
        for row in rows {
            if let email = try row.decode(column: "user_email", as: String?.self) {
                failures[email] = try row.decode(column: "failures", as: Int.self)
            }
        }
        return try await all(on: database).map { try summary($0, recentFailures: failures[$0.email] ?? 0) }
    }

    /// Creates an account. A password the administrator did not choose themselves must be changed at first sign-in.
    /// `passwordHash` is `password` hashed by the caller beforehand: bcrypt takes a quarter second, which a write
    /// transaction around this must not wait for while it holds SQLite's write lock.
    static func create(_ input: StaffAccountInput, password: String, passwordHash: String, mustChangePassword: Bool,
                       on database: any Database) async throws -> User {
        var problems = input.problems()
        if let problem = PasswordPolicy.problem(with: password, email: input.email) { problems["password"] = problem }
        if problems["email"] == nil, try await User.query(on: database).filter(\.$email == input.email).first() != nil {
            problems["email"] = "An account with this email already exists."
        }
        guard problems.isEmpty else { throw Failure.invalid(problems) }
        let user = User(email: input.email, name: input.name, role: Role(rawValue: input.role)!,
                        passwordHash: passwordHash, mustChangePassword: mustChangePassword)
        try await user.create(on: database)
        return user
    }

    static func all(on database: any Database) async throws -> [User] {
        try await User.query(on: database).sort(\.$name).all()
    }

    /// The account a route's `:user` names, or 404.
    static func user(_ req: Request) async throws -> User {
        guard let id = req.id(.user), let user = try await User.find(id, on: req.db) else {
            throw Abort(.notFound, reason: "No such user.")
        }
        return user
    }

    static func find(email: String, on database: any Database) async throws -> User {
        guard let user = try await User.query(on: database).filter(\.$email == User.normalize(email: email)).first() else {
            throw Failure.notFound
        }
        return user
    }

    /// Whether taking `user` out of the administrators would leave none.
    static func isLastAdministrator(_ user: User, on database: any Database) async throws -> Bool {
        guard user.roleValue == .admin, !user.isDisabled else { return false }
        let admins = try await User.query(on: database).filter(\.$role == Role.admin.rawValue).filter(\.$disabledAt == nil).count()
        return admins <= 1
    }

    /// Disables or enables an account. Disabling ends its sessions and revokes its API tokens for good (enabling
    /// again does not bring them back); returns how many tokens it revoked. The caller forgets the account's cached
    /// credentials once the transaction has committed.
    @discardableResult
    static func setDisabled(_ user: User, _ disabled: Bool, actor: UUID?, now: Date, on database: any Database,
                            sessions: SessionCache) async throws -> Int {
        if disabled {
            if user.id == actor { throw Failure.own }
            if try await isLastAdministrator(user, on: database) { throw Failure.lastAdministrator }
        }
        user.disabledAt = disabled ? now : nil
        user.version += 1
        try await user.save(on: database)
        guard disabled else { return 0 }
        try await SessionStore.endAll(of: try user.requireID(), at: now, on: database, cache: sessions)
        return try await APITokens.revokeAll(of: try user.requireID(), now: now, on: database)
    }

    /// A readable temporary password (four groups of four letters and digits, about 80 bits).
    static func temporaryPassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String((0..<4).map { _ in alphabet.randomElement(using: &generator)! }) }.joined(separator: "-")
    }
}

/// The `relief user …` commands call these; they write the audit trail as the command line.
extension UserDirectory {
    static let commandLineAgent = "relief-cli"

    public static func createFromCommandLine(name: String, email: String, role: String, password: String,
                                             on app: Application) async throws -> Summary {
        let input = StaffAccountInput(name: name, email: email, role: role)
        let user = try await create(input, password: password, passwordHash: try await app.password.async.hash(password),
                                    mustChangePassword: false, on: app.db)
        try await commandLineAudit(.userCreate, user: user, detail: "role=\(input.role)", on: app)
        return try summary(user, recentFailures: 0)
    }

    public static func listFromCommandLine(on app: Application) async throws -> [Summary] {
        try await summaries(since: app.config.now().addingTimeInterval(-app.config.loginThrottle.window), on: app.db)
    }

    public static func disableFromCommandLine(email: String, on app: Application) async throws {
        let user = try await find(email: email, on: app.db)
        try await app.db.writeTransaction { database in
            let revoked = try await setDisabled(user, true, actor: nil, now: app.config.now(), on: database, sessions: app.sessionCache)
            try await commandLineAudit(.userDisable, user: user, detail: revokedTokens(revoked), on: database, now: app.config.now())
        }
        app.forgetCredentials(of: try user.requireID())
    }

    static func commandLineAudit(_ action: AuditAction, user: User, detail: String?, on app: Application) async throws {
        try await commandLineAudit(action, user: user, detail: detail, on: app.db, now: app.config.now())
    }

    static func commandLineAudit(_ action: AuditAction, user: User, detail: String?, on database: any Database, now: Date) async throws {
        let entry = AuditEntry(action: action, resourceType: "User", resourceID: user.id?.uuidString, detail: detail,
                               userEmail: "command line")
        try await AuditRow.insert([AuditRow(entry, at: now, actor: nil, ip: nil, userAgent: commandLineAgent)], on: database)
    }

    /// The disable row's detail: what went with the account.
    static func revokedTokens(_ count: Int) -> String? { count == 0 ? nil : "\(count) API token(s) revoked" }

    public static func count(on app: Application) async throws -> Int {
        try await User.query(on: app.db).count()
    }
}
