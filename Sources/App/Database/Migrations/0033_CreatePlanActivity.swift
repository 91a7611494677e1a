import Fluent
import SQLKit

/// The work done under a treatment plan's components (sessions, medication changes), by plan across its versions.
/// A record keeps what was recorded; it can only be marked entered in error, once, with a reason; none is removed.
struct CreatePlanActivity: AsyncMigration {
    static let recorded = ["patient_id", "plan_id", "intervention", "occurred_on", "content", "created_at", "created_by"]

    func prepare(on database: any Database) async throws {
        try await database.schema("plan_activities")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("plan_id", .uuid, .required)
            .field("intervention", .string, .required)
            .field("occurred_on", .string, .required)
            .field("content", .string, .required)
            .field("status", .string, .required)
            .field("reason", .string)
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid, .required, .references("users", "id"))
            .field("version", .int, .required)
            .create()
        let sql = database.sql
        try await sql.createIndex("plan_activities_plan", on: "plan_activities", columns: ["plan_id", "occurred_on"])
        try await sql.refuse("UPDATE", on: "plan_activities", when: "OLD.status <> 'recorded' OR \(sql.anyChanged(Self.recorded))",
                             name: "plan_activities_keep", message: "work recorded under a plan is kept as recorded")
        try await sql.refuse("DELETE", on: "plan_activities", name: "plan_activities_no_delete", message: "work recorded under a plan is never removed")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("plan_activities").delete()
        for name in ["plan_activities_keep", "plan_activities_no_delete"] { try await database.sql.dropRefusal(name) }
    }
}
