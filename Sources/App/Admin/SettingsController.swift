import Foundation
import Plot
import ReliefCore
import Vapor

/// Clinical settings a physician may change for the practice: the minimal important differences that judge a change
/// in score. Defaults ship with their source; unconfirmed ones say "verify against current guideline".
enum SettingsController {
    static func show(req: Request) async throws -> Response {
        let (settings, version) = try await PracticeSettings.differences(on: req.db)
        var fields = FormFields()
        fields.set(settings.overrides.map { (DifferenceSettings.key($0.key), Figures.text($0.value)) })
        return page(req, fields: fields, version: version, problems: [:])
    }

    static func update(req: Request) async throws -> Response {
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        guard let version = Int(fields["version"]) else { throw Abort(.badRequest, reason: "The form is missing its version.") }
        let (settings, problems) = DifferenceSettings.parse(fields, today: req.today)
        guard let settings else {
            if req.wantsJSON { throw ValidationFailure(fields: problems) }
            return page(req, fields: fields, version: version, problems: problems, status: .unprocessableEntity)
        }
        guard try await PracticeSettings.save(settings, from: version, by: try req.user.id, now: req.now, on: req.db,
                                              audit: req.transactionalAudit) else {
            if req.wantsJSON { throw Abort(.conflict, reason: "Someone changed the settings meanwhile; load them again.") }
            let current = try await PracticeSettings.differences(on: req.db).version
            return page(req, fields: fields, version: current, problems: [:], status: .conflict,
                        conflict: "Someone else saved these settings while you were editing. Your values are below; saving again keeps yours.")
        }
        return req.redirect(to: SitePath.clinicalSettings, flash: Flash(.success, "Saved the minimal important differences."))
    }

    private static func page(_ req: Request, fields: FormFields, version: Int, problems: [String: String],
                             status: HTTPStatus = .ok, conflict: String? = nil) -> Response {
        let form = BoundForm(fields: fields, problems: problems)
        let errors = DifferenceSettings.instruments.compactMap { definition in
            problems[DifferenceSettings.key(definition.id)].map { (name: DifferenceSettings.key(definition.id), message: $0) }
        }
        return req.page("Clinical settings", section: nil, status: status, [
            .tag("h1", text: "Minimal important differences"),
            .tag("p", text: "A change in score at least this large counts as improved or worse on the chart. Leave a field empty to use the default shown."),
            .unwrap(conflict) { .tag("div", [("class", "notice warning"), ("role", "alert")], text: $0) },
            Forms.errorSummary(errors),
            .tag("form", [("method", "post"), ("action", SitePath.clinicalSettings), ("novalidate", nil)], [
                Forms.csrf(req.csrfToken),
                Forms.hidden("version", String(version)),
                .group(DifferenceSettings.instruments.map { definition in
                    let hint = definition.minimalImportantDifference.map { mid in
                        "Default \(Figures.text(mid.value)) (\(mid.source.citation))" + (mid.source.needsVerification ? " — verify against current guideline." : ".")
                    } ?? "No default: changes are shown without a verdict."
                    return form.number(DifferenceSettings.key(definition.id), "\(definition.title), \(definition.scoreLabel)", hint: hint,
                                       decimal: true, narrow: true)
                }),
                .tag("div", [("class", "actions")], [Forms.submit("Save")]),
            ]),
        ])
    }
}
