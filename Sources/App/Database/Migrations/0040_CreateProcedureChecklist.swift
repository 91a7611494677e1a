import Fluent
import SQLKit

/// The pre-procedure checklist of a procedure's appointment: its answers while open, then complete (every line met)
/// or gone ahead without by a physician with a reason; once closed it is kept as it was, and none is removed.
struct CreateProcedureChecklist: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("procedure_checklists")
            .id()
            .field("appointment_id", .uuid, .required, .references("appointments", "id"))
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("answers", .string, .required)
            .field("status", .string, .required)
            .field("override_reason", .string)
            .field("closed_at", .datetime)
            .field("closed_by", .uuid, .references("users", "id"))
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid, .required, .references("users", "id"))
            .field("version", .int, .required)
            .unique(on: "appointment_id")
            .create()
        let sql = database.sql
        try await sql.refuse("UPDATE", on: "procedure_checklists", when: "OLD.status <> 'open'", name: "procedure_checklists_keep",
                             message: "a closed checklist is kept as it was")
        try await sql.refuse("DELETE", on: "procedure_checklists", name: "procedure_checklists_no_delete", message: "checklists are never removed")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("procedure_checklists").delete()
        for name in ["procedure_checklists_keep", "procedure_checklists_no_delete"] { try await database.sql.dropRefusal(name) }
    }
}
