import Fluent

struct CreateChartEntry: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("chart_entries")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("kind", .string, .required)
            .field("code", .string, .required)
            .field("status", .string, .required)
            .field("content", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("created_by", .uuid, .references("users", "id"))
            .field("updated_by", .uuid, .references("users", "id"))
            .field("version", .int, .required)
            // Entered in error: hidden from the chart, kept with who and why.
            .field("deleted_at", .datetime)
            .field("deleted_by", .uuid, .references("users", "id"))
            .field("deleted_reason", .string)
            .create()
        let sql = database.sql
        try await sql.createIndex("chart_entries_patient", on: "chart_entries", columns: ["patient_id", "kind", "created_at"])
        try await sql.createIndex("chart_entries_code", on: "chart_entries", columns: ["kind", "code"])
        try await sql.refuse("DELETE", on: "chart_entries", name: "chart_entries_no_delete",
                             message: "chart entries are never deleted; mark them entered in error")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("chart_entries").delete()
        try await database.sql.dropRefusal("chart_entries_no_delete")
    }
}
