import Plot
import ReliefCore
import Vapor

/// The opioid-safety panel of a patient on opioids: the daily MME over time, the agreement, drug screens, PDMP checks
/// and naloxone judged against the practice's intervals, and the form that records a step.
enum OpioidSafetyController {
    static func show(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "OpioidSafety", patientID: patient.id))
        var fields = FormFields()
        fields.set("recordedOn", req.today.display)
        return try await render(req, patient, fields: fields)
    }

    static func create(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let (parsed, problems) = OpioidSafetyRecord.parse(fields, today: req.today)
        guard let record = parsed else { return try await render(req, patient, fields: fields, problems: problems, status: .unprocessableEntity) }
        try await OpioidSafetyQueries.add(record, patientID: patient.id, by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit)
        return req.redirect(to: SitePath.opioidSafety(patient.id), flash: Flash(.success, "Recorded: \(record.summary)."))
    }

    private static func render(_ req: Request, _ patient: PatientRecord, fields: FormFields, problems: [String: String] = [:],
                               status: HTTPStatus = .ok) async throws -> Response {
        let medications = try await ChartEntryQueries.entries(MedicationEntry.self, patientID: patient.id, on: req.db).map(\.1)
        let settings = try await PracticeSettings.snapshot(on: req.db)
        let opioids = OpioidSummary(medications, rules: settings.rules)
        let records = try await OpioidSafetyQueries.records(patientID: patient.id, on: req.db)
        let history = try await ChartEntryQueries.mmeHistory(patientID: patient.id, on: req.db)
        let model = OpioidSafetyPage.Model(
            patientID: patient.id, opioids: opioids,
            checks: OpioidSafety.checks(opioids: opioids, records: records, drugScreens: try await OpioidSafetyQueries.drugScreens(patientID: patient.id, on: req.db),
                                        today: req.today, criteria: settings.criteria),
            trend: history.map { TrendChart.Point(date: $0.recordedAt, label: CalendarDate($0.recordedAt).display, value: $0.total) },
            records: records.map(\.summary), fields: fields, problems: problems, canWrite: try req.user.can(.chartWrite))
        return try await req.chartPage("Opioid safety", patient, OpioidSafetyPage.render(model, csrfToken: req.csrfToken), status: status)
    }
}
