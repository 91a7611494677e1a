import Fluent
import Foundation
import ReliefCore
import SQLKit

/// The per-procedure outcome rows: started with the signature from the chart as it stands (the baseline), refreshed
/// whenever a follow-up is answered or lost, each change carried into the report's tallies in the same transaction.
enum OutcomeQueries {
    /// The row of a procedure being signed: its baseline (pain just before, the MME of the medication list, the latest
    /// PEG and function score, work) and the patient's main current diagnosis, for the report's filters.
    static func start(procedureID: UUID, patientID: UUID, note: ProcedureNote, performedOn: CalendarDate, provider: UUID, now: Date,
                      on database: any Database) async throws {
        let lists = try await ChartEntryQueries.lists(patientID: patientID, on: database)
        let scores = try await QuestionnaireQueries.responses(patientID: patientID, on: database).filter { $0.completedOn <= performedOn.description }
        let scale = BodyArea(rawValue: note.region).flatMap(FunctionScale.forRegion)
        let work = try await DecisionSupportQueries.latestEvaluation(patientID: patientID, on: database)?.workStatus.flatMap(WorkStatus.init(rawValue:))
        let baseline = ProcedureOutcome.Baseline(
            painBefore: note.painBefore, mme: OpioidSummary(try lists.entries(MedicationEntry.self).map(\.1)).total,
            peg: scores.last(where: { $0.questionnaire == QuestionnaireCatalogue.peg.id })?.score,
            function: scale.flatMap { scale in scores.last(where: { $0.questionnaire == scale.questionnaire })?.score }, working: work?.isWorking)
        let condition = try lists.entries(DiagnosisEntry.self).map(\.1).first(where: \.isCurrent)?.conditionCode
        let outcome = ProcedureOutcome(baseline: baseline, answers: [], performedOn: performedOn, lost: false)
        try await OutcomeTally.countPatient(patientID, intervention: note.intervention, on: database)
        try await database.sql.insert(into: table).columns(columns)
            .values(row(procedureID: procedureID, patientID: patientID, note: note, performedOn: performedOn, condition: condition, provider: provider,
                        outcome: outcome, now: now))
            .run()
        try await OutcomeTally.apply(procedureID: procedureID, sign: 1, on: database)
    }

    /// A row's values in the order of `columns`.
    static func row(procedureID: UUID, patientID: UUID, note: ProcedureNote, performedOn: CalendarDate, condition: String?, provider: UUID,
                    outcome: ProcedureOutcome, now: Date) -> [any Encodable & Sendable] {
        [procedureID, patientID, note.intervention, note.region, condition, provider, performedOn.description] + baselineValues(outcome.baseline)
            + outcomeValues(outcome, now: now)
    }

    /// Recomputes the procedure's row from its follow-ups: answered ones, and whether one was lost with none answered after.
    static func refresh(procedureID: UUID, now: Date, on database: any Database) async throws {
        guard let row = try await database.sql.select().columns(["performed_on"] + baselineColumns).from(table)
            .where("procedure_id", .equal, procedureID).first(), let performed = CalendarDate(try row.decode(column: "performed_on", as: String.self)) else { return }
        let baseline = ProcedureOutcome.Baseline(
            painBefore: try row.decodeNil(column: "pain_before") ? nil : row.decode(column: "pain_before", as: Int.self),
            mme: try row.decode(column: "baseline_mme", as: Double?.self), peg: try row.decode(column: "baseline_peg", as: Double?.self),
            function: try row.decode(column: "baseline_function", as: Double?.self),
            working: try row.decode(column: "baseline_working", as: Int?.self).map { $0 == 1 })
        let followUps = try await FollowUpRecord.query(on: database).filter(\.$procedureID == procedureID).sort(\.$dueOn).all()
        let lastAnswered = followUps.last { $0.followUpStatus == .done }?.dueOn ?? ""
        let lost = followUps.contains { $0.followUpStatus == .lost && $0.dueOn > lastAnswered }
        let outcome = ProcedureOutcome(baseline: baseline, answers: followUps.compactMap(\.decodedAnswers), performedOn: performed, lost: lost)
        var update = database.sql.update(table)
        for (column, value) in zip(outcomeColumns, outcomeValues(outcome, now: now)) { update = update.set(column, to: value) }
        try await OutcomeTally.apply(procedureID: procedureID, sign: -1, on: database)
        try await update.where("procedure_id", .equal, procedureID).run()
        try await OutcomeTally.apply(procedureID: procedureID, sign: 1, on: database)
    }

    static let table = "procedure_outcomes"
    static var columns: [String] { keys + baselineColumns + outcomeColumns }
    private static let keys = ["procedure_id", "patient_id", "intervention", "region", "condition", "provider_id", "performed_on"]
    private static let baselineColumns = ["pain_before", "baseline_mme", "baseline_peg", "baseline_function", "baseline_working"]
    private static let outcomeColumns = ["answered", "lost", "peak_relief", "relief_days", "relief_ended", "responded_6w", "responded_3m",
                                         "pain_reduced_6w", "pain_reduced_3m", "last_mme", "last_peg", "last_function", "last_working", "updated_at"]

    private static func flag(_ value: Bool?) -> Int? { value.map { $0 ? 1 : 0 } }

    private static func baselineValues(_ baseline: ProcedureOutcome.Baseline) -> [any Encodable & Sendable] {
        [baseline.painBefore, baseline.mme, baseline.peg, baseline.function, flag(baseline.working)]
    }

    private static func outcomeValues(_ outcome: ProcedureOutcome, now: Date) -> [any Encodable & Sendable] {
        [outcome.answered, outcome.lost ? 1 : 0, outcome.peakRelief, outcome.reliefDays, flag(outcome.reliefEnded), flag(outcome.responded6w),
         flag(outcome.responded3m), flag(outcome.painReduced6w), flag(outcome.painReduced3m), outcome.lastMME, outcome.lastPEG, outcome.lastFunction,
         flag(outcome.lastWorking), now]
    }
}
