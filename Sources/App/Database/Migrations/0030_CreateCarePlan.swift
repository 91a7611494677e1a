import Fluent
import SQLKit

/// Treatment plans, one row per version of a plan (`plan_id` names the plan, `number` its version). A version
/// keeps its content once it leaves draft; a revision is a new row, so every earlier version stays readable.
/// Triggers refuse changing the content of a version no longer a draft, and removing any version.
struct CreateCarePlan: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("care_plans")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("plan_id", .uuid, .required)
            .field("number", .int, .required)
            .field("status", .string, .required)
            .field("title", .string, .required)
            .field("content", .string, .required)
            .field("start_on", .string, .required)
            .field("review_on", .string)
            .field("catalogue_version", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid, .required, .references("users", "id"))
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid, .required, .references("users", "id"))
            .field("activated_at", .datetime)
            .field("activated_by", .uuid, .references("users", "id"))
            .field("version", .int, .required)
            .unique(on: "plan_id", "number")
            .create()
        let sql = database.sql
        try await sql.createIndex("care_plans_patient", on: "care_plans", columns: ["patient_id", "created_at"])
        try await sql.refuse("UPDATE", on: "care_plans", when: "OLD.status <> 'draft' AND NEW.content <> OLD.content", name: "care_plans_keep_content",
                             message: "a treatment plan version is kept as it was once activated")
        try await sql.refuse("DELETE", on: "care_plans", name: "care_plans_no_delete", message: "treatment plans are never removed")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("care_plans").delete()
        for name in ["care_plans_keep_content", "care_plans_no_delete"] { try await database.sql.dropRefusal(name) }
    }
}
