import Fluent
import Foundation
import ReliefCore
import Vapor

/// The first-visit evaluation: start, fill in (drafts, by nurse and physician), sign (physician), read as a
/// document, amend by addenda; and the chart alerts its red flags raise.
enum EvaluationsController {
    static func create(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let (start, problems) = EncounterStart.parse(fields, today: req.today)
        guard let start else {
            if req.wantsJSON { throw ValidationFailure(fields: problems) }
            return req.page("Start a visit note", section: .patients, banner: try await ChartBanner.model(req, patient), status: .unprocessableEntity,
                            VisitNoteStart.page(patientID: patient.id, fields: fields, problems: problems, csrfToken: req.csrfToken))
        }
        let evaluation = try await EvaluationQueries.start(start, patientID: patient.id, by: try req.user.id, now: req.now,
                                                           on: req.db, audit: req.transactionalAudit)
        return req.redirect(to: SitePath.editEvaluation(patient.id, try evaluation.requireID()))
    }

    static func show(req: Request) async throws -> Response {
        let (patient, evaluation) = try await EvaluationQueries.evaluation(req)
        try await req.audit(AuditEntry(action: .evaluationView, resourceType: "Evaluation", resourceID: (try evaluation.requireID()).uuidString,
                                       patientID: patient.id))
        return try await document(req, patient, evaluation)
    }

    /// Two pain maps side by side: by default the first and the latest, or the dates chosen.
    static func painMap(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let maps = try await EvaluationQueries.painMaps(patientID: patient.id, on: req.db)
        guard let first = maps.first, let last = maps.last else { throw Abort(.notFound, reason: "No pain map has been recorded yet.") }
        func chosen(_ name: String) -> EvaluationQueries.PainMapRow? {
            req.queryText(name).flatMap(UUID.init(uuidString:)).flatMap { id in maps.first { $0.evaluationID == id } }
        }
        let (before, after) = (chosen("from") ?? first, chosen("to") ?? last)
        try await req.audit(AuditEntry(action: .evaluationView, resourceType: "Evaluation", resourceID: after.evaluationID.uuidString,
                                       patientID: patient.id, detail: "pain map compared with \(before.evaluationID.uuidString)"))
        let model = PainMapPage.Model(patientID: patient.id, dates: maps.map { ($0.evaluationID, $0.date) }, before: before, after: after,
                                      comparison: PainMapComparison(before: before.marks, after: after.marks))
        return req.page("Pain map", section: .patients, banner: try await ChartBanner.model(req, patient), PainMapPage.render(model))
    }

    static func edit(req: Request) async throws -> Response {
        let (patient, evaluation) = try await EvaluationQueries.evaluation(req)
        if evaluation.isSigned { return req.redirect(to: SitePath.evaluation(patient.id, try evaluation.requireID())) }
        try await req.audit(AuditEntry(action: .evaluationView, resourceType: "Evaluation", resourceID: (try evaluation.requireID()).uuidString,
                                       patientID: patient.id, detail: "edit form"))
        return try await form(req, patient, evaluation, fields: EvaluationForm.fields(try evaluation.decoded()), problems: [:],
                              version: evaluation.version)
    }

    static func update(req: Request) async throws -> Response { try await save(req, sign: false) }

    static func sign(req: Request) async throws -> Response { try await save(req, sign: true) }

