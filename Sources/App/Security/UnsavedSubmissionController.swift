import Foundation
import ReliefCore
import Vapor

/// What a user had typed when their session ended, shown after they sign in again: sent on as typed, or discarded.
enum UnsavedSubmissionController {
    static func show(req: Request) async throws -> Response {
        guard let kept = try await kept(req) else {
            return req.redirect(to: SitePath.home(), flash: Flash(.info, "Nothing typed is waiting: it was saved, discarded or kept too long."))
        }
        let patient = try await PatientQueries.summaries(ids: Set([kept.patientID].compactMap { $0 }), on: req.db).values.first
        try await req.audit(AuditEntry(action: .recordView, resourceType: "UnsavedSubmission", resourceID: kept.id.uuidString,
                                       patientID: patient?.id))
        let model = UnsavedSubmissionPage.Model(
            id: kept.id, path: kept.form.path, fields: kept.fields, typed: typed(kept.form.path, kept.fields), keptAt: req.displayTime(kept.form.keptAt),
            patient: patient.map { "\($0.displayName) · MRN \($0.mrn)" })
        return req.page("Your typing is back", section: nil, UnsavedSubmissionPage.render(model, csrfToken: req.csrfToken))
    }

    static func discard(req: Request) async throws -> Response {
        let user = try req.user
        if let kept = try await kept(req) {
            try await UnsavedSubmission.release(kept.id, userID: user.id, on: req.db)
            try await req.audit(AuditEntry(action: .submissionDiscard, resourceType: "UnsavedSubmission", resourceID: kept.id.uuidString,
                                           patientID: kept.patientID))
        }
        let response = req.redirect(to: SitePath.home(), flash: Flash(.info, "Discarded what was typed."))
        response.cookies[UnsavedSubmission.cookieName] = .expired
        return response
    }

    /// What was typed, by label, for the forms that can name their fields; the rest by their fields' names.
    private static func typed(_ path: String, _ fields: [(name: String, value: String)]) -> [(label: String, value: String)]? {
        var form = FormFields()
        for field in fields { form.add(field.name, field.value) }
        if [SitePath.evaluation, SitePath.signEvaluation].contains(where: { $0.matches(path) }) { return EvaluationFormView.typed(form) }
        return nil
    }

    /// The form kept on this browser for the signed-in user.
    static func kept(_ req: Request) async throws -> UnsavedSubmission? {
        guard let key = req.unsavedSubmissionKey else { return nil }
        return try await UnsavedSubmission.find(key: key, userID: try req.user.id, now: req.now, on: req.db)
    }
}
