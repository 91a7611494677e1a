import Fluent

struct CreateChartAlert: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("chart_alerts")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("kind", .string, .required)
            .field("code", .string, .required)
            .field("message", .string, .required)
            .field("source_type", .string, .required)
            .field("source_id", .uuid, .required)
            .field("raised_at", .datetime, .required)
            .field("raised_by", .uuid, .references("users", "id"))
            .field("resolved_at", .datetime)
            .field("resolved_by", .uuid, .references("users", "id"))
            .field("resolution", .string)
            .field("version", .int, .required)
            .create()
        try await database.sql.createIndex("chart_alerts_patient", on: "chart_alerts", columns: ["patient_id", "resolved_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("chart_alerts").delete()
    }
}
