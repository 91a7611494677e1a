import Fluent

struct CreateEncounter: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("encounters")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("kind", .string, .required)
            .field("status", .string, .required)
            .field("occurred_on", .string, .required)
            .field("clinician_id", .uuid, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("created_by", .uuid)
            .field("version", .int, .required)
            .field("deleted_at", .datetime)
            .create()
        try await database.sql.createIndex("encounters_patient", on: "encounters", columns: ["patient_id", "occurred_on"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("encounters").delete()
    }
}
