import Fluent
import SQLKit

struct CreateAuditEvent: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_events")
            .id()
            .field("occurred_at", .datetime, .required)
            .field("user_id", .uuid)
            .field("user_email", .string)
            .field("role", .string)
            .field("action", .string, .required)
            .field("resource_type", .string)
            .field("resource_id", .string)
            .field("patient_id", .uuid)
            .field("ip", .string)
            .field("user_agent", .string)
            .field("outcome", .string, .required)
            .field("detail", .string)
            .create()
        let sql = database.sql
        try await sql.createIndex("audit_events_time", on: "audit_events", columns: ["occurred_at"])
        try await sql.createIndex("audit_events_patient", on: "audit_events", columns: ["patient_id", "occurred_at"])
        // The admin page filters by the email it shows; the login throttle counts failures by address.
        try await sql.createIndex("audit_events_user", on: "audit_events", columns: ["user_email", "occurred_at"])
        try await sql.createIndex("audit_events_address", on: "audit_events", columns: ["ip", "action", "occurred_at"])
        // The database itself refuses to change or remove audit rows, whatever code runs against it.
        if database.isPostgres {
            try await sql.raw("""
                CREATE FUNCTION relief_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$
                """).run()
            try await sql.raw("""
                CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
                FOR EACH ROW EXECUTE FUNCTION relief_audit_append_only()
                """).run()
        } else {
            for operation in ["UPDATE", "DELETE"] {
                try await sql.raw("""
                    CREATE TRIGGER audit_events_no_\(unsafeRaw: operation.lowercased()) BEFORE \(unsafeRaw: operation) ON audit_events
                    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END
                    """).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_events").delete()
        if database.isPostgres {
            try await database.sql.raw("DROP FUNCTION IF EXISTS relief_audit_append_only()").run()
        }
    }
}
