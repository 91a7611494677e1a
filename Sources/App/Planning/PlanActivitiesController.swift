import ReliefCore
import Vapor

/// Team members record their work under a plan from its page: the therapist a session, the psychologist theirs, the
/// nurse a medication change; a record made by mistake is marked entered in error, never removed.
enum PlanActivitiesController {
    static func record(req: Request) async throws -> Response {
        let (patient, record) = try await CarePlanQueries.plan(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let (activity, problems) = PlanActivity.parse(fields, today: req.today, plan: try record.decoded())
        guard let activity else { return try await CarePlansController.shown(req, patient, record, activity: (fields, problems)) }
        _ = try await PlanActivityQueries.record(activity, under: record, by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit)
        return req.redirect(to: SitePath.plan(patient.id, try record.requireID()) + "#work", flash: Flash(.success, "Recorded: \(activity.kind.title.lowercased())."))
    }

    static func enterInError(req: Request) async throws -> Response {
        let (patient, record, activity) = try await PlanActivityQueries.activity(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let back = SitePath.plan(patient.id, try record.requireID()) + "#work"
        if let problem = TextRules.reasonProblem(fields["reason"].trimmingCharacters(in: .whitespacesAndNewlines)) {
            return req.redirect(to: back, flash: Flash(.warning, "Not marked: \(problem)"))
        }
        let done = try await PlanActivityQueries.enterInError(activity, reason: fields["reason"].trimmingCharacters(in: .whitespacesAndNewlines),
                                                             from: Int(fields["version"]) ?? -1, on: req.db, audit: req.transactionalAudit)
        return req.redirect(to: back, flash: done ? Flash(.success, "Marked entered in error.") : Flash(.warning, "It changed meanwhile; nothing was marked."))
    }
}
