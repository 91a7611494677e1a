import Plot
import ReliefCore
import Vapor

/// A procedure's record, written once its checklist is closed: drafts by nurses and physicians, signed by a physician,
/// which completes the appointment; signed, it is kept as it was.
enum ProceduresController {
    static func show(req: Request) async throws -> Response {
        let context = try await load(req)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "Procedure", resourceID: context.appointment.id.uuidString,
                                       patientID: context.patient.id))
        return try await render(req, context, fields: context.stored?.note?.fields ?? draft(context))
    }

    static func save(req: Request) async throws -> Response { try await write(req, sign: false) }

    /// Its own address, so that only physicians reach it through the one permission check.
    static func sign(req: Request) async throws -> Response { try await write(req, sign: true) }

    private static func write(_ req: Request, sign: Bool) async throws -> Response {
        let context = try await load(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        guard context.checklistClosed else { return try await render(req, context, fields: fields, status: .conflict) }
        guard context.appointment.date <= req.today else {
            return try await render(req, context, fields: fields, problems: ["start": "The procedure is on \(context.appointment.date.display): its record is written that day."],
                                    status: .unprocessableEntity)
        }
        let (parsed, problems) = ProcedureNote.parse(fields, today: req.today)
        guard let note = parsed else { return try await render(req, context, fields: fields, problems: problems, status: .unprocessableEntity) }
        let back = SitePath.procedureRecord(context.patient.id, context.appointment.id)
        guard try await ProcedureQueries.save(note, sign: sign, appointment: context.record, from: Int(fields["version"]) ?? -1, by: try req.user.id,
                                              now: req.now, on: req.db, audit: req.transactionalAudit) else {
            return req.redirect(to: back, flash: Flash(.warning, "Someone saved or signed the record meanwhile; here it is as it stands. Nothing of yours was saved."))
        }
        return req.redirect(to: back, flash: Flash(.success, sign ? "Signed: the appointment is completed." : "Draft saved."))
    }

    /// A dated addendum to the signed record, the only change it takes.
    static func addAddendum(req: Request) async throws -> Response {
        let context = try await load(req)
        let text = FormFields(urlEncoded: req.body.string ?? "")["text"]
        guard let stored = context.stored, stored.isSigned else {
            return req.redirect(to: SitePath.procedureRecord(context.patient.id, context.appointment.id),
                                flash: Flash(.warning, "Addenda are for signed records; edit the draft instead."))
        }
        if let problem = EvaluationForm.addendumProblem(text, noteSigned: true) {
            return try await render(req, context, fields: FormFields(), addendum: (text, problem), status: .unprocessableEntity)
        }
        let addendum = try await ProcedureQueries.addAddendum(to: stored, patientID: context.patient.id, text: text, by: try req.user.id, now: req.now,
                                                              on: req.db, audit: req.transactionalAudit)
        return req.redirect(to: SitePath.procedureRecord(context.patient.id, context.appointment.id) + "#" + AddendaSection.anchor(of: try addendum.requireID()),
                            flash: Flash(.success, "Added the addendum."))
    }

    // MARK: - Helpers

    private struct Context {
        let patient: PatientRecord
        let record: AppointmentRecord
        let appointment: Appointment
        let site: InterventionSite
        let checklistClosed: Bool
        let stored: ProcedureQueries.Stored?
    }

    private static func load(_ req: Request) async throws -> Context {
        let (patient, record, appointment, site) = try await AppointmentQueries.procedure(req)
        let checklist = try await ChecklistQueries.stored(appointmentID: appointment.id, on: req.db)
        return Context(patient: patient, record: record, appointment: appointment, site: site,
                       checklistClosed: checklist.map { $0.status != ChecklistQueries.Status.open.rawValue } ?? false,
                       stored: try await ProcedureQueries.stored(appointmentID: appointment.id, on: req.db))
    }

    /// A new record starts from the booked site, the usual guidance and anaesthesia, and the catalogue's aftercare.
    private static func draft(_ context: Context) -> FormFields {
        var fields = FormFields()
        fields.set(context.site.fields() + [("guidance", context.site.intervention.guidance.first?.rawValue), ("sedation", context.site.intervention.anaesthesia.rawValue),
                                            ("instructions", context.site.intervention.aftercare.joined(separator: "\n"))])
        return fields
    }

    private static func render(_ req: Request, _ context: Context, fields: FormFields, problems: [String: String] = [:],
                               addendum: (text: String, problem: String?) = ("", nil), status: HTTPStatus = .ok) async throws -> Response {
        let stored = context.stored
        var signed: ProcedurePage.Signed?
        if let stored, stored.isSigned, let note = stored.note {
            let addenda = try await EvaluationQueries.addenda(of: stored.id, on: req.db)
            let complications = try await ComplicationQueries.all(procedureID: stored.id, on: req.db).map { record in
                (record.summary, SitePath.complication(context.patient.id, context.appointment.id, record.id ?? UUID()))
            }
            let names = try await StaffNames.lookup(Set([stored.signedBy].compactMap { $0 } + addenda.map(\.createdBy)), on: req.db)
            signed = ProcedurePage.Signed(note: note, by: (stored.signedBy.flatMap { names[$0] } ?? "unknown") + (stored.signedAt.map { ", \(req.displayTime($0))" } ?? ""),
                                          addenda: try AddendaSection.items(addenda, names: names) { req.displayTime($0) }, complications: complications,
                                          addendumText: addendum.text, addendumProblem: addendum.problem)
        }
        let user = try req.user
        let model = ProcedurePage.Model(patientID: context.patient.id, appointmentID: context.appointment.id,
                                        title: "\(context.site.label), \(context.appointment.date.display)", checklistClosed: context.checklistClosed,
                                        fields: fields, problems: problems, signed: signed, version: stored?.version ?? 0,
                                        canSave: user.can(.evaluationWrite), canSign: user.can(.noteSign))
        return try await req.chartPage("Procedure record", context.patient, ProcedurePage.render(model, csrfToken: req.csrfToken), status: status)
    }
}
