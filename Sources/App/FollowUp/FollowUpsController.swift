import Plot
import ReliefCore
import Vapor

/// Follow-ups after procedures: the calls due, a patient's list, one follow-up answered, called without reaching
/// the patient, moved or cancelled.
enum FollowUpsController {
    static func worklist(req: Request) async throws -> Response {
        let due = try await FollowUpQueries.worklist(today: req.today, on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "FollowUp", detail: "follow-up calls, \(due.count)"))
        let rows = try due.map { record, patient, calls in
            FollowUpWorklistPage.Row(patientID: record.patientID, id: try record.requireID(), version: record.version,
                                     patient: "\(patient.displayName) (\(patient.mrn))", phone: patient.phone ?? "", procedure: record.procedureLabel,
                                     when: record.whenLabel, due: record.due ?? req.today, calls: calls.map { callLine($0, req) })
        }
        let model = FollowUpWorklistPage.Model(rows: rows, today: req.today, attempts: try await PracticeSettings.followUp(on: req.db).attempts,
                                               canRecord: try req.user.can(.followUpWrite))
        return req.page("Follow-up calls", section: .worklists, FollowUpWorklistPage.render(model, csrfToken: req.csrfToken))
    }

    static func index(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "FollowUp", patientID: patient.id, detail: "list"))
        return try await list(req, patient, fields: FormFields(), problems: [:])
    }

    /// A follow-up added for this patient beyond the practice's schedule.
    static func add(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let procedures = try await ProcedureQueries.signedRecords(patientID: patient.id, on: req.db)
        let (parsed, problems) = FollowUpChange.add(fields, today: req.today, procedures: Dictionary(procedures.map { ($0.id.lowercasedText, $0.date) },
                                                                                                     uniquingKeysWith: { first, _ in first }))
        guard let (id, days) = parsed, let procedure = procedures.first(where: { $0.id.lowercasedText == id }), let site = procedure.note.site else {
            return try await list(req, patient, fields: fields, problems: problems, status: .unprocessableEntity)
        }
        guard try await FollowUpQueries.add(procedureID: procedure.id, patientID: patient.id, site: site, performedOn: procedure.date, daysAfter: days,
                                            by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit) else {
            return try await list(req, patient, fields: fields, problems: ["dueOn": "A follow-up is already set for that day after this procedure."],
                                  status: .conflict)
        }
        return req.redirect(to: SitePath.followUps(patient.id), flash: Flash(.success, "Added a follow-up \(FollowUpSchedule.describe([days])) after."))
    }

    static func show(req: Request) async throws -> Response {
        let (patient, record) = try await FollowUpQueries.followUp(req)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "FollowUp", resourceID: record.id?.uuidString, patientID: patient.id))
        var fields = record.decodedAnswers?.fields ?? FormFields()
        if record.answers == nil { fields.set([("completedOn", req.today.display), ("contact", FollowUpContact.phone.rawValue)]) }
        return try await render(req, patient, record, fields: fields)
    }

    static func answer(req: Request) async throws -> Response {
        let (patient, record) = try await FollowUpQueries.followUp(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let (parsed, problems) = FollowUpAnswers.parse(fields, today: req.today, performedOn: record.performed ?? req.today, region: record.bodyArea)
        guard let answers = parsed else { return try await render(req, patient, record, fields: fields, problems: problems, status: .unprocessableEntity) }
        guard try await FollowUpQueries.answer(record, answers, from: Int(fields["version"]) ?? -1, by: try req.user.id, now: req.now,
                                               on: req.db, audit: req.transactionalAudit) == .done else {
            // The loser of a race keeps what they typed beside the follow-up as it now stands.
            let fresh = try await FollowUpQueries.followUp(req).1
            return try await render(req, patient, fresh, fields: fields, status: .conflict,
                                    conflict: "Someone saved this follow-up meanwhile; it is shown as it stands. Your entries were not saved.")
        }
        try await MonitoringQueries.raise(procedureID: record.procedureID, patient: patient, today: req.today, by: try req.user.id, now: req.now,
                                          on: req.db, audit: req.transactionalAudit)
        return back(req, record, .done, done: "Saved the answers: \(answers.reliefPercent) % relief.")
    }

    static func attempt(req: Request) async throws -> Response {
        let (_, record) = try await FollowUpQueries.followUp(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let worklist = fields["from"] == "worklist"
        guard let (outcome, note) = FollowUpChange.attempt(fields, today: req.today).0 else {
            return back(req, record, .stale, worklist: worklist, refused: "Not recorded: choose what came of the call.")
        }
        let (result, status) = try await FollowUpQueries.attempt(record, outcome, note: note, from: Int(fields["version"]) ?? -1, by: try req.user.id,
                                                                 now: req.now, on: req.db, audit: req.transactionalAudit)
        return back(req, record, result, worklist: worklist,
                    done: "Recorded: \(outcome.title.lowercased())." + (status == .lost ? " The follow-up is recorded as lost." : ""))
    }

    static func move(req: Request) async throws -> Response {
        let (patient, record) = try await FollowUpQueries.followUp(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let (day, problems) = FollowUpChange.move(fields, today: req.today, performedOn: record.performed ?? req.today)
        guard let day else { return try await render(req, patient, record, fields: fields, problems: problems, status: .unprocessableEntity) }
        let outcome = try await FollowUpQueries.move(record, to: day, from: Int(fields["version"]) ?? -1, by: try req.user.id, now: req.now,
                                                     on: req.db, audit: req.transactionalAudit)
        return back(req, record, outcome, done: "Moved to \(day.display).")
    }

    static func cancel(req: Request) async throws -> Response {
        let (patient, record) = try await FollowUpQueries.followUp(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let (reason, problems) = FollowUpChange.cancel(fields, today: req.today)
        guard let reason else { return try await render(req, patient, record, fields: fields, problems: problems, status: .unprocessableEntity) }
        let outcome = try await FollowUpQueries.cancel(record, reason: reason, from: Int(fields["version"]) ?? -1, by: try req.user.id, now: req.now,
                                                       on: req.db, audit: req.transactionalAudit)
        return back(req, record, outcome, done: "Cancelled.")
    }

    /// A link for the patient to answer this follow-up on their own phone or computer.
    static func link(req: Request) async throws -> Response {
        let (patient, record) = try await FollowUpQueries.followUp(req)
        let id = try record.requireID(), back = SitePath.followUp(patient.id, id)
        guard [.due, .lost].contains(record.followUpStatus) else { return req.redirect(to: back, flash: Flash(.warning, "This follow-up is no longer open.")) }
        return try await PatientLinksController.handOut(req, patient, .followUp, subjectID: id,
                                                        lastDay: PatientLinkTerms.lastDay(.followUp, performedOn: record.performed ?? req.today, today: req.today),
                                                        back: back)
    }

    // MARK: - Helpers

    private static func list(_ req: Request, _ patient: PatientRecord, fields: FormFields, problems: [String: String],
                             status: HTTPStatus = .ok) async throws -> Response {
        let records = try await FollowUpQueries.all(patientID: patient.id, on: req.db)
        let lines = try records.map { record in
            FollowUpPages.Line(id: try record.requireID(), procedure: record.procedureLabel, when: record.whenLabel, due: record.due?.display ?? record.dueOn,
                               status: record.reliefPercent.map { "Done: \($0) % relief" } ?? record.followUpStatus.title)
        }
        let procedures = try await ProcedureQueries.signedRecords(patientID: patient.id, on: req.db).reversed().map { record in
            Forms.Option(value: record.id.lowercasedText, title: "\(record.note.site?.label ?? record.note.intervention), \(record.date.display)")
        }
        let model = FollowUpPages.ListModel(patientID: patient.id, lines: lines, procedures: try req.user.can(.followUpWrite) ? procedures : [],
                                            fields: fields, problems: problems)
        return try await req.chartPage("Follow-ups", patient, FollowUpPages.index(model, csrfToken: req.csrfToken), status: status)
    }

    private static func back(_ req: Request, _ record: FollowUpRecord, _ outcome: FollowUpQueries.Outcome, worklist: Bool = false,
                             done: String = "", refused: String? = nil) -> Response {
        let path = worklist ? SitePath.followUpWorklist() : SitePath.followUp(record.patientID, record.id ?? UUID())
        if let refused { return req.redirect(to: path, flash: Flash(.warning, refused)) }
        return req.redirect(to: path, flash: outcome == .done ? Flash(.success, done)
                                                              : Flash(.warning, "The follow-up changed meanwhile; here it is as it stands. Nothing of yours was saved."))
    }

    private static func callLine(_ call: FollowUpAttempt, _ req: Request) -> String {
        [req.displayTime(call.attemptedAt), FollowUpAttemptOutcome(rawValue: call.outcome)?.title.lowercased() ?? call.outcome, call.note]
            .filter { !$0.isEmpty }.joined(separator: ": ")
    }

    private static func render(_ req: Request, _ patient: PatientRecord, _ record: FollowUpRecord, fields: FormFields,
                               problems: [String: String] = [:], status: HTTPStatus = .ok, conflict: String? = nil) async throws -> Response {
        let context = try await FollowUpQueries.context(of: record, on: req.db)
        var complication: String?
        if try req.user.can(.evaluationWrite), let answers = record.decodedAnswers, answers.newProblem, let appointment = context.appointmentID {
            complication = SitePath.newComplication(patient.id, appointment)
                + DecisionSupportPages.queryString([("onsetOn", answers.completedOn.description), ("description", answers.problemNote)])
        }
        let model = FollowUpPages.Detail(
            patientID: patient.id, id: try record.requireID(), version: record.version, title: "\(record.procedureLabel): \(record.whenLabel)",
            due: record.due ?? req.today, status: record.followUpStatus, reason: record.reason, answers: record.decodedAnswers.map { FollowUpPages.rows($0, scale: FunctionScale.forRegion(record.bodyArea)) },
            earlier: context.earlier, calls: context.calls.map { callLine($0, req) },
            procedureRecord: context.appointmentID.map { SitePath.procedureRecord(patient.id, $0) }, complication: complication, function: FunctionScale.forRegion(record.bodyArea),
            opioids: context.opioids, fields: fields, problems: problems, canWrite: try req.user.can(.followUpWrite), conflict: conflict,
            links: try await PatientLinkQueries.described(subjectID: try record.requireID(), req))
        return try await req.chartPage("Follow-up", patient, FollowUpPages.detail(model, csrfToken: req.csrfToken), status: status)
    }
}

