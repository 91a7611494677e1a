import Fluent
import SQLKit

/// The follow-ups a signed procedure creates (FHIR Task for the call, QuestionnaireResponse for the answers): due on a
/// day, then done with its answers, lost after unreached calls, or cancelled with a reason. Answered, a follow-up is
/// kept as answered; none is removed. The measures the reports read are columns beside the answers' JSON. Each
/// unreached call is kept as recorded.
struct CreateFollowUp: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("follow_ups")
            .id()
            .field("procedure_id", .uuid, .required, .references("procedure_records", "id"))
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("intervention", .string, .required)
            .field("region", .string, .required)
            .field("performed_on", .string, .required)
            .field("days_after", .int, .required)
            .field("due_on", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("answers", .string)
            .field("relief_percent", .int)
            .field("pain_now", .int)
            .field("peg", .double)
            .field("mme", .double)
            .field("completed_on", .string)
            .field("reason", .string)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid, .references("users", "id"))
            .field("version", .int, .required)
            .create()
        try await database.schema("follow_up_attempts")
            .id()
            .field("follow_up_id", .uuid, .required, .references("follow_ups", "id"))
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("outcome", .string, .required)
            .field("note", .string, .required)
            .field("attempted_at", .datetime, .required)
            .field("attempted_by", .uuid, .required, .references("users", "id"))
            .create()
        let sql = database.sql
        try await sql.createIndex("follow_ups_worklist", on: "follow_ups", columns: ["status", "due_on"])
        try await sql.createIndex("follow_ups_patient", on: "follow_ups", columns: ["patient_id", "due_on"])
        try await sql.createIndex("follow_ups_procedure", on: "follow_ups", columns: ["procedure_id"])
        try await sql.createIndex("follow_up_attempts_follow_up", on: "follow_up_attempts", columns: ["follow_up_id", "attempted_at"])
        try await sql.refuse("UPDATE", on: "follow_ups", when: "OLD.status = 'done'", name: "follow_ups_keep", message: "an answered follow-up is kept as answered")
        try await sql.refuse("DELETE", on: "follow_ups", name: "follow_ups_no_delete", message: "follow-ups are never removed")
        try await sql.refuse("UPDATE", on: "follow_up_attempts", name: "follow_up_attempts_keep", message: "a call is kept as recorded")
        try await sql.refuse("DELETE", on: "follow_up_attempts", name: "follow_up_attempts_no_delete", message: "calls are never removed")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("follow_up_attempts").delete()
        try await database.schema("follow_ups").delete()
        for name in ["follow_ups_keep", "follow_ups_no_delete", "follow_up_attempts_keep", "follow_up_attempts_no_delete"] {
            try await database.sql.dropRefusal(name)
        }
    }
}
