import Fluent

struct CreateKioskSession: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("kiosk_sessions")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            // Comma-separated instrument ids, in the order the patient answers them.
            .field("instruments", .string, .required)
            .field("completed", .string, .required)
            // SHA-256 of the code staff read out (cleared once used) and of the tablet's cookie once opened.
            .field("code_hash", .string)
            .field("token_hash", .string)
            .field("created_by", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("closed_at", .datetime)
            .create()
        try await database.sql.createIndex("kiosk_sessions_code", on: "kiosk_sessions", columns: ["code_hash"])
        try await database.sql.createIndex("kiosk_sessions_token", on: "kiosk_sessions", columns: ["token_hash"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("kiosk_sessions").delete()
    }
}