    private static func save(_ req: Request, sign: Bool) async throws -> Response {
        let (patient, evaluation) = try await EvaluationQueries.evaluation(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        guard let version = Int(fields["version"]) else { throw Abort(.badRequest, reason: "The form is missing its version.") }
        var (content, problems) = EvaluationForm.parse(fields, today: req.today, signing: sign)
        if sign, fields[EvaluationForm.attestField] != "yes" { problems[EvaluationForm.attestField] = "Tick the attestation to sign the note." }
        guard problems.isEmpty else {
            if req.wantsJSON { throw ValidationFailure(fields: problems) }
            return try await form(req, patient, evaluation, fields: fields, problems: problems, version: version, status: .unprocessableEntity)
        }
        let outcome = try await EvaluationQueries.save(try evaluation.requireID(), patientID: patient.id, from: version, content: content, sign: sign,
                                                       by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit)
        switch outcome {
        case .saved(let saved) where req.wantsJSON:
            // The form's own script saving the draft as the user types: the new version for its next save.
            return try req.json(AutosavedDraft(version: saved.version, savedAt: req.now))
        case .saved:
            let section = EvaluationFormView.returnAnchor(fields["section"]).map { "#" + $0 } ?? ""
            let path = sign ? SitePath.evaluation(patient.id, try evaluation.requireID())
                : SitePath.editEvaluation(patient.id, try evaluation.requireID()) + section
            return req.redirect(to: path, flash: Flash(.success, sign ? "Signed the evaluation." : "Saved the draft."))
        case .notFound:
            throw Abort(.notFound, reason: "No such evaluation.")
        case .conflict(let current):
            try await req.audit(AuditEntry(action: .evaluationUpdateConflict, resourceType: "Evaluation",
                                           resourceID: (try current.requireID()).uuidString, patientID: patient.id, outcome: .failure))
            if req.wantsJSON { throw Abort(.conflict, reason: "Someone else saved or signed this evaluation meanwhile.") }
            let message = current.isSigned
                ? "This evaluation was signed meanwhile and can no longer be changed. Your entries are below; add what is missing as an addendum."
                : "Someone else saved this evaluation while you were editing. Your entries are below; saving again keeps yours."
            return try await form(req, patient, current, fields: fields, problems: [:], version: current.version, status: .conflict,
                                  conflict: message, canSave: !current.isSigned)
        }
    }

    struct AutosavedDraft: Encodable {
        let version: Int
        let savedAt: Date
    }

    static func addAddendum(req: Request) async throws -> Response {
        let (patient, evaluation) = try await EvaluationQueries.evaluation(req)
        let text = FormFields(urlEncoded: req.body.string ?? "")["text"]
        if let problem = EvaluationForm.addendumProblem(text, noteSigned: evaluation.isSigned) {
            if req.wantsJSON { throw ValidationFailure(fields: ["text": problem]) }
            return try await document(req, patient, evaluation, status: .unprocessableEntity, addendumError: problem, addendumText: text)
        }
        let addendum = try await EvaluationQueries.addAddendum(to: evaluation, text: text, by: try req.user.id, now: req.now, on: req.db,
                                                               audit: req.transactionalAudit)
        let path = SitePath.evaluation(patient.id, try evaluation.requireID()) + "#" + AddendaSection.anchor(of: try addendum.requireID())
        return req.redirect(to: path, flash: Flash(.success, "Added the addendum."))
    }

    static func resolveAlert(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        guard let id = req.id(.alert) else { throw Abort(.notFound, reason: "No such alert.") }
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        var reader = FormReader(fields, today: req.today)
        let reason = reader.text("reason", limit: 1000, required: "Give the reason the alert is resolved.", multiline: true)
        let fromInbox = fields["from"] == "inbox"
        if let problem = reader.problems["reason"] {
            if req.wantsJSON { throw ValidationFailure(fields: reader.problems) }
            guard let alert = try await EvaluationQueries.openAlerts(patientID: patient.id, on: req.db).first(where: { $0.id == id }) else {
                throw Abort(.conflict, reason: "This alert was already resolved, or does not exist.")
            }
            return req.page("Resolve an alert", section: .patients, banner: try await ChartBanner.model(req, patient), status: .unprocessableEntity,
                            AlertResolution.page(patientID: patient.id, alert: alert, reason: reason, problem: problem, fromInbox: fromInbox,
                                                 csrfToken: req.csrfToken))
        }
        let resolved = try await EvaluationQueries.resolveAlert(id, patientID: patient.id, reason: reason, by: try req.user.id,
                                                                now: req.now, on: req.db, audit: req.transactionalAudit)
        guard resolved else { throw Abort(.conflict, reason: "This alert was already resolved, or does not exist.") }
        return req.redirect(to: fromInbox ? SitePath.inbox() : SitePath.patient(patient.id), flash: Flash(.success, "Resolved the alert."))
    }

    // MARK: - Helpers

    private static func form(_ req: Request, _ patient: PatientRecord, _ evaluation: Evaluation, fields: FormFields,
                             problems: [String: String], version: Int, status: HTTPStatus = .ok, conflict: String? = nil,
                             canSave: Bool = true) async throws -> Response {
        let (encounter, _) = try await EvaluationQueries.note(evaluation, on: req.db)
        let model = EvaluationFormView.Model(patientID: patient.id, evaluationID: try evaluation.requireID(), heading: VisitNoteStart.heading(encounter),
                                             fields: fields, problems: problems,
                                             version: version, canSign: try req.user.can(.noteSign) && canSave, conflict: conflict)
        return req.page("Evaluation", section: .patients, banner: try await ChartBanner.model(req, patient), status: status,
                        EvaluationFormView.render(model, csrfToken: req.csrfToken))
    }

    private static func document(_ req: Request, _ patient: PatientRecord, _ evaluation: Evaluation, status: HTTPStatus = .ok,
                                 addendumError: String? = nil, addendumText: String = "") async throws -> Response {
        let model = try await documentModel(req, evaluation, interactive: true)
        return req.page("Evaluation", section: .patients, banner: try await ChartBanner.model(req, patient), status: status,
                        EvaluationDocument.render(model, csrfToken: req.csrfToken, addendumError: addendumError, addendumText: addendumText))
    }

    /// The note as a document; `interactive` adds what only the screen offers: editing, addenda, printing and letters.
    static func documentModel(_ req: Request, _ evaluation: Evaluation, interactive: Bool) async throws -> EvaluationDocument.Model {
        let (encounter, addenda) = try await EvaluationQueries.note(evaluation, on: req.db)
        let letters = interactive ? try await LetterQueries.letters(about: try evaluation.requireID(), on: req.db) : []
        let people = [evaluation.createdBy, evaluation.signedBy].compactMap { $0 } + addenda.map(\.createdBy) + letters.map(\.createdBy)
        let names = try await StaffNames.lookup(Set(people), on: req.db)
        let signature = evaluation.signedAt.map { "Signed by \(evaluation.signedBy.flatMap { names[$0] } ?? "unknown") on \(req.displayTime($0))" }
        let user = try req.user
        return try EvaluationDocument.model(
            evaluation, content: try evaluation.decoded(), heading: VisitNoteStart.heading(encounter),
            author: evaluation.createdBy.flatMap { names[$0] } ?? "unknown", signature: signature,
            addenda: try AddendaSection.items(addenda, names: names) { req.displayTime($0) },
            letters: try letters.map { ("To \($0.recipient), by \(names[$0.createdBy] ?? "unknown"), \(req.displayTime($0.createdAt))",
                                       SitePath.letter(evaluation.patientID, try $0.requireID())) },
            // The note speaks as of its visit: a duration read a year later must not have grown.
            today: encounter.flatMap { CalendarDate($0.occurredOn) } ?? req.today,
            access: interactive ? .init(write: user.can(.evaluationWrite), letters: user.can(.noteSign), screen: true) : .printed)
    }
}

/// Staff names for signatures and addenda.
enum StaffNames {
    static func lookup(_ ids: Set<UUID>, on database: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let users = try await User.query(on: database).filter(\.$id ~~ Array(ids)).all()
        return Dictionary(uniqueKeysWithValues: users.compactMap { user in user.id.map { ($0, user.name) } })
    }
}
