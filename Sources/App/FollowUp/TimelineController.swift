import Plot
import ReliefCore
import Vapor

/// The patient's pain over time: pain, function and daily MME drawn with the procedures done here marked, each
/// procedure's relief, and what monitoring calls attention to.
enum TimelineController {
    static func show(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let course = try await MonitoringQueries.course(patientID: patient.id, patient: patient, today: req.today, on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "Procedure", patientID: patient.id, detail: "timeline"))
        let answered = course.procedures.flatMap { entry in entry.followUps.compactMap(\.decodedAnswers) }
        func scores(_ id: String, scale: Double = 1) -> [(on: CalendarDate, value: Double)] {
            course.scores.filter { $0.questionnaire == id }.compactMap { row in CalendarDate(row.completedOn).map { ($0, row.score * scale) } }
        }
        let pain = scores(QuestionnaireCatalogue.painIntensity.id) + answered.map { ($0.completedOn, Double($0.painNow)) }
        // Function as a percentage: Oswestry is one already, the NDI's 0–50 doubles.
        let function = scores(QuestionnaireCatalogue.oswestry.id) + scores(QuestionnaireCatalogue.neckDisability.id, scale: 2)
            + course.procedures.flatMap { entry in
                entry.followUps.compactMap(\.decodedAnswers).compactMap { answers in
                    answers.function.map { (answers.completedOn, entry.note.region == BodyArea.cervical.rawValue ? $0 * 2 : $0) }
                }
            }
        let mme = course.mme.map { (on: $0.on, value: $0.total) }
        let model = TimelinePage.Model(
            patientID: patient.id, alerts: course.alerts,
            chart: TimelineChart.render(bands: [TimelineChart.Band(title: "Pain (0–10)", top: 10, points: pain),
                                                TimelineChart.Band(title: "Function: disability %", top: 100, points: function),
                                                TimelineChart.Band(title: "Daily MME", top: max(60, (mme.map(\.value).max() ?? 0) * 1.1), points: mme)],
                                        procedures: course.procedures.map { ($0.procedure.date, $0.procedure.site.label) }, today: req.today),
            procedures: course.procedures.reversed().map { entry in
                TimelinePage.Procedure(label: entry.procedure.site.label, date: entry.procedure.date, course: entry.procedure.course)
            })
        return try await req.chartPage("Timeline", patient, TimelinePage.render(model))
    }
}
