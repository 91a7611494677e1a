import Fluent
import SQLKit

/// Complications of signed procedures (FHIR AdverseEvent): recorded, then updated as they resolve under their
/// version; never removed. Kind, severity and outcome are columns for the practice's rates.
struct CreateComplication: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("complications")
            .id()
            .field("procedure_id", .uuid, .required, .references("procedure_records", "id"))
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("intervention", .string, .required)
            .field("kind", .string, .required)
            .field("severity", .string, .required)
            .field("outcome", .string, .required)
            .field("onset_on", .string, .required)
            .field("content", .string, .required)
            .field("recorded_at", .datetime, .required)
            .field("recorded_by", .uuid, .required, .references("users", "id"))
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid, .required, .references("users", "id"))
            .field("version", .int, .required)
            .create()
        let sql = database.sql
        try await sql.createIndex("complications_procedure", on: "complications", columns: ["procedure_id"])
        try await sql.createIndex("complications_intervention", on: "complications", columns: ["intervention", "kind"])
        try await sql.refuse("DELETE", on: "complications", name: "complications_no_delete", message: "complications are never removed")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("complications").delete()
        try await database.sql.dropRefusal("complications_no_delete")
    }
}
