import Plot
import ReliefCore
import Vapor

/// Treatment plans on the patient: drafted by the team, activated by a physician, revised as new versions while
/// every earlier version stays readable. Each procedure in a plan shows its decision-support verdict.
enum CarePlansController {
    static func index(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let records = try await CarePlanQueries.all(patientID: patient.id, on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "CarePlan", patientID: patient.id, detail: "list of \(records.count)"))
        let latest = Dictionary(grouping: records, by: \.planID).values.compactMap { $0.max { $0.number < $1.number } }.sorted { $0.createdAt > $1.createdAt }
        return try await page(req, patient, "Treatment plans", CarePlanPages.index(patientID: patient.id, plans: latest, canWrite: try req.user.can(.planWrite)))
    }

    static func new(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let fields = try await CarePlanQueries.newFields(for: patient, today: req.today, on: req.db)
        return try await form(req, patient, CarePlanPages.FormModel(patientID: patient.id, action: SitePath.plans(patient.id), fields: fields))
    }

    static func create(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let history = try await CarePlanQueries.history(patientID: patient.id, on: req.db)
        let (content, problems) = CarePlanContent.parse(fields, today: req.today, history: history)
        guard let content else {
            return try await form(req, patient, CarePlanPages.FormModel(patientID: patient.id, action: SitePath.plans(patient.id), fields: fields,
                                                                        problems: problems), status: .unprocessableEntity)
        }
        let record = try await CarePlanQueries.create(content, patientID: patient.id, by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit)
        return req.redirect(to: SitePath.plan(patient.id, try record.requireID()), flash: Flash(.success, "Saved the plan as a draft."))
    }

    static func show(req: Request) async throws -> Response {
        let (patient, record) = try await CarePlanQueries.plan(req)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "CarePlan", resourceID: (try record.requireID()).uuidString, patientID: patient.id))
        return try await shown(req, patient, record)
    }

    /// The plan version with its checks, consents, versions and the work recorded under it; `activity` is a work
    /// form sent back with its problems.
    static func shown(_ req: Request, _ patient: PatientRecord, _ record: CarePlanRecord,
                      activity: (FormFields, [String: String])? = nil) async throws -> Response {
        let content = try record.decoded()
        let versions = try await CarePlanQueries.versions(of: record.planID, on: req.db)
        let (facts, criteria) = try await DecisionSupportQueries.inputs(for: patient, on: req.db)
        let verdicts = content.sequenced.map { component in
            component.site.map { DecisionSupport.decide(Candidate($0, on: component.startOn ?? content.startOn), for: facts, criteria: criteria) }
        }
        let consents = try await ConsentQueries.all(patientID: patient.id, on: req.db)
        let appointments = try await AppointmentQueries.all(patientID: patient.id, on: req.db).compactMap { $0.decoded() }.filter(\.status.holdsTime)
        let activities = try await PlanActivityQueries.all(planID: record.planID, on: req.db)
        let names = try await StaffNames.lookup(Set(activities.map(\.createdBy)), on: req.db)
        let user = try req.user
        var form = FormFields()
        form.set([("occurredOn", req.today.display), ("attendance", Attendance.attended.rawValue)])
        let model = CarePlanPages.ShowModel(patientID: patient.id, record: record, content: content, verdicts: verdicts, consents: consents,
                                            appointments: appointments, versions: versions, canWrite: user.can(.planWrite), canBook: user.can(.appointmentBook), canActivate: user.can(.noteSign), csrfToken: req.csrfToken,
                                            work: PlanActivityPages.Model(activities: try activities.map { ($0, try $0.decoded(), names[$0.createdBy] ?? "unknown") },
                                                                          canRecord: user.can(.planActivityWrite), form: activity?.0 ?? form,
                                                                          problems: activity?.1 ?? [:]))
        return try await page(req, patient, content.title, CarePlanPages.show(model), status: activity == nil ? .ok : .unprocessableEntity)
    }

    static func edit(req: Request) async throws -> Response {
        let (patient, record) = try await CarePlanQueries.plan(req)
        let id = try record.requireID()
        guard record.planStatus == .draft else {
            return req.redirect(to: SitePath.plan(patient.id, id), flash: Flash(.warning, "This version is \(record.status): revise the plan to change it."))
        }
        return try await form(req, patient, CarePlanPages.FormModel(patientID: patient.id, action: SitePath.plan(patient.id, id),
                                                                    fields: try record.decoded().fields, version: record.version))
    }

    static func update(req: Request) async throws -> Response {
        let (patient, record) = try await CarePlanQueries.plan(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        guard let version = Int(fields["version"]) else { throw Abort(.badRequest, reason: "The form is missing its version.") }
        let id = try record.requireID()
        var model = CarePlanPages.FormModel(patientID: patient.id, action: SitePath.plan(patient.id, id), fields: fields, version: version)
        let (content, problems) = CarePlanContent.parse(fields, today: req.today, history: try await CarePlanQueries.history(patientID: patient.id, on: req.db))
        guard let content else {
            model.problems = problems
            return try await form(req, patient, model, status: .unprocessableEntity)
        }
        guard try await CarePlanQueries.update(record, with: content, from: version, by: try req.user.id, now: req.now, on: req.db,
                                               audit: req.transactionalAudit) == .done else {
            model.conflict = "Someone changed or activated this plan while you were editing. Your entries are below; open the plan again to see theirs."
            return try await form(req, patient, model, status: .conflict)
        }
        return req.redirect(to: SitePath.plan(patient.id, id), flash: Flash(.success, "Saved the plan."))
    }

    static func activate(req: Request) async throws -> Response {
        let (patient, record) = try await CarePlanQueries.plan(req)
        let version = Int(FormFields(urlEncoded: req.body.string ?? "")["version"]) ?? -1
        let outcome = try await CarePlanQueries.activate(record, from: version, by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit)
        let flash = outcome == .done ? Flash(.success, "The plan is active.") : Flash(.warning, "The plan changed meanwhile; check it and activate again.")
        return req.redirect(to: SitePath.plan(patient.id, try record.requireID()), flash: flash)
    }

    static func revise(req: Request) async throws -> Response {
        let (patient, record) = try await CarePlanQueries.plan(req)
        guard let next = try await CarePlanQueries.revise(record, by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit) else {
            return req.redirect(to: SitePath.plan(patient.id, try record.requireID()),
                                flash: Flash(.warning, "Only the active version can be revised, and only one revision at a time."))
        }
        return req.redirect(to: SitePath.editPlan(patient.id, try next.requireID()), flash: Flash(.success, "Started version \(next.number) as a draft."))
    }

    private static func form(_ req: Request, _ patient: PatientRecord, _ model: CarePlanPages.FormModel, status: HTTPStatus = .ok) async throws -> Response {
        try await page(req, patient, model.version == nil ? "New treatment plan" : "Edit treatment plan",
                       CarePlanPages.form(model, csrfToken: req.csrfToken), status: status)
    }

    private static func page(_ req: Request, _ patient: PatientRecord, _ title: String, _ content: [BodyNode],
                             status: HTTPStatus = .ok) async throws -> Response {
        req.page(title, section: .patients, banner: try await ChartBanner.model(req, patient), status: status, content)
    }
}
