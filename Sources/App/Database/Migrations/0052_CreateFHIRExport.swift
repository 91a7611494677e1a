import Fluent
import SQLKit

/// Bulk Data exports: who asked for what (level, group, types, since), where it stands, its progress and, once done,
/// the files written (type, name, count). Kept, never removed: the record of what left the practice.
struct CreateFHIRExport: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("fhir_exports")
            .id()
            .field("requested_by", .uuid, .required, .references("users", "id"))
            .field("request_url", .string, .required)
            .field("request", .string, .required)
            .field("status", .string, .required)
            .field("progress", .string, .required)
            .field("output", .string, .required)
            .field("error", .string)
            .field("transaction_time", .datetime, .required)
            .field("created_at", .datetime, .required)
            .field("heartbeat_at", .datetime)
            .field("finished_at", .datetime)
            .create()
        let sql = database.sql
        try await sql.createIndex("fhir_exports_status", on: "fhir_exports", columns: ["status", "created_at"])
        try await sql.refuse("DELETE", on: "fhir_exports", name: "fhir_exports_no_delete", message: "the record of an export is never removed")
    }

    func revert(on database: any Database) async throws {
        try await database.sql.dropRefusal("fhir_exports_no_delete")
        try await database.schema("fhir_exports").delete()
    }
}
