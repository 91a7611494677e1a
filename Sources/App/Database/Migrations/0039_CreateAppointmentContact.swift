import Fluent
import SQLKit

/// Each reminder of an appointment: by which channel, what came of it, by whom and when. Kept as recorded.
struct CreateAppointmentContact: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("appointment_contacts")
            .id()
            .field("appointment_id", .uuid, .required, .references("appointments", "id"))
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("channel", .string, .required)
            .field("outcome", .string, .required)
            .field("note", .string, .required)
            .field("contacted_at", .datetime, .required)
            .field("contacted_by", .uuid, .references("users", "id"))
            .create()
        let sql = database.sql
        try await sql.createIndex("appointment_contacts_appointment", on: "appointment_contacts", columns: ["appointment_id", "contacted_at"])
        try await sql.refuse("UPDATE", on: "appointment_contacts", name: "appointment_contacts_keep", message: "a reminder is kept as recorded")
        try await sql.refuse("DELETE", on: "appointment_contacts", name: "appointment_contacts_no_delete", message: "reminders are never removed")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("appointment_contacts").delete()
        for name in ["appointment_contacts_keep", "appointment_contacts_no_delete"] { try await database.sql.dropRefusal(name) }
    }
}
