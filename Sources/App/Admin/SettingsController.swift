import Foundation
import Plot
import ReliefCore
import Vapor

/// Clinical settings a physician may change for the practice: the minimal important differences that judge a change
/// in score, and the practice's choices about shipped rules (the unconfirmed opioid-with-benzodiazepine alert, the
/// work-up deadlines). Defaults ship with their source; unconfirmed ones say "verify against current guideline".
enum SettingsController {
    enum Form { case differences, rules, criteria, fees, payers }

    /// The form that was sent back, shown as submitted with its problems or its conflict.
    struct Submitted {
        let form: Form
        let fields: FormFields
        let version: Int
        var problems: [String: String] = [:]
        var conflict: String?
    }

    static func show(req: Request) async throws -> Response {
        page(req, try await PracticeSettings.snapshot(on: req.db), submitted: nil)
    }

    static func update(req: Request) async throws -> Response {
        try await save(req, .differences, parse: DifferenceSettings.parse, done: "Saved the minimal important differences.") { settings, version in
            try await PracticeSettings.save(settings, from: version, by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit)
        }
    }

    static func updateRules(req: Request) async throws -> Response {
        try await save(req, .rules, parse: PracticeRules.parse, done: "Saved the practice's rules.") { rules, version in
            try await PracticeSettings.save(rules, from: version, by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit)
        }
    }

    static func updateCriteria(req: Request) async throws -> Response {
        try await save(req, .criteria, parse: DecisionCriteria.parse, done: "Saved the decision-support criteria.") { criteria, version in
            try await PracticeSettings.save(criteria, from: version, by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit)
        }
    }

    static func updateFees(req: Request) async throws -> Response {
        try await save(req, .fees, parse: FeeSchedule.parse, done: "Saved the fee schedule.") { schedule, version in
            try await PracticeSettings.save(schedule, from: version, by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit)
        }
    }

    /// parse → save under the version check → back to the page, or the page with the problems (422) or the conflict (409).
    private static func save<S>(_ req: Request, _ form: Form, parse: (FormFields, CalendarDate) -> (S?, [String: String]), done: String,
                                _ store: (S, Int) async throws -> Bool) async throws -> Response {
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        guard let version = Int(fields["version"]) else { throw Abort(.badRequest, reason: "The form is missing its version.") }
        let (settings, problems) = parse(fields, req.today)
        guard let settings else {
            if req.wantsJSON { throw ValidationFailure(fields: problems) }
            return page(req, try await PracticeSettings.snapshot(on: req.db),
                        submitted: Submitted(form: form, fields: fields, version: version, problems: problems), status: .unprocessableEntity)
        }
        guard try await store(settings, version) else {
            if req.wantsJSON { throw Abort(.conflict, reason: "Someone changed the settings meanwhile; load them again.") }
            let current = try await PracticeSettings.snapshot(on: req.db)
            let conflict = "Someone else saved these settings while you were editing. Your values are below; saving again keeps yours."
            return page(req, current, submitted: Submitted(form: form, fields: fields,
                                                           version: current.version(of: form),
                                                           conflict: conflict), status: .conflict)
        }
        return req.redirect(to: SitePath.clinicalSettings(), flash: Flash(.success, done))
    }

    private static func page(_ req: Request, _ stored: PracticeSettings.Snapshot, submitted: Submitted?, status: HTTPStatus = .ok) -> Response {
        var differences = FormFields()
        differences.set(stored.differences.overrides.map { (DifferenceSettings.key($0.key), Figures.text($0.value)) })
        let mine = { (form: Form, fields: FormFields, version: Int) -> Submitted in
            submitted.flatMap { $0.form == form ? $0 : nil } ?? Submitted(form: form, fields: fields, version: version)
        }
        return req.page("Clinical settings", section: nil, status: status, [
            .tag("h1", text: "Clinical settings"),
            .tag("p", [("class", "muted")], [
                .text("They apply to the whole practice. Who may change them: "
                      + PermissionTable.holders(of: .clinicalSettings).map(\.title).joined(separator: ", ")
                      + ". Each change is kept in the audit trail with the name of who made it. "),
                .link("What each role may do", to: SitePath.roles()),
            ]),
            differencesForm(mine(.differences, differences, stored.differencesVersion), csrfToken: req.csrfToken),
            rulesForm(mine(.rules, stored.rules.fields, stored.rulesVersion), csrfToken: req.csrfToken),
            criteriaForm(mine(.criteria, stored.criteria.fields, stored.criteriaVersion), csrfToken: req.csrfToken),
            feesForm(mine(.fees, stored.fees.fields, stored.feesVersion), csrfToken: req.csrfToken),
        ])
    }

    private static func differencesForm(_ state: Submitted, csrfToken: String) -> BodyNode {
        let form = BoundForm(fields: state.fields, problems: state.problems)
        let errors = DifferenceSettings.questionnaires.compactMap { definition in
            state.problems[DifferenceSettings.key(definition.id)].map { (name: DifferenceSettings.key(definition.id), message: $0) }
        }
        return settingsForm("Minimal important differences", SitePath.clinicalSettings(), state, errors: errors, csrfToken: csrfToken, [
            .tag("p", text: "A change in score at least this large counts as improved or worse on the chart. Leave a field empty to use the default shown."),
            .group(DifferenceSettings.questionnaires.map { definition in
                let hint = definition.minimalImportantDifference.map { mid in
                    "Default \(Figures.text(mid.value)) (\(mid.source.citation))" + (mid.source.needsVerification ? " — verify against current guideline." : ".")
                } ?? "No default: changes are shown without a verdict."
                return form.number(DifferenceSettings.key(definition.id), "\(definition.title), \(definition.scoreLabel)", hint: hint,
                                   decimal: true, narrow: true)
            }),
        ])
    }

