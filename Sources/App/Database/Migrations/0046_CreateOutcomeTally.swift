import Fluent
import SQLKit

/// The outcome rows already summed by intervention and relief duration (-1: no answer yet), and the distinct patients
/// by intervention: kept up to date in the transactions that change an outcome row, so the practice-wide report reads a
/// few thousand rows however many procedures there are.
struct CreateOutcomeTally: AsyncMigration {
    func prepare(on database: any Database) async throws {
        var tallies = database.schema("outcome_tallies")
            .field("intervention", .string, .required)
            .field("relief_days", .int, .required)
            .field("relief_ended", .int, .required)
        for column in OutcomeTally.integerColumns { tallies = tallies.field(FieldKey(stringLiteral: column), .int, .required) }
        for column in OutcomeTally.decimalColumns { tallies = tallies.field(FieldKey(stringLiteral: column), .double, .required) }
        try await tallies.compositeIdentifier(over: "intervention", "relief_days", "relief_ended").create()
        try await database.schema("outcome_patients")
            .field("intervention", .string, .identifier(auto: false))
            .field("patients", .int, .required)
            .create()
        try await database.sql.createIndex("procedure_outcomes_patient_intervention", on: "procedure_outcomes", columns: ["patient_id", "intervention"])
        // Outcome rows written before the tallies existed.
        try await OutcomeTally.rebuild(on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("outcome_tallies").delete()
        try await database.schema("outcome_patients").delete()
    }
}
