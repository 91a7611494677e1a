import Plot
import ReliefCore
import Vapor

/// The pre-procedure checklist of a procedure's appointment: nurses and physicians tick and measure as they go; it
/// completes once every line is met, or a physician goes ahead without the missing ones with a reason.
enum ChecklistController {
    static func show(req: Request) async throws -> Response {
        let context = try await load(req)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "ProcedureChecklist", resourceID: context.appointmentID.uuidString,
                                       patientID: context.patient.id))
        return try await render(req, context)
    }

    static func save(req: Request) async throws -> Response {
        let context = try await load(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let (answers, problems) = context.checklist.parse(fields, today: req.today)
        guard let answers else { return try await render(req, context, typed: fields, problems: problems, status: .unprocessableEntity) }
        let completing = fields["action"] == "complete"
        let missing = context.checklist.missing(answers)
        if completing, !missing.isEmpty {
            let problems = Dictionary(missing.map { ($0.id, "Still to do: \($0.text)") }, uniquingKeysWith: { first, _ in first })
            return try await render(req, context, answers: answers, typed: fields, problems: problems, status: .unprocessableEntity)
        }
        return try await close(req, context, answers, completing ? .complete : .open, reason: nil, version: fields["version"],
                               done: completing ? "The checklist is complete." : "Saved.")
    }

    static func override(req: Request) async throws -> Response {
        let context = try await load(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let reason = fields["reason"].trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = TextRules.reasonProblem(reason) {
            return try await render(req, context, problems: ["reason": problem], status: .unprocessableEntity)
        }
        return try await close(req, context, context.stored?.decoded ?? .init(), .overridden, reason: reason, version: fields["version"],
                               done: "Recorded: going ahead without the missing checks.")
    }

    // MARK: - Helpers

    private struct Context {
        let patient: PatientRecord
        let record: AppointmentRecord
        let appointmentID: UUID
        let title: String
        let checklist: ProcedureChecklist
        let stored: ChecklistQueries.Stored?
    }

    private static func load(_ req: Request) async throws -> Context {
        let (patient, record, appointment, site) = try await AppointmentQueries.procedure(req)
        let checklist = try await ChecklistQueries.checklist(for: appointment, site: site, patient: patient, on: req.db)
        return Context(patient: patient, record: record, appointmentID: appointment.id, title: "\(site.label), \(appointment.date.display)",
                       checklist: checklist, stored: try await ChecklistQueries.stored(appointmentID: appointment.id, on: req.db))
    }

    private static func close(_ req: Request, _ context: Context, _ answers: ProcedureChecklist.Answers, _ status: ChecklistQueries.Status,
                              reason: String?, version: String, done: String) async throws -> Response {
        let back = SitePath.appointmentChecklist(context.patient.id, context.appointmentID)
        guard try await ChecklistQueries.save(answers, closing: status, reason: reason, appointment: context.record, from: Int(version) ?? -1,
                                              by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit) else {
            return req.redirect(to: back, flash: Flash(.warning, "Someone saved or closed the checklist meanwhile; here it is as it stands. Nothing of yours was saved."))
        }
        return req.redirect(to: back, flash: Flash(.success, done))
    }

    private static func render(_ req: Request, _ context: Context, answers: ProcedureChecklist.Answers? = nil, typed: FormFields = FormFields(),
                               problems: [String: String] = [:], status: HTTPStatus = .ok) async throws -> Response {
        let stored = context.stored
        let state = stored.flatMap { ChecklistQueries.Status(rawValue: $0.status) } ?? .open
        let names = try await StaffNames.lookup(Set(stored?.closedBy.map { [$0] } ?? []), on: req.db)
        let closed: String? = switch state {
        case .open: nil
        case .complete: "Completed by \(stored?.closedBy.flatMap { names[$0] } ?? "unknown") on \(stored?.closedAt.map(req.displayTime) ?? "")."
        case .overridden: "Gone ahead without the missing checks by \(stored?.closedBy.flatMap { names[$0] } ?? "unknown") on "
            + "\(stored?.closedAt.map(req.displayTime) ?? ""): \(stored?.overrideReason ?? "")"
        }
        let user = try req.user
        let model = ChecklistPage.Model(patientID: context.patient.id, appointmentID: context.appointmentID, title: context.title, checklist: context.checklist,
                                        answers: answers ?? stored?.decoded ?? .init(), typed: typed, problems: problems, status: state, closed: closed,
                                        version: stored?.version ?? 0, canSave: user.can(.evaluationWrite), canOverride: user.can(.noteSign))
        return try await req.chartPage("Pre-procedure checklist", context.patient, ChecklistPage.render(model, csrfToken: req.csrfToken), status: status)
    }
}
