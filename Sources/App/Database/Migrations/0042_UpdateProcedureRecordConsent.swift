import Fluent
import SQLKit

/// The consent a signed procedure was done under, so a consent for a series counts its sessions used, and the
/// encounter of the procedure's day.
struct UpdateProcedureRecordConsent: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite alters a table one column at a time.
        try await database.schema("procedure_records").field("consent_id", .uuid).update()
        try await database.schema("procedure_records").field("encounter_id", .uuid).update()
        try await database.sql.createIndex("procedure_records_consent", on: "procedure_records", columns: ["consent_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("procedure_records").deleteField("consent_id").update()
        try await database.schema("procedure_records").deleteField("encounter_id").update()
    }
}
