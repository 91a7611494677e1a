import Foundation
import ReliefCore
import Vapor

/// Who the practice is, kept by the administrator and saved whole under its version: two people editing at once get
/// a conflict, and the one who lost keeps what they typed.
enum PracticeProfileController {
    static func show(req: Request) async throws -> Response {
        let snapshot = try await PracticeSettings.snapshot(on: req.db)
        return render(req, PracticeProfilePage.Model(fields: snapshot.profile.fields, version: snapshot.profileVersion))
    }

    static func update(req: Request) async throws -> Response {
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        guard let version = Int(fields["version"]) else { throw Abort(.badRequest, reason: "The form is missing its version.") }
        let (profile, problems) = PracticeProfile.parse(fields, today: req.today)
        var model = PracticeProfilePage.Model(fields: fields, problems: problems, version: version)
        guard let profile else { return render(req, model, status: .unprocessableEntity) }
        guard try await PracticeSettings.save(profile, from: version, by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit) else {
            let stored = try await PracticeSettings.snapshot(on: req.db)
            model.version = stored.profileVersion
            model.theirs = stored.profile
            return render(req, model, status: .conflict)
        }
        return req.redirect(to: SitePath.practiceProfile(), flash: Flash(.success, "Saved the practice's details."))
    }

    private static func render(_ req: Request, _ model: PracticeProfilePage.Model, status: HTTPStatus = .ok) -> Response {
        req.page("Practice", section: .admin, status: status, PracticeProfilePage.render(model, csrfToken: req.csrfToken))
    }
}
