import Plot
import ReliefCore
import Vapor

/// A diagnostic block's pain diary, taken by a nurse's call on the block's day and the day after (or by the patient
/// from a link, `PatientLinksController`): entries saved under the diary's version and read at once against the pain
/// before and the anaesthetic given; closed by hand or by the day passing, after which entries are refused.
enum DiaryController {
    static func show(req: Request) async throws -> Response {
        let context = try await load(req)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "BlockDiary", resourceID: context.procedure.record.id.uuidString, patientID: context.procedure.patient.id))
        return try await render(req, context, fields: context.diary?.diary.fields ?? FormFields())
    }

    static func save(req: Request) async throws -> Response {
        let context = try await load(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        switch try await DiaryQueries.submit(fields, to: context, close: fields["action"] == "close", by: try req.user.id, today: req.today, now: req.now,
                                             on: req.db, audit: req.transactionalAudit) {
        case .saved(let reading):
            return req.redirect(to: SitePath.procedureDiary(context.procedure.patient.id, context.procedure.appointment.id), flash: Flash(.success, reading.summary))
        case .closed(let closed): return try await render(req, context, fields: fields, problems: ["pain.15": closed], status: .conflict)
        case .invalid(let problems): return try await render(req, context, fields: fields, problems: problems, status: .unprocessableEntity)
        case .stale:
            // The diary as it now stands, with the entries typed kept for another try.
            return try await render(req, try await load(req), fields: fields, status: .conflict,
                                    conflict: "Someone saved or closed this diary meanwhile; it is shown as it stands. Your entries were not saved.")
        }
    }

    /// A link for the patient to fill the diary on their own phone.
    static func link(req: Request) async throws -> Response {
        let context = try await load(req)
        let back = SitePath.procedureDiary(context.procedure.patient.id, context.procedure.appointment.id)
        if let closed = context.closed(today: req.today) { return req.redirect(to: back, flash: Flash(.warning, closed)) }
        return try await PatientLinksController.handOut(req, context.procedure.patient, .diary, subjectID: context.procedure.appointment.id,
                                                        lastDay: BlockDiary.lastDay(after: context.procedure.appointment.date), back: back)
    }

    // MARK: - Helpers

    /// The signed record of a block its diary judges, or 404.
    private static func load(_ req: Request) async throws -> DiaryQueries.Context {
        let procedure = try await ProcedureQueries.signed(req, why: "The diary starts once the procedure record is signed.")
        guard let context = try await DiaryQueries.context(procedure, on: req.db) else {
            throw Abort(.notFound, reason: "\(procedure.site.intervention.name) is not judged by a pain diary.")
        }
        return context
    }

    private static func render(_ req: Request, _ context: DiaryQueries.Context, fields: FormFields, problems: [String: String] = [:],
                               status: HTTPStatus = .ok, conflict: String? = nil) async throws -> Response {
        let procedure = context.procedure
        let model = DiaryPage.Model(patientID: procedure.patient.id, appointmentID: procedure.appointment.id,
                                    title: "\(procedure.site.label), \(procedure.appointment.date.display)", painBefore: procedure.note.painBefore,
                                    reading: try await context.reading(on: req.db), fields: fields, problems: problems, version: context.diary?.version ?? 0,
                                    closed: context.closed(today: req.today), conflict: conflict, canWrite: try req.user.can(.followUpWrite),
                                    links: try await PatientLinkQueries.described(subjectID: procedure.appointment.id, req))
        return try await req.chartPage("Pain diary", procedure.patient, DiaryPage.render(model, csrfToken: req.csrfToken), status: status)
    }
}
