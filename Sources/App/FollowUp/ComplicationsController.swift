import Plot
import ReliefCore
import Vapor

/// Complications of a signed procedure: recorded from its record (or from a follow-up that heard of a new problem),
/// then updated as they resolve, under their version.
enum ComplicationsController {
    /// The form, started from the query (a follow-up passes the day and what the patient told).
    static func new(req: Request) async throws -> Response {
        let context = try await load(req)
        var fields = req.queryFields(["onsetOn", "description"])
        if let day = CalendarDate(fields["onsetOn"]) { fields.set("onsetOn", day.display) }
        return try await render(req, context, nil, fields: fields)
    }

    static func create(req: Request) async throws -> Response {
        let context = try await load(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let (parsed, problems) = Complication.parse(fields, today: req.today, performedOn: context.appointment.date)
        guard let complication = parsed else { return try await render(req, context, nil, fields: fields, problems: problems, status: .unprocessableEntity) }
        _ = try await ComplicationQueries.record(complication, procedure: context.record, patientID: context.patient.id, by: try req.user.id,
                                                 now: req.now, on: req.db, audit: req.transactionalAudit)
        return req.redirect(to: SitePath.procedureRecord(context.patient.id, context.appointment.id) + "#complications",
                            flash: Flash(.success, "Recorded the complication: \(complication.kind.title.lowercased())."))
    }

    static func show(req: Request) async throws -> Response {
        let context = try await load(req)
        let record = try await ComplicationQueries.complication(req, procedureID: context.record.id)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "AdverseEvent", resourceID: record.id?.uuidString, patientID: context.patient.id))
        return try await render(req, context, record, fields: record.decoded?.fields ?? FormFields())
    }

    static func update(req: Request) async throws -> Response {
        let context = try await load(req)
        let record = try await ComplicationQueries.complication(req, procedureID: context.record.id)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let (parsed, problems) = Complication.parse(fields, today: req.today, performedOn: context.appointment.date)
        guard let complication = parsed else { return try await render(req, context, record, fields: fields, problems: problems, status: .unprocessableEntity) }
        guard try await ComplicationQueries.update(record, to: complication, from: Int(fields["version"]) ?? -1, by: try req.user.id, now: req.now,
                                                   on: req.db, audit: req.transactionalAudit) else {
            let fresh = try await ComplicationQueries.complication(req, procedureID: context.record.id)
            return try await render(req, context, fresh, fields: fields, status: .conflict,
                                    conflict: "Someone changed this complication while you were editing; saving again keeps your entries.")
        }
        return req.redirect(to: SitePath.procedureRecord(context.patient.id, context.appointment.id) + "#complications",
                            flash: Flash(.success, "Updated the complication."))
    }

    // MARK: - Helpers

    /// A complication belongs to a procedure done.
    private static func load(_ req: Request) async throws -> ProcedureQueries.Signed {
        try await ProcedureQueries.signed(req, why: "Complications are recorded against a signed procedure record.")
    }

    private static func render(_ req: Request, _ context: ProcedureQueries.Signed, _ record: ComplicationRecord?, fields: FormFields, problems: [String: String] = [:],
                               status: HTTPStatus = .ok, conflict: String? = nil) async throws -> Response {
        let model = ComplicationPages.Model(patientID: context.patient.id, appointmentID: context.appointment.id, id: record?.id,
                                            version: record?.version ?? 0, procedure: "\(context.site.label), \(context.appointment.date.display)",
                                            fields: fields, problems: problems, conflict: conflict)
        return try await req.chartPage(record == nil ? "Record a complication" : "Complication", context.patient,
                                       ComplicationPages.form(model, csrfToken: req.csrfToken), status: status)
    }
}
