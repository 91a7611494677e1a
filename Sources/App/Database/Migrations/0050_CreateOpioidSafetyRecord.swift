import Fluent
import SQLKit

/// The opioid-safety steps documented on a patient's chart (agreement signed, PDMP checked, naloxone offered): each
/// kept as recorded, never changed or removed; the chart's version counts them, as the chart shows them.
struct CreateOpioidSafetyRecord: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("opioid_safety_records")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("kind", .string, .required)
            .field("recorded_on", .string, .required)
            .field("content", .string, .required)
            .field("created_by", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .create()
        let sql = database.sql
        try await sql.createIndex("opioid_safety_records_patient", on: "opioid_safety_records", columns: ["patient_id", "recorded_on"])
        try await sql.refuse("UPDATE", on: "opioid_safety_records", name: "opioid_safety_records_keep", message: "an opioid-safety record is kept as recorded")
        try await sql.refuse("DELETE", on: "opioid_safety_records", name: "opioid_safety_records_no_delete", message: "opioid-safety records are never removed")
        try await sql.countChartVersion(on: "opioid_safety_records")
    }

    func revert(on database: any Database) async throws {
        try await database.sql.stopCountingChartVersion(on: "opioid_safety_records")
        for name in ["opioid_safety_records_keep", "opioid_safety_records_no_delete"] { try await database.sql.dropRefusal(name) }
        try await database.schema("opioid_safety_records").delete()
    }
}
