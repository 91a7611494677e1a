import Fluent
import SQLKit

/// Accounts no longer lock after failed sign-ins (the failing source waits instead: `LoginThrottle`), so their
/// failure count and lock time go. Administrators see an account's recent failures, and staff a burst of wrong
/// tablet codes (`PatientAccessThrottle`), counted from the audit trail by these indexes.
struct UpdateSignInThrottles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database.sql
        try await sql.raw("ALTER TABLE users DROP COLUMN failed_logins").run()
        try await sql.raw("ALTER TABLE users DROP COLUMN locked_until").run()
        try await sql.raw("""
            CREATE INDEX audit_events_login_failures_time ON audit_events (occurred_at, user_email)
            WHERE action = 'login.failure'
            """).run()
        try await sql.raw("""
            CREATE INDEX audit_events_kiosk_failures ON audit_events (occurred_at, ip) WHERE action = 'kiosk.failure'
            """).run()
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        try await sql.drop(index: "audit_events_kiosk_failures").run()
        try await sql.drop(index: "audit_events_login_failures_time").run()
        try await sql.raw("ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0").run()
        try await sql.raw("ALTER TABLE users ADD COLUMN locked_until TIMESTAMP").run()
    }
}
