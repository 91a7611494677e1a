import Fluent
import SQLKit

/// Links given to patients to answer a diary or a follow-up on their own device: the link's secret and the device's
/// cookie stored only as SHA-256, the last day it opens, when it was opened and closed. Links are kept, never
/// removed, so the chart shows what was sent. Failed openings are counted from the audit trail per address and per
/// link, by these partial indexes.
struct CreatePatientLink: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("patient_links")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("purpose", .string, .required)
            // A procedure record (diary) or a follow-up: the purpose says which.
            .field("subject_id", .uuid, .required)
            .field("token_hash", .string, .required)
            .field("session_hash", .string)
            .field("last_day", .string, .required)
            .field("created_by", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("opened_at", .datetime)
            .field("closed_at", .datetime)
            .field("closed_reason", .string)
            .unique(on: "token_hash")
            .create()
        let sql = database.sql
        try await sql.createIndex("patient_links_session", on: "patient_links", columns: ["session_hash"])
        try await sql.createIndex("patient_links_subject", on: "patient_links", columns: ["subject_id"])
        try await sql.refuse("DELETE", on: "patient_links", name: "patient_links_no_delete", message: "patient links are never removed")
        try await sql.raw("""
            CREATE INDEX audit_events_link_failures ON audit_events (occurred_at, ip) WHERE action = 'patient-link.failure'
            """).run()
        try await sql.raw("""
            CREATE INDEX audit_events_link_failures_by_link ON audit_events (resource_id, occurred_at) WHERE action = 'patient-link.failure'
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "audit_events_link_failures_by_link").run()
        try await database.sql.drop(index: "audit_events_link_failures").run()
        try await database.sql.dropRefusal("patient_links_no_delete")
        try await database.schema("patient_links").delete()
    }
}
