import Plot
import ReliefCore
import Vapor

/// A diagnostic block's pain diary, taken by a nurse's call on the block's day and the day after: entries saved under
/// the diary's version and read at once against the pain before and the anaesthetic given; closed by hand or by the
/// day passing, after which entries are refused.
enum DiaryController {
    static func show(req: Request) async throws -> Response {
        let context = try await load(req)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "BlockDiary", resourceID: context.procedure.record.id.uuidString, patientID: context.procedure.patient.id))
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
        let reading = diary.reading(painBefore: context.procedure.note.painBefore, medications: context.procedure.note.medications, criteria: try await PracticeSettings.criteria(on: req.db))
        let back = SitePath.procedureDiary(context.procedure.patient.id, context.procedure.appointment.id)
        guard try await DiaryQueries.save(diary, reading: reading, close: fields["action"] == "close", procedureID: context.procedure.record.id,
                                          patientID: context.procedure.patient.id, from: Int(fields["version"]) ?? -1, by: try req.user.id, now: req.now,
                                          on: req.db, audit: req.transactionalAudit) else {
            // The diary as it now stands, with the entries typed kept for another try.
            return try await render(req, try await load(req), fields: fields, status: .conflict,
                                    conflict: "Someone saved or closed this diary meanwhile; it is shown as it stands. Your entries were not saved.")
        }
        return req.redirect(to: back, flash: Flash(.success, reading.summary))
    }

    // MARK: - Helpers

    private struct Context {
        let procedure: ProcedureQueries.Signed
        let diary: DiaryQueries.Stored?
    }

    /// The signed record of a block its diary judges, or 404.
    private static func load(_ req: Request) async throws -> Context {
        let procedure = try await ProcedureQueries.signed(req, why: "The diary starts once the procedure record is signed.")
        guard BlockDiary.applies(to: procedure.site.intervention) else {
            throw Abort(.notFound, reason: "\(procedure.site.intervention.name) is not judged by a pain diary.")
        }
        return Context(procedure: procedure, diary: try await DiaryQueries.stored(procedureID: procedure.record.id, on: req.db))
    }

    /// Why no entry is taken any more, if so.
    private static func closed(_ context: Context, today: CalendarDate) -> String? {
        if let closedAt = context.diary?.closedAt { return "The diary was closed on \(CalendarDate(closedAt).display): entries after it are not taken." }
        let last = BlockDiary.lastDay(after: context.procedure.appointment.date)
        return today > last ? "The diary closed at the end of \(last.display): entries after it are not taken." : nil
    }

    private static func render(_ req: Request, _ context: Context, fields: FormFields, problems: [String: String] = [:],
                               status: HTTPStatus = .ok, conflict: String? = nil) async throws -> Response {
        let diary = context.diary?.diary ?? BlockDiary()
        let reading = diary.reading(painBefore: context.procedure.note.painBefore, medications: context.procedure.note.medications, criteria: try await PracticeSettings.criteria(on: req.db))
        let model = DiaryPage.Model(patientID: context.procedure.patient.id, appointmentID: context.procedure.appointment.id,
                                    title: "\(context.procedure.site.label), \(context.procedure.appointment.date.display)", painBefore: context.procedure.note.painBefore,
                                    reading: reading, fields: fields, problems: problems, version: context.diary?.version ?? 0,
                                    closed: closed(context, today: req.today), conflict: conflict, canWrite: try req.user.can(.followUpWrite))
        return try await req.chartPage("Pain diary", context.procedure.patient, DiaryPage.render(model, csrfToken: req.csrfToken), status: status)
    }
}
