import Foundation
import ReliefCore
import Vapor

/// The patient banner with what nobody may miss: allergies (everyone who sees the patient, front desk included,
/// books procedures with contrast) and open chart alerts (for roles that read clinical notes).
enum ChartBanner {
    /// `alerts` and `allergies` when the caller has them already.
    static func model(_ req: Request, _ patient: PatientRecord, alerts: [EvaluationQueries.OpenAlert]? = nil,
                      allergies: [AllergyEntry]? = nil) async throws -> PatientBanner.Model {
        var open: [EvaluationQueries.OpenAlert] = []
        if try req.user.can(.clinicalRead) {
            open = if let alerts { alerts } else { try await EvaluationQueries.openAlerts(patientID: patient.id, on: req.db) }
        }
        let allergies = if let allergies { allergies } else {
            try await ChartEntryQueries.entries(AllergyEntry.self, patientID: patient.id, on: req.db).map(\.1)
        }
        return PatientBanner.model(patient, today: req.today, allergies: AllergySummary.banner(allergies), alerts: open.map(\.message))
    }
}

/// The clinical part of the chart page, gathered for the roles that read clinical notes.
enum ChartSummary {
    /// The chart's clinical sections, and the allergies for the banner.
    static func clinical(_ req: Request, _ patient: PatientRecord,
                         alerts: [EvaluationQueries.OpenAlert]) async throws -> (PatientChart.Clinical, allergies: [AllergyEntry]) {
        let user = try req.user
        let canWrite = user.can(.chartWrite)
        let encounters = try await EvaluationQueries.encounters(patientID: patient.id, on: req.db)
        let lists = try await ChartEntryQueries.lists(patientID: patient.id, on: req.db)
        let responses = try await InstrumentQueries.responses(patientID: patient.id, on: req.db)
        let (painMap, painMapCount) = try await EvaluationQueries.latestPainMap(patientID: patient.id, on: req.db)
        let outstanding = try await WorkupQueries.outstanding(patientID: patient.id, on: req.db)
        let settings = try await PracticeSettings.snapshot(on: req.db)
        let (medications, allergies, treatments) = (try lists.entries(MedicationEntry.self), try lists.entries(AllergyEntry.self),
                                                    try lists.entries(PriorTreatmentEntry.self))
        let diagnoses = try lists.entries(DiagnosisEntry.self)
        let clinical = PatientChart.Clinical(
            encounters: encounters.map { encounter in
                PatientChart.EncounterRow(
                    date: CalendarDate(encounter.occurredOn)?.display ?? encounter.occurredOn,
                    kind: EncounterKind(rawValue: encounter.kind)?.title ?? encounter.kind,
                    status: EncounterStatus(rawValue: encounter.status)?.title ?? encounter.status,
                    link: encounter.evaluationID.map { SitePath.evaluation(patient.id, $0) })
            },
            alerts: alerts.map { PatientChart.AlertRow(id: $0.id, message: $0.message, raised: req.displayTime($0.raisedAt)) },
            diagnoses: ChartEntriesController<DiagnosisEntry>.rows(diagnoses, patientID: patient.id, canWrite: canWrite).current,
            workup: try outstanding.map { try WorkupController.row($0, patientID: patient.id, deadlines: settings.rules.workupDeadlines, today: req.today) },
            painMap: painMap, painMapCount: painMapCount,
            scores: InstrumentsController.courses(InstrumentCatalogue.all, responses, differences: settings.differences, patientID: patient.id).map { course in
                [course.definition.title, course.course.latest.completedOn.display, course.summary, course.changeText ?? "—"]
            },
            medications: ChartEntriesController<MedicationEntry>.rows(medications, patientID: patient.id, canWrite: canWrite).current,
            opioids: OpioidSummary(medications.map(\.1), rules: settings.rules),
            allergies: ChartEntriesController<AllergyEntry>.rows(allergies, patientID: patient.id, canWrite: canWrite).current,
            treatments: ChartEntriesController<PriorTreatmentEntry>.rows(treatments, patientID: patient.id, canWrite: canWrite).current,
            conservativeCare: ConservativeCare(treatments.map(\.1)),
            canStartEvaluation: user.can(.evaluationWrite), canWriteChart: canWrite, canResolveAlerts: user.can(.alertResolve))
        return (clinical, allergies.map(\.1))
    }
}
