import Foundation
import Plot
import ReliefCore
import Vapor

/// Payers' own criteria, kept by those who change the clinical settings: add or change one payer's numbers, or remove
/// them, each under the version of the whole list so two people editing at once get a conflict.
enum PayerCriteriaController {
    static func show(req: Request) async throws -> Response {
        let stored = try await PracticeSettings.snapshot(on: req.db)
        let chosen = req.queryText("payer").flatMap { name in stored.criteria.payers.first { $0.matches(name) } }
        return page(req, stored, fields: chosen?.fields ?? FormFields())
    }

    static func save(req: Request) async throws -> Response {
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let version = try version(fields)
        let (parsed, problems) = PayerCriteria.parse(fields, today: req.today)
        let stored = try await PracticeSettings.snapshot(on: req.db)
        guard let parsed else { return page(req, stored, fields: fields, problems: problems, status: .unprocessableEntity) }
        guard try await PracticeSettings.save(stored.criteria.payers.saving(parsed), from: version, by: try req.user.id, now: req.now,
                                              on: req.db, audit: req.transactionalAudit) else {
            return conflict(req, stored, fields: fields)
        }
        return req.redirect(to: SitePath.payerCriteria(), flash: Flash(.success, "Saved \(parsed.payer)'s criteria."))
    }

    static func remove(req: Request) async throws -> Response {
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let version = try version(fields)
        let stored = try await PracticeSettings.snapshot(on: req.db)
        let kept = stored.criteria.payers.filter { !$0.matches(fields["payer"]) }
        guard kept.count < stored.criteria.payers.count else {
            return req.redirect(to: SitePath.payerCriteria(), flash: Flash(.warning, "No payer of that name has criteria of its own."))
        }
        guard try await PracticeSettings.save(kept, from: version, by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit) else {
            return conflict(req, stored, fields: FormFields())
        }
        return req.redirect(to: SitePath.payerCriteria(), flash: Flash(.success, "Removed \(fields["payer"])'s criteria: the defaults apply to it again."))
    }

    private static func version(_ fields: FormFields) throws -> Int {
        guard let version = Int(fields["version"]) else { throw Abort(.badRequest, reason: "The form is missing its version.") }
        return version
    }

    private static func conflict(_ req: Request, _ stored: PracticeSettings.Snapshot, fields: FormFields) -> Response {
        page(req, stored, fields: fields, conflict: "Someone else changed the payers' criteria while you were editing. The list shows theirs; "
             + "your values are below, and saving again keeps them.", status: .conflict)
    }

    private static func page(_ req: Request, _ stored: PracticeSettings.Snapshot, fields: FormFields, problems: [String: String] = [:],
                             conflict: String? = nil, status: HTTPStatus = .ok) -> Response {
        var practice = stored.criteria
        practice.payers = []
        let model = PayerCriteriaPage.Model(payers: stored.criteria.payers, practice: practice, version: stored.payersVersion, fields: fields,
                                            problems: problems, conflict: conflict)
        return req.page("Criteria by payer", section: nil, status: status, PayerCriteriaPage.render(model, csrfToken: req.csrfToken))
    }
}
