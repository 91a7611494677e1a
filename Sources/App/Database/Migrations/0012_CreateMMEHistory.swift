import Fluent

struct CreateMMEHistory: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("mme_history")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("recorded_at", .datetime, .required)
            .field("recorded_by", .uuid, .references("users", "id"))
            .field("total", .double, .required)
            .field("incomplete", .bool, .required)
            .field("detail", .string, .required)
            .create()
        let sql = database.sql
        try await sql.createIndex("mme_history_patient", on: "mme_history", columns: ["patient_id", "recorded_at"])
        for operation in ["UPDATE", "DELETE"] {
            try await sql.refuse(operation, on: "mme_history", name: "mme_history_no_\(operation.lowercased())",
                                 message: "the MME history is append-only")
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("mme_history").delete()
        for operation in ["update", "delete"] { try await database.sql.dropRefusal("mme_history_no_\(operation)") }
    }
}
