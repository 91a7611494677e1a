import Fluent
import SQLKit

/// E-mails waiting to go out and gone: the recipient, the text, whether it went, how many tries and the last error.
/// A key says what each one is about (an appointment's reminder for its day and time), so two instances queueing at
/// once queue one. Kept, never removed: the chart shows what was sent.
struct CreateOutboxEmail: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("outbox_emails")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("appointment_id", .uuid, .references("appointments", "id"))
            .field("purpose", .string, .required)
            .field("dedupe_key", .string, .required)
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("claimed_at", .datetime)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .unique(on: "dedupe_key")
            .create()
        let sql = database.sql
        try await sql.createIndex("outbox_emails_queue", on: "outbox_emails", columns: ["status", "next_attempt_at"])
        try await sql.createIndex("outbox_emails_appointment", on: "outbox_emails", columns: ["appointment_id"])
        try await sql.refuse("DELETE", on: "outbox_emails", name: "outbox_emails_no_delete", message: "e-mails sent or queued are never removed")
    }

    func revert(on database: any Database) async throws {
        try await database.sql.dropRefusal("outbox_emails_no_delete")
        try await database.schema("outbox_emails").delete()
    }
}
