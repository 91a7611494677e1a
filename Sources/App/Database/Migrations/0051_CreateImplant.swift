import Fluent
import SQLKit

/// Implanted devices (FHIR Device) with their programming over time and, for pumps, each refill. A device's record
/// changes under its version (an explant recorded later, a detail corrected) and is never removed; each programming
/// and each refill is kept as recorded. The chart shows the devices, so its version counts their changes.
struct CreateImplant: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("implants")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("kind", .string, .required)
            .field("content", .string, .required)
            .field("implanted_on", .string, .required)
            .field("explanted_on", .string)
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid, .required, .references("users", "id"))
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid, .required, .references("users", "id"))
            .field("version", .int, .required)
            .create()
        for table in ["implant_settings", "pump_refills"] {
            var builder = database.schema(table)
                .id()
                .field("implant_id", .uuid, .required, .references("implants", "id"))
                .field("patient_id", .uuid, .required, .references("patients", "id"))
                .field("recorded_on", .string, .required)
                .field("content", .string, .required)
                .field("created_by", .uuid, .required, .references("users", "id"))
                .field("created_at", .datetime, .required)
            if table == "pump_refills" { builder = builder.field("next_refill_on", .string, .required) }
            try await builder.create()
            try await database.sql.createIndex("\(table)_implant", on: table, columns: ["implant_id", "created_at"])
            try await database.sql.refuse("UPDATE", on: table, name: "\(table)_keep", message: "device programming and refills are kept as recorded")
            try await database.sql.refuse("DELETE", on: table, name: "\(table)_no_delete", message: "device programming and refills are never removed")
        }
        let sql = database.sql
        try await sql.createIndex("implants_patient", on: "implants", columns: ["patient_id", "implanted_on"])
        try await sql.createIndex("pump_refills_due", on: "pump_refills", columns: ["next_refill_on"])
        try await sql.refuse("DELETE", on: "implants", name: "implants_no_delete", message: "implants are never removed")
        try await sql.countChartVersion(on: "implants")
    }

    func revert(on database: any Database) async throws {
        try await database.sql.stopCountingChartVersion(on: "implants")
        for table in ["implant_settings", "pump_refills"] {
            for name in ["\(table)_keep", "\(table)_no_delete"] { try await database.sql.dropRefusal(name) }
            try await database.schema(table).delete()
        }
        try await database.sql.dropRefusal("implants_no_delete")
        try await database.schema("implants").delete()
    }
}
