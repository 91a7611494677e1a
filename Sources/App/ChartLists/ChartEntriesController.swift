import Fluent
import Foundation
import ReliefCore
import Vapor

/// One controller for every chart list (medications, allergies, prior treatments): list, add, edit with a version
/// check, and mark entered in error. What differs between the lists lives in their `ChartEntryPresentation`.
enum ChartEntriesController<C: ChartEntryPresentation> {
    static func index(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let entries = try await ChartEntryQueries.entries(C.self, patientID: patient.id, on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: C.kind.resourceType, patientID: patient.id,
                                       detail: "list of \(entries.count)"))
        let canWrite = try req.user.can(C.kind.writeAction)
        let rows = rows(try await C.shown(req, patientID: patient.id, entries), patientID: patient.id, canWrite: canWrite)
        let model = ChartEntryPages.ListModel(
            kind: C.kind, patientID: patient.id, columns: C.columns, current: rows.current, earlier: rows.earlier, canWrite: canWrite,
            summary: try await C.summary(req, patientID: patient.id, current: entries.map(\.1).filter(\.isCurrent)))
        return try await page(req, patient, ChartEntryPages.list(model, csrfToken: req.csrfToken))
    }

    static func new(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        return try await form(req, patient, entry: nil, fields: C.newFields(today: req.today), problems: [:])
    }

    static func create(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let others = try await ChartEntryQueries.entries(C.self, patientID: patient.id, on: req.db).map(\.1)
        let (content, problems) = C.validate(fields, today: req.today, others: others)
        guard let content else { return try await rejected(req, patient, entry: nil, fields: fields, problems: problems) }
        _ = try await ChartEntryQueries.create(content, patientID: patient.id, by: try req.user.id, now: req.now, on: req.db,
                                               audit: req.transactionalAudit)
        return req.redirect(to: SitePath.chartEntries(C.kind)(patient.id), flash: Flash(.success, "Added \(content.label)."))
    }

    static func edit(req: Request) async throws -> Response {
        let (patient, entry) = try await ChartEntryQueries.entry(req, kind: C.kind)
        let content = try entry.decoded(as: C.self)
        try await req.audit(AuditEntry(action: .recordView, resourceType: C.kind.resourceType, resourceID: (try entry.requireID()).uuidString,
                                       patientID: patient.id, detail: "edit form"))
        return try await form(req, patient, entry: (try entry.requireID(), entry.version), fields: content.fields, problems: [:])
    }

    static func update(req: Request) async throws -> Response {
        let (patient, entry) = try await ChartEntryQueries.entry(req, kind: C.kind, forWrite: true)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let version = try submittedVersion(fields)
        let others = try await ChartEntryQueries.entries(C.self, patientID: patient.id, on: req.db).filter { $0.0 != entry.id }.map(\.1)
        let (content, problems) = C.validate(fields, today: req.today, others: others)
        guard let content else { return try await rejected(req, patient, entry: (try entry.requireID(), version), fields: fields, problems: problems) }
        let outcome = try await ChartEntryQueries.update(try entry.requireID(), patientID: patient.id, from: version, content: content,
                                                         by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit)
        return try await finish(req, patient, outcome, fields: fields, done: "Saved \(content.label).")
    }

    static func enterInError(req: Request) async throws -> Response {
        let (patient, entry) = try await ChartEntryQueries.entry(req, kind: C.kind, forWrite: true)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let version = try submittedVersion(fields)
        let reason = fields["reason"], stored = try entry.decoded(as: C.self).fields
        if let problem = TextRules.reasonProblem(reason, missing: "Give the reason the entry was wrong.") {
            if req.wantsJSON { throw ValidationFailure(fields: ["reason": problem]) }
            var model = try await formModel(req, patient, entry: (try entry.requireID(), version), fields: stored, problems: [:])
            model.inErrorProblem = problem
            model.inErrorReason = reason
            return try await page(req, patient, ChartEntryPages.form(model, csrfToken: req.csrfToken), status: .unprocessableEntity)
        }
        let outcome = try await ChartEntryQueries.enterInError(C.self, try entry.requireID(), patientID: patient.id, from: version, reason: reason,
                                                               by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit)
        return try await finish(req, patient, outcome, fields: stored, done: "Marked the entry as entered in error.")
    }

    // MARK: - Helpers

    /// Rows for the tables, current entries apart from the rest.
    static func rows(_ entries: [(UUID, C)], patientID: UUID, canWrite: Bool) -> (current: [ChartEntryPages.Row], earlier: [ChartEntryPages.Row]) {
        let rows = entries.map { id, content in
            (content.isCurrent, ChartEntryPages.Row(cells: content.cells, edit: canWrite ? SitePath.editChartEntry(C.kind)(patientID, id) : nil))
        }
        return (rows.filter(\.0).map(\.1), rows.filter { !$0.0 }.map(\.1))
    }

    private static func submittedVersion(_ fields: FormFields) throws -> Int {
        guard let version = Int(fields["version"]) else { throw Abort(.badRequest, reason: "The form is missing its version.") }
        return version
    }

    private static func finish(_ req: Request, _ patient: PatientRecord, _ outcome: ChartEntryQueries.SaveOutcome, fields: FormFields,
                               done: String) async throws -> Response {
        switch outcome {
        case .saved:
            return req.redirect(to: SitePath.chartEntries(C.kind)(patient.id), flash: Flash(.success, done))
        case .notFound:
            throw Abort(.notFound, reason: "No such entry.")
        case .conflict(let current):
            try await req.audit(AuditEntry(action: .recordUpdateConflict, resourceType: C.kind.resourceType,
                                           resourceID: (try current.requireID()).uuidString, patientID: patient.id, outcome: .failure))
            if req.wantsJSON { throw Abort(.conflict, reason: "Someone changed this entry meanwhile; load it again.") }
            let message = current.deletedAt != nil
                ? "This entry was marked entered in error meanwhile. Your entries are below; add them as a new entry if they are still right."
                : "Someone else saved this entry while you were editing. Your entries are below; saving again keeps yours."
            var model = try await formModel(req, patient, entry: current.deletedAt == nil ? (try current.requireID(), current.version) : nil,
                                            fields: fields, problems: [:])
            model.conflict = message
            return try await page(req, patient, ChartEntryPages.form(model, csrfToken: req.csrfToken), status: .conflict)
        }
    }

    private static func rejected(_ req: Request, _ patient: PatientRecord, entry: (UUID, Int)?, fields: FormFields,
                                 problems: [String: String]) async throws -> Response {
        if req.wantsJSON { throw ValidationFailure(fields: problems) }
        return try await form(req, patient, entry: entry, fields: fields, problems: problems, status: .unprocessableEntity)
    }

    private static func form(_ req: Request, _ patient: PatientRecord, entry: (UUID, Int)?, fields: FormFields,
                             problems: [String: String], status: HTTPStatus = .ok) async throws -> Response {
        try await page(req, patient, ChartEntryPages.form(try await formModel(req, patient, entry: entry, fields: fields, problems: problems),
                                                           csrfToken: req.csrfToken), status: status)
    }

    private static func formModel(_ req: Request, _ patient: PatientRecord, entry: (UUID, Int)?, fields: FormFields,
                                  problems: [String: String]) async throws -> ChartEntryPages.FormModel {
        let order = C.fieldOrder
        let errors = problems.sorted { (order.firstIndex(of: $0.key) ?? order.count) < (order.firstIndex(of: $1.key) ?? order.count) }
            .map { (name: $0.key, message: $0.value) }
        return ChartEntryPages.FormModel(kind: C.kind, patientID: patient.id, entryID: entry?.0, version: entry?.1,
                                         controls: C.formControls(BoundForm(fields: fields, problems: problems)), errors: errors,
                                         context: try await C.formContext(req, patientID: patient.id))
    }

    private static func page(_ req: Request, _ patient: PatientRecord, _ content: [BodyNode],
                             status: HTTPStatus = .ok) async throws -> Response {
        req.page(C.kind.pluralTitle, section: .patients, banner: try await ChartBanner.model(req, patient), status: status, content)
    }
}
