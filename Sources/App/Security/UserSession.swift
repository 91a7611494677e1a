import Fluent
import Foundation

/// A signed-in browser. Kept in the database so several Relief instances can share one PostgreSQL.
/// Only a hash of the cookie's token is stored: a copy of the table does not let anyone sign in.
final class UserSession: Model, @unchecked Sendable {  // @unchecked: Fluent models are mutable reference types by design
    static let schema = "user_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: User
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @OptionalField(key: "ip") var ip: String?
    @OptionalField(key: "user_agent") var userAgent: String?

    init() {}

    init(tokenHash: String, userID: UUID, csrfToken: String, now: Date, ip: String?, userAgent: String?) {
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.csrfToken = csrfToken
        createdAt = now
        lastSeenAt = now
        self.ip = ip
        self.userAgent = userAgent
    }
}
