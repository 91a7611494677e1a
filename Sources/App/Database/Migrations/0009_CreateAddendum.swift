import Fluent

struct CreateAddendum: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("addenda")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("document_type", .string, .required)
            .field("document_id", .uuid, .required)
            .field("text", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid, .required, .references("users", "id"))
            .create()
        let sql = database.sql
        try await sql.createIndex("addenda_document", on: "addenda", columns: ["document_id", "created_at"])
        for operation in ["UPDATE", "DELETE"] {
            try await sql.refuse(operation, on: "addenda", name: "addenda_no_\(operation.lowercased())",
                                 message: "addenda are append-only")
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("addenda").delete()
        for operation in ["update", "delete"] { try await database.sql.dropRefusal("addenda_no_\(operation)") }
    }
}
