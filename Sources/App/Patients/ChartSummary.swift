import Foundation
import Plot
import ReliefCore
import Vapor

/// The patient banner with what nobody may miss: allergies (everyone who sees the patient, front desk included,
/// books procedures with contrast) and every open alert, worst first (for roles that read clinical notes).
enum ChartBanner {
    /// `chart` when the caller has read the chart data and settings already.
    static func model(_ req: Request, _ patient: PatientRecord,
                      chart: (data: ChartData, settings: PracticeSettings.Snapshot)? = nil) async throws -> PatientBanner.Model {
        guard try req.user.can(.clinicalRead) else {
            let allergies = try await ChartEntryQueries.entries(AllergyEntry.self, patientID: patient.id, on: req.db).map(\.1)
            return PatientBanner.model(patient, today: req.today, allergies: AllergySummary.banner(allergies), alerts: nil)
        }
        let (data, settings) = if let chart { chart } else { try await current(req, patient.id) }
        return PatientBanner.model(patient, today: req.today, allergies: AllergySummary.banner(data.allergies.map(\.1)),
                                   alerts: alerts(data, settings: settings, today: req.today))
    }

    /// The chart as committed, through the chart cache.
    private static func current(_ req: Request, _ patientID: UUID) async throws -> (ChartData, PracticeSettings.Snapshot) {
        let cache = req.application.chartCache
        let (chartVersion, settingsVersion) = try await PatientQueries.chartVersions(patientID, on: req.db)
        return (try await cache.data(patientID: patientID, version: chartVersion, on: req.db),
                try await cache.settings(version: settingsVersion, on: req.db))
    }

    static func alerts(_ data: ChartData, settings: PracticeSettings.Snapshot, today: CalendarDate) -> [PatientAlert] {
        PatientAlert.all(raised: data.alerts.map(\.raised), opioids: OpioidSummary(data.medications.map(\.1), rules: settings.rules),
                         outstanding: data.outstanding.compactMap(\.outstanding), deadlines: settings.rules.workupDeadlines, today: today)
    }
}

extension Request {
    /// A page about one patient, under the patient's banner.
    func chartPage(_ title: String, _ patient: PatientRecord, _ content: [BodyNode], status: HTTPStatus = .ok) async throws -> Response {
        page(title, section: .patients, banner: try await ChartBanner.model(self, patient), status: status, content)
    }
}

/// The clinical part of the chart page, built for the roles that read clinical notes from the stored chart data, the
/// practice settings, the day and the viewer's permissions.
enum ChartSummary {
    static func clinical(_ req: Request, _ patient: PatientRecord, _ data: ChartData,
                         settings: PracticeSettings.Snapshot) throws -> PatientChart.Clinical {
        let user = try req.user
        let canWrite = user.can(.chartWrite)
        let opioids = OpioidSummary(data.medications.map(\.1), rules: settings.rules)
        return PatientChart.Clinical(
            encounters: data.encounters.map { encounter in
                PatientChart.EncounterRow(
                    date: CalendarDate(encounter.occurredOn)?.display ?? encounter.occurredOn,
                    kind: EncounterKind(rawValue: encounter.kind)?.title ?? encounter.kind,
                    status: EncounterStatus(rawValue: encounter.status)?.title ?? encounter.status,
                    link: encounter.evaluationID.map { SitePath.evaluation(patient.id, $0) })
            },
            alerts: data.alerts.map { PatientChart.AlertRow(id: $0.id, message: $0.message, raised: req.displayTime($0.raisedAt)) },
            diagnoses: ChartEntriesController<DiagnosisEntry>.rows(data.diagnoses, patientID: patient.id, canWrite: canWrite).current,
            workup: try data.outstanding.map {
                try WorkupController.row($0, patientID: patient.id, deadlines: settings.rules.workupDeadlines, today: req.today)
            },
            painMap: data.painMap, painMapCount: data.painMapCount,
            scores: QuestionnaireQueries.courses(QuestionnaireCatalogue.all + settings.questionnaires.map(\.definition), data.responses, differences: settings.differences).map { course in
                ([course.definition.title, course.course.latest.completedOn.display, course.summary, course.changeText ?? "—"],
                 TrendChart.sparkline(course.trend, range: course.definition.scoreRange))
            },
            medications: ChartEntriesController<MedicationEntry>.rows(data.medications, patientID: patient.id, canWrite: canWrite).current,
            opioids: opioids,
            opioidSafety: OpioidSafety.checks(opioids: opioids, records: data.opioidSafety,
                                              drugScreens: data.drugScreens, today: req.today, criteria: settings.criteria),
            implants: data.implants.filter(\.isActive),
            allergies: ChartEntriesController<AllergyEntry>.rows(data.allergies, patientID: patient.id, canWrite: canWrite).current,
            vitals: PatientChart.Recent(data.vitals, patientID: patient.id, canWrite: canWrite),
            outsideVisits: PatientChart.Recent(data.outsideVisits, patientID: patient.id, canWrite: canWrite),
            labResults: PatientChart.Recent(data.labResults, patientID: patient.id, canWrite: canWrite),
            treatments: ChartEntriesController<PriorTreatmentEntry>.rows(data.treatments, patientID: patient.id, canWrite: canWrite).current,
            conservativeCare: ConservativeCare(data.treatments.map(\.1)),
            procedures: ChartEntriesController<PriorProcedureEntry>.rows(data.procedures, patientID: patient.id, canWrite: canWrite).current,
            canStartEvaluation: user.can(.evaluationWrite), canWriteChart: canWrite, canResolveAlerts: user.can(.alertResolve))
    }
}
