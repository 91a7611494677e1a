import Fluent
import Foundation
import ReliefCore

/// A staff (or, later, portal) account. Accounts are disabled, never deleted: the audit trail points at them.
final class User: Model, @unchecked Sendable {  // @unchecked: Fluent models are mutable reference types by design
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "role") var role: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "must_change_password") var mustChangePassword: Bool
    @OptionalField(key: "last_login_at") var lastLoginAt: Date?
    @OptionalField(key: "disabled_at") var disabledAt: Date?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(email: String, name: String, role: Role, passwordHash: String, mustChangePassword: Bool = false) {
        self.email = User.normalize(email: email)
        self.name = name
        self.role = role.rawValue
        self.passwordHash = passwordHash
        self.mustChangePassword = mustChangePassword
        version = 1
    }

    var roleValue: Role? { Role(rawValue: role) }
    var isDisabled: Bool { disabledAt != nil }

    static func normalize(email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
