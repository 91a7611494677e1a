import Plot
import ReliefCore
import Vapor

/// When the practice follows procedures up, by kind, and after how many unreached calls a follow-up is lost; saved
/// under its version. Procedures already signed keep the follow-ups they were given.
enum FollowUpSettingsController {
    static func show(req: Request) async throws -> Response {
        let stored = try await PracticeSettings.snapshot(on: req.db)
        return page(req, version: stored.followUpVersion, fields: stored.followUp.fields)
    }

    static func save(req: Request) async throws -> Response {
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let (parsed, problems) = FollowUpSchedule.parse(fields, today: req.today)
        let version = try await PracticeSettings.snapshot(on: req.db).followUpVersion
        guard let schedule = parsed else { return page(req, version: Int(fields["version"]) ?? version, fields: fields, problems: problems, status: .unprocessableEntity) }
        guard try await PracticeSettings.save(schedule, from: Int(fields["version"]) ?? -1, by: try req.user.id, now: req.now, on: req.db,
                                              audit: req.transactionalAudit) else {
            return page(req, version: version, fields: fields, problems: [:], status: .conflict,
                        conflict: "Someone else changed the follow-up schedule while you were editing. Your values are below; saving again keeps them.")
        }
        return req.redirect(to: SitePath.followUpSettings(), flash: Flash(.success, "Saved the follow-up schedule: new procedures follow it."))
    }

    private static func page(_ req: Request, version: Int, fields: FormFields, problems: [String: String] = [:], status: HTTPStatus = .ok,
                             conflict: String? = nil) -> Response {
        let form = BoundForm(fields: fields, problems: problems)
        let rows = FollowUpSchedule.categories.map { category in
            let example = InterventionCatalogue.all.first { $0.category == category }.map { FollowUpSchedule.defaultDays(for: $0) } ?? FollowUpSchedule.standardDays
            return form.text(FollowUpSchedule.daysField(category), category.title, hint: "Default: \(FollowUpSchedule.describe(example))")
        }
        let content: [BodyNode] = [
            .tag("h1", text: "Follow-up schedule"),
            .tag("p", text: "When each signed procedure is followed up, as days, weeks or months after it (like 2 weeks, 6 weeks, 3 months). "
                 + "Leave a kind empty for the default: 2 weeks, 6 weeks, 3, 6 and 12 months, or 2 weeks after a diagnostic block (its diary "
                 + "judges it). A patient's own follow-ups are moved or cancelled one by one on their chart."),
            .tag("p", [], [.link("Back to the clinical settings", to: SitePath.clinicalSettings())]),
            .unwrap(conflict) { .tag("p", [("class", "notice warning"), ("role", "alert")], text: $0) },
            Forms.errorSummary(form.errors),
            .tag("form", [("method", "post"), ("action", SitePath.followUpSettings()), ("novalidate", nil), ("class", "card")], [
                Forms.csrf(req.csrfToken), Forms.hidden("version", String(version)), .group(rows),
                form.number("attempts", "Unreached calls before a follow-up is lost", narrow: true, required: true),
                Forms.submit("Save the schedule"),
            ]),
        ]
        return req.page("Follow-up schedule", section: nil, status: status, content)
    }
}
