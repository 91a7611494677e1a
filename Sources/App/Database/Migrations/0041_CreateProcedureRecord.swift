import Fluent
import SQLKit

/// A procedure's record (FHIR Procedure), one per procedure appointment: a draft while written, then signed and kept
/// as signed (corrections are addenda); none is removed.
struct CreateProcedureRecord: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("procedure_records")
            .id()
            .field("appointment_id", .uuid, .required, .references("appointments", "id"))
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("intervention", .string, .required)
            .field("performed_on", .string, .required)
            .field("content", .string, .required)
            .field("status", .string, .required)
            .field("signed_at", .datetime)
            .field("signed_by", .uuid, .references("users", "id"))
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid, .required, .references("users", "id"))
            .field("version", .int, .required)
            .unique(on: "appointment_id")
            .create()
        let sql = database.sql
        try await sql.createIndex("procedure_records_patient", on: "procedure_records", columns: ["patient_id", "performed_on"])
        try await sql.refuse("UPDATE", on: "procedure_records", when: "OLD.status = 'signed'", name: "procedure_records_keep",
                             message: "a signed procedure record is kept as signed")
        try await sql.refuse("DELETE", on: "procedure_records", name: "procedure_records_no_delete", message: "procedure records are never removed")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("procedure_records").delete()
        for name in ["procedure_records_keep", "procedure_records_no_delete"] { try await database.sql.dropRefusal(name) }
    }
}
