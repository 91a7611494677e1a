import Fluent
import SQLKit

/// Appointments: a patient with a provider, in a room, on a day from a start to an end minute of the practice's
/// clock. Moved and moved along its statuses while open; once completed, missed or cancelled it stays as it ended,
/// and none is removed. Indexed for the day views (by provider, by room) and the patient's list.
struct CreateAppointment: AsyncMigration {
    static let identity = ["patient_id", "created_at", "created_by"]

    func prepare(on database: any Database) async throws {
        try await database.schema("appointments")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("provider_id", .uuid, .required, .references("users", "id"))
            .field("room_id", .string)
            .field("kind", .string, .required)
            .field("date", .string, .required)
            .field("start_minute", .int, .required)
            .field("end_minute", .int, .required)
            .field("status", .string, .required)
            .field("intervention", .string)
            .field("region", .string)
            .field("levels", .string)
            .field("side", .string)
            .field("plan_id", .uuid)
            .field("note", .string, .required)
            .field("reason", .string)
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid, .required, .references("users", "id"))
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid, .required, .references("users", "id"))
            .field("version", .int, .required)
            .create()
        let sql = database.sql
        try await sql.createIndex("appointments_provider_day", on: "appointments", columns: ["date", "provider_id", "start_minute"])
        try await sql.createIndex("appointments_room_day", on: "appointments", columns: ["date", "room_id", "start_minute"])
        try await sql.createIndex("appointments_patient", on: "appointments", columns: ["patient_id", "date", "start_minute"])
        try await sql.refuse("UPDATE", on: "appointments",
                             when: "OLD.status IN ('completed', 'no-show', 'cancelled') OR \(sql.anyChanged(Self.identity))",
                             name: "appointments_keep", message: "an appointment that has ended is kept as it ended")
        try await sql.refuse("DELETE", on: "appointments", name: "appointments_no_delete", message: "appointments are never removed")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("appointments").delete()
        for name in ["appointments_keep", "appointments_no_delete"] { try await database.sql.dropRefusal(name) }
    }
}
