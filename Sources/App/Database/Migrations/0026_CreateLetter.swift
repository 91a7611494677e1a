import Fluent

/// Letters written from a signed note (to the referring physician), kept as printed: never changed or removed.
struct CreateLetter: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("letters")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("document_type", .string, .required)
            .field("document_id", .uuid, .required)
            .field("recipient", .string, .required)
            .field("text", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid, .required, .references("users", "id"))
            .create()
        let sql = database.sql
        try await sql.createIndex("letters_document", on: "letters", columns: ["document_id", "created_at"])
        for operation in ["UPDATE", "DELETE"] {
            try await sql.refuse(operation, on: "letters", name: "letters_no_\(operation.lowercased())", message: "letters are kept as written")
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("letters").delete()
        for operation in ["update", "delete"] { try await database.sql.dropRefusal("letters_no_\(operation)") }
    }
}
