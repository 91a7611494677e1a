import Fluent

struct CreateInstrumentResponse: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("instrument_responses")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("instrument", .string, .required)
            // Item linkId → chosen value, as JSON; the score columns are what the engine computed from them.
            .field("answers", .string, .required)
            .field("score", .double, .required)
            .field("band", .string)
            .field("subscores", .string, .required)
            .field("answered", .int, .required)
            .field("missing", .int, .required)
            .field("completed_on", .string, .required)
            // "staff" (entered by the signed-in user) or "kiosk" (the patient on a tablet).
            .field("entered_via", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid, .references("users", "id"))
            .field("version", .int, .required)
            // Entered in error: left off the chart and the trend, kept with who and why.
            .field("deleted_at", .datetime)
            .field("deleted_by", .uuid, .references("users", "id"))
            .field("deleted_reason", .string)
            .create()
        let sql = database.sql
        try await sql.createIndex("instrument_responses_patient", on: "instrument_responses",
                                  columns: ["patient_id", "instrument", "completed_on"])
        try await sql.refuse("DELETE", on: "instrument_responses", name: "instrument_responses_no_delete",
                             message: "questionnaire responses are never deleted; mark them entered in error")
        // A completed response is a record of what the patient answered: only its entered-in-error fields may change.
        try await sql.refuse("UPDATE", on: "instrument_responses",
                             when: "OLD.answers <> NEW.answers OR OLD.score <> NEW.score OR OLD.instrument <> NEW.instrument OR OLD.completed_on <> NEW.completed_on OR OLD.patient_id <> NEW.patient_id",
                             name: "instrument_responses_immutable", message: "questionnaire responses are immutable")

        try await database.schema("instrument_wordings")
            .field("instrument", .string, .identifier(auto: false))
            .field("wording", .string, .required)
            .field("imported_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("instrument_wordings").delete()
        try await database.schema("instrument_responses").delete()
        for name in ["instrument_responses_no_delete", "instrument_responses_immutable"] { try await database.sql.dropRefusal(name) }
    }
}
