import Fluent

struct CreateEvaluation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("evaluations")
            .id()
            .field("encounter_id", .uuid, .required, .references("encounters", "id"))
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("content", .string, .required)
            .field("signed_at", .datetime)
            .field("signed_by", .uuid, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("created_by", .uuid)
            .field("version", .int, .required)
            .field("deleted_at", .datetime)
            .unique(on: "encounter_id")
            .create()
        let sql = database.sql
        try await sql.createIndex("evaluations_patient", on: "evaluations", columns: ["patient_id", "created_at"])
        try await sql.refuse("UPDATE", on: "evaluations", when: "OLD.signed_at IS NOT NULL", name: "evaluations_signed_immutable",
                             message: "a signed evaluation cannot be changed; add an addendum")
        try await sql.refuse("DELETE", on: "evaluations", name: "evaluations_no_delete", message: "evaluations are never deleted")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("evaluations").delete()
        try await database.sql.dropRefusal("evaluations_signed_immutable")
        try await database.sql.dropRefusal("evaluations_no_delete")
    }
}