    private static func rulesForm(_ state: Submitted, csrfToken: String) -> BodyNode {
        let form = BoundForm(fields: state.fields, problems: state.problems)
        let shipped = WorkupDeadlines()
        let source = OpioidSummary.benzodiazepineSource
        let errors = [PracticeRules.alertField, "workupOpenDays", "workupReviewDays"].compactMap { name in
            state.problems[name].map { (name: name, message: $0) }
        }
        return settingsForm("Rules", SitePath.clinicalRules(), state, errors: errors, csrfToken: csrfToken, [
            .tag("p", text: "Leave a field empty to keep Relief's default; a later correction of the default then reaches this practice too."),
            Forms.select(PracticeRules.alertField, label: "Alert when an opioid is taken with a benzodiazepine",
                         options: Forms.options(PracticeRules.Switch.self), selected: state.fields[PracticeRules.alertField],
                         error: state.problems[PracticeRules.alertField],
                         placeholder: "Default: show it (\(source.citation)\(source.needsVerification ? " — verify against current guideline" : ""))"),
            form.number("workupOpenDays", "Days before an open work-up order is overdue", hint: "Default \(shipped.openDays).", narrow: true),
            form.number("workupReviewDays", "Days before a result waiting for review is overdue", hint: "Default \(shipped.reviewDays).", narrow: true),
        ])
    }

    private static func criteriaForm(_ state: Submitted, csrfToken: String) -> BodyNode {
        let form = BoundForm(fields: state.fields, problems: state.problems)
        let names = Criterion.allCases.map(\.rawValue) + AntithromboticHolds.adjustable.map(DecisionCriteria.holdField)
        let errors = names.compactMap { name in state.problems[name].map { (name: name, message: $0) } }
        return settingsForm("Decision-support criteria", SitePath.clinicalCriteria(), state, errors: errors, csrfToken: csrfToken, [
            .tag("p", [], [
                .text("The numbers the procedure checks compare against: payer criteria (Medicare LCD defaults) and the practice's own limits. "
                      + "Leave a field empty to keep the default shown. A payer whose policy differs gets its own numbers: "),
                .link("criteria by payer", to: SitePath.payerCriteria()),
                .text(". When procedures are followed up: "),
                .link("the follow-up schedule", to: SitePath.followUpSettings()),
                .text("."),
            ]),
            .group(Criterion.allCases.map { criterion in
                let hint = criterion.shipped.map { shipped in
                    "Default \(shipped.value) (\(shipped.source.citation))" + (shipped.source.needsVerification ? " — verify against current guideline." : ".")
                } ?? "No default: the check is skipped until the practice sets one."
                return form.number(criterion.rawValue, criterion.title, hint: hint, narrow: true)
            }),
            .tag("h3", text: "Holds to verify"),
            .tag("p", [("class", "hint")], text: "Days to stop these before a high- or intermediate-risk procedure. Their shipped holds are commonly "
                 + "cited values the reference leaves unconfirmed: verify against current guideline, or set the practice's own."),
            .tag("div", [("class", "grid")], AntithromboticHolds.adjustable.map { drug in
                let shipped = AntithromboticHolds.rule(drugID: drug).map { "Default: \($0.hold(for: .high).text)" + ($0.note.map { "; \($0)" } ?? "") }
                return form.number(DecisionCriteria.holdField(drug), "\(DrugCatalogue.drug(drug)?.name ?? drug): days", hint: shipped, narrow: true)
            }),
        ])
    }

    private static func feesForm(_ state: Submitted, csrfToken: String) -> BodyNode {
        let form = BoundForm(fields: state.fields, problems: state.problems)
        let errors = FeeSchedule.codes.compactMap { code in state.problems[FeeSchedule.field(code.code)].map { (name: FeeSchedule.field(code.code), message: $0) } }
        return settingsForm("Fee schedule", SitePath.feeSchedule(), state, errors: errors, csrfToken: csrfToken, [
            .tag("p", text: "The amount the practice expects to be allowed per unit of each code, for cost estimates. A code left empty is "
                 + "named in an estimate as not priced. CPT codes with our own short labels; CPT descriptors are © AMA."),
            .tag("div", [("class", "grid")], FeeSchedule.codes.map { code in
                form.number(FeeSchedule.field(code.code), "\(code.isAddOn ? "+" : "")\(code.code) \(code.label) ($)", decimal: true, narrow: true)
            }),
        ])
    }

    private static func settingsForm(_ title: String, _ action: String, _ state: Submitted, errors: [(name: String, message: String)],
                                     csrfToken: String, _ content: [BodyNode]) -> BodyNode {
        .tag("section", [("aria-label", title)], [
            .tag("h2", text: title),
            .unwrap(state.conflict) { .tag("div", [("class", "notice warning"), ("role", "alert")], text: $0) },
            Forms.errorSummary(errors),
            .tag("form", [("method", "post"), ("action", action), ("novalidate", nil)], [
                Forms.csrf(csrfToken),
                Forms.hidden("version", String(state.version)),
                .group(content),
                .tag("div", [("class", "actions")], [Forms.submit("Save")]),
            ]),
        ])
    }
}
