import Fluent
import SQLKit

/// One row per signed procedure summing what it came to (`ProcedureOutcome`): its baseline when signed and what its
/// follow-ups said since, refreshed in the transaction that answers or loses a follow-up. The practice's report sums
/// these rows instead of reading every answer. Booleans are 0/1 integers so both databases can add them up.
struct CreateProcedureOutcome: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("procedure_outcomes")
            .field("procedure_id", .uuid, .identifier(auto: false), .references("procedure_records", "id"))
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("intervention", .string, .required)
            .field("region", .string, .required)
            .field("condition", .string)
            .field("provider_id", .uuid, .required)
            .field("performed_on", .string, .required)
            .field("pain_before", .int)
            .field("baseline_mme", .double)
            .field("baseline_peg", .double)
            .field("baseline_function", .double)
            .field("baseline_working", .int)
            .field("answered", .int, .required)
            .field("lost", .int, .required)
            .field("peak_relief", .int)
            .field("relief_days", .int)
            .field("relief_ended", .int)
            .field("responded_6w", .int)
            .field("responded_3m", .int)
            .field("pain_reduced_6w", .int)
            .field("pain_reduced_3m", .int)
            .field("last_mme", .double)
            .field("last_peg", .double)
            .field("last_function", .double)
            .field("last_working", .int)
            .field("updated_at", .datetime, .required)
            .create()
        let sql = database.sql
        try await sql.createIndex("procedure_outcomes_report", on: "procedure_outcomes", columns: ["intervention", "relief_days", "relief_ended"])
        try await sql.createIndex("procedure_outcomes_performed", on: "procedure_outcomes", columns: ["performed_on"])
        try await sql.createIndex("procedure_outcomes_patient", on: "procedure_outcomes", columns: ["patient_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("procedure_outcomes").delete()
    }
}
