import Plot
import ReliefCore
import Vapor

/// A diagnostic block's pain diary, taken by a nurse's call on the block's day and the day after: entries saved under
/// the diary's version and read at once against the pain before and the anaesthetic given; closed by hand or by the
/// day passing, after which entries are refused.
enum DiaryController {
    static func show(req: Request) async throws -> Response {
        let context = try await load(req)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "BlockDiary", resourceID: context.procedure.id.uuidString, patientID: context.patient.id))
        return try await render(req, context, fields: context.diary?.diary.fields ?? FormFields())
    }

    static func save(req: Request) async throws -> Response {
        let context = try await load(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        if let closed = closed(context, today: req.today) {
            return try await render(req, context, fields: fields, problems: ["pain.15": closed], status: .conflict)
        }
        let (parsed, problems) = (context.diary?.diary ?? BlockDiary()).parse(fields, today: req.today)
        guard let diary = parsed else { return try await render(req, context, fields: fields, problems: problems, status: .unprocessableEntity) }
        let reading = diary.reading(painBefore: context.note.painBefore, medications: context.note.medications, criteria: try await PracticeSettings.criteria(on: req.db))
        let back = SitePath.procedureDiary(context.patient.id, context.appointment.id)
        guard try await DiaryQueries.save(diary, reading: reading, close: fields["action"] == "close", procedureID: context.procedure.id,
                                          patientID: context.patient.id, from: Int(fields["version"]) ?? -1, by: try req.user.id, now: req.now,
                                          on: req.db, audit: req.transactionalAudit) else {
            return req.redirect(to: back, flash: Flash(.warning, "The diary changed or closed meanwhile; here it is as it stands. Nothing of yours was saved."))
        }
        return req.redirect(to: back, flash: Flash(.success, reading.summary))
    }

    // MARK: - Helpers

    private struct Context {
        let patient: PatientRecord
        let appointment: Appointment
        let site: InterventionSite
        let procedure: ProcedureQueries.Stored
        let note: ProcedureNote
        let diary: DiaryQueries.Stored?
    }

    /// The signed record of a block its diary judges, or 404.
    private static func load(_ req: Request) async throws -> Context {
        let (patient, _, appointment, site) = try await AppointmentQueries.procedure(req)
        guard BlockDiary.applies(to: site.intervention) else { throw Abort(.notFound, reason: "\(site.intervention.name) is not judged by a pain diary.") }
        guard let procedure = try await ProcedureQueries.stored(appointmentID: appointment.id, on: req.db), procedure.isSigned, let note = procedure.note else {
            throw Abort(.conflict, reason: "The diary starts once the procedure record is signed.")
        }
        return Context(patient: patient, appointment: appointment, site: site, procedure: procedure, note: note,
                       diary: try await DiaryQueries.stored(procedureID: procedure.id, on: req.db))
    }

    /// Why no entry is taken any more, if so.
    private static func closed(_ context: Context, today: CalendarDate) -> String? {
        if let closedAt = context.diary?.closedAt { return "The diary was closed on \(CalendarDate(closedAt).display): entries after it are not taken." }
        let last = BlockDiary.lastDay(after: context.appointment.date)
        return today > last ? "The diary closed at the end of \(last.display): entries after it are not taken." : nil
    }

    private static func render(_ req: Request, _ context: Context, fields: FormFields, problems: [String: String] = [:],
                               status: HTTPStatus = .ok) async throws -> Response {
        let diary = context.diary?.diary ?? BlockDiary()
        let reading = diary.reading(painBefore: context.note.painBefore, medications: context.note.medications, criteria: try await PracticeSettings.criteria(on: req.db))
        let model = DiaryPage.Model(patientID: context.patient.id, appointmentID: context.appointment.id,
                                    title: "\(context.site.label), \(context.appointment.date.display)", painBefore: context.note.painBefore,
                                    reading: reading, fields: fields, problems: problems, version: context.diary?.version ?? 0,
                                    closed: closed(context, today: req.today), canWrite: try req.user.can(.followUpWrite))
        return try await req.chartPage("Pain diary", context.patient, DiaryPage.render(model, csrfToken: req.csrfToken), status: status)
    }
}
