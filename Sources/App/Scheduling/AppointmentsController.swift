import Plot
import ReliefCore
import Vapor

/// Appointments from the patient's side: the list, booking (also from a plan's procedure), moving, and the status
/// steps of the day (confirmed, checked in, started, completed, or no-show and cancelled with a reason).
enum AppointmentsController {
    private static let formNames = ["kind", "provider", "room", "date", "start", "minutes", "intervention", "region", "levels", "side", "plan"]

    static func index(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let records = try await AppointmentQueries.all(patientID: patient.id, on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "Appointment", patientID: patient.id, detail: "list of \(records.count)"))
        let lines = records.compactMap(try await ScheduleDirectory.load(on: req.db).line)
        let coming = { (line: AppointmentPages.Line) in line.status.holdsTime && line.status != .completed && line.date >= req.today }
        return try await req.chartPage("Appointments", patient, AppointmentPages.index(
            patientID: patient.id, upcoming: lines.filter(coming), past: lines.filter { !coming($0) }.reversed(), canBook: try req.user.can(.appointmentBook)))
    }

    /// The form, filled from the query (a plan's procedure links here with its site and plan).
    static func new(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        var fields = req.queryFields(formNames)
        if let date = CalendarDate(fields["date"]) { fields.set("date", date.display) }
        if fields["kind"].isEmpty, !fields["intervention"].isEmpty { fields.set("kind", AppointmentKind.procedure.rawValue) }
        return try await form(req, patient, fields: fields, directory: try await ScheduleDirectory.load(on: req.db))
    }

    static func create(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let directory = try await ScheduleDirectory.load(on: req.db)
        let (parsed, problems) = try await directory.read(fields, patientID: patient.id, today: req.today, on: req.db)
        guard let appointment = parsed else { return try await form(req, patient, fields: fields, problems: problems, directory: directory) }
        let refused = try await AppointmentQueries.book(appointment, settings: directory.settings, names: directory.names, by: try req.user.id,
                                                        now: req.now, on: req.db, audit: req.transactionalAudit)
        guard refused.isEmpty else { return try await form(req, patient, fields: fields, problems: refused, directory: directory) }
        let warnings = try await preparation(req, patient, appointment)?.warnings ?? []
        return req.redirect(to: SitePath.appointment(patient.id, appointment.id),
                            flash: Flash(warnings.isEmpty ? .success : .warning,
                                         (["Booked: \(appointment.what), \(appointment.date.display) \(appointment.time.display)."] + warnings).joined(separator: " ")))
    }

    static func show(req: Request) async throws -> Response {
        let (patient, record) = try await AppointmentQueries.appointment(req)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "Appointment", resourceID: (try record.requireID()).uuidString, patientID: patient.id))
        guard let line = try await ScheduleDirectory.load(on: req.db).line(record), let appointment = record.decoded() else {
            throw Abort(.notFound, reason: "No such appointment.")
        }
        let model = AppointmentPages.ShowModel(line: line, canBook: try req.user.can(.appointmentBook),
                                               visitNote: try visitNoteButton(req, record, appointment),
                                               checklist: try req.user.can(.clinicalRead) && appointment.site != nil
                                                   ? SitePath.appointmentChecklist(patient.id, appointment.id) : nil,
                                               preparation: appointment.status.isMovable ? try await preparation(req, patient, appointment) : nil)
        return try await req.chartPage(line.what, patient, AppointmentPages.show(model, csrfToken: req.csrfToken))
    }

    static func moveForm(req: Request) async throws -> Response {
        let (patient, record) = try await AppointmentQueries.appointment(req)
        guard let appointment = record.decoded(), appointment.status.isMovable else {
            return req.redirect(to: SitePath.appointment(patient.id, try record.requireID()), flash: Flash(.warning, "This appointment can no longer be moved."))
        }
        return try await form(req, patient, fields: appointment.fields, directory: try await ScheduleDirectory.load(on: req.db),
                              moving: (appointment.id, record.version))
    }

    static func move(req: Request) async throws -> Response {
        let (patient, record) = try await AppointmentQueries.appointment(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let directory = try await ScheduleDirectory.load(on: req.db)
        let moving = (id: try record.requireID(), version: Int(fields["version"]) ?? -1)
        let (parsed, problems) = try await directory.read(fields, patientID: patient.id, today: req.today, existing: record.decoded(), on: req.db)
        guard let appointment = parsed else { return try await form(req, patient, fields: fields, problems: problems, directory: directory, moving: moving) }
        switch try await AppointmentQueries.move(record, to: appointment, from: moving.version, settings: directory.settings, names: directory.names,
                                                 by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit) {
        case .saved:
            return req.redirect(to: SitePath.appointment(patient.id, moving.id),
                                flash: Flash(.success, "Moved to \(appointment.date.display) \(appointment.time.display)."))
        case .refused(let problems):
            return try await form(req, patient, fields: fields, problems: problems, directory: directory, moving: moving)
        case .stale:
            return req.redirect(to: SitePath.appointment(patient.id, moving.id),
                                flash: Flash(.warning, "Someone changed this appointment meanwhile; nothing was moved. Here it is as it stands now."))
        }
    }

    static func status(req: Request) async throws -> Response {
        let (patient, record) = try await AppointmentQueries.appointment(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let back = SitePath.appointment(patient.id, try record.requireID())
        guard let status = AppointmentStatus(rawValue: fields["status"]) else { return req.redirect(to: back, flash: Flash(.warning, "Choose a step.")) }
        let reason = fields["reason"].trimmingCharacters(in: .whitespacesAndNewlines)
        if status == .cancelled, let problem = TextRules.reasonProblem(reason) {
            return req.redirect(to: back, flash: Flash(.warning, "Not cancelled: \(problem)"))
        }
        let done = try await AppointmentQueries.setStatus(record, to: status, reason: status == .cancelled ? reason : nil, from: Int(fields["version"]) ?? -1,
                                                          by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit)
        return req.redirect(to: back, flash: done ? Flash(.success, "\(status.title).")
                                                  : Flash(.warning, "It changed meanwhile or cannot take that step; nothing was changed."))
    }

    /// Opens the visit's note from its appointment, starting it (of the visit's kind, on its day) the first time.
    static func visitNote(req: Request) async throws -> Response {
        let (patient, record) = try await AppointmentQueries.appointment(req)
        switch try await AppointmentQueries.startVisit(record, today: req.today, by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit) {
        case .success(let note): return req.redirect(to: SitePath.editEvaluation(patient.id, note))
        case .failure(let refusal):
            return req.redirect(to: SitePath.appointment(patient.id, try record.requireID()), flash: Flash(.warning, refusal.message))
        }
    }

    // MARK: - Helpers

    /// "Start the follow-up visit note" while the visit may be written up from here, "Open the visit note" once started.
    private static func visitNoteButton(_ req: Request, _ record: AppointmentRecord, _ appointment: Appointment) throws -> String? {
        guard try req.user.can(.evaluationWrite), appointment.kind != .procedure else { return nil }
        if record.encounterID != nil { return "Open the visit note" }
        return AppointmentQueries.VisitRefusal(appointment, today: req.today) == nil ? "Start the \(appointment.kind.encounterKind.title.lowercased()) note" : nil
    }

    /// For a procedure, the check on its day; the medicines by name only for those who read the chart.
    private static func preparation(_ req: Request, _ patient: PatientRecord, _ appointment: Appointment) async throws -> AppointmentPages.Preparation? {
        guard let site = appointment.site else { return nil }
        let candidate = Candidate(site, on: appointment.date)
        let decision = try await DecisionSupportQueries.decide(candidate, for: patient, on: req.db)
        let tooSoon = decision.holdsTooSoon(today: req.today)
        guard try req.user.can(.clinicalRead) else {
            let warnings = tooSoon.map(\.earliest).max().map {
                ["A medicine must be stopped longer before than this day allows: the first day that leaves time is \($0.display). Ask the nurse or physician."]
            }
            return AppointmentPages.Preparation(verdict: decision.verdict.title, check: nil, holds: [], warnings: warnings ?? [])
        }
        return AppointmentPages.Preparation(verdict: decision.verdict.title, check: DecisionSupportPages.checkLink(patientID: patient.id, candidate),
                                            holds: decision.holds.map(\.message), warnings: decision.tooSoonWarnings(today: req.today))
    }

    private static func form(_ req: Request, _ patient: PatientRecord, fields: FormFields, problems: [String: String] = [:],
                             directory: ScheduleDirectory, moving: (id: UUID, version: Int)? = nil) async throws -> Response {
        let model = AppointmentPages.FormModel(patientID: patient.id, fields: fields, problems: problems, providers: directory.providerOptions,
                                               rooms: directory.roomOptions, durations: directory.durationHint, moving: moving)
        return try await req.chartPage(moving == nil ? "Book an appointment" : "Move the appointment", patient,
                                       AppointmentPages.form(model, csrfToken: req.csrfToken), status: problems.isEmpty ? .ok : .unprocessableEntity)
    }

}
