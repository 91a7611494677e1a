import Plot
import ReliefCore

/// Payers' own criteria: the list, and the form to add or change one payer's numbers.
enum PayerCriteriaPage {
    struct Model {
        let payers: [PayerCriteria]
        /// The practice's criteria, for the defaults each field falls back to.
        let practice: DecisionCriteria
        let version: Int
        let fields: FormFields
        var problems: [String: String] = [:]
        var conflict: String?
    }

    static func render(_ model: Model, csrfToken: String) -> [BodyNode] {
        [
            .tag("h1", text: "Criteria by payer"),
            .tag("p", text: "A payer's own coverage policy where it differs from the defaults (the Medicare LCDs, or the numbers the practice set "
                 + "on the clinical settings page). The procedure checks use them when the patient's coverage on the planned day is with "
                 + "this payer, matched by name ignoring case, spaces and punctuation. Copy them from the payer's published policy."),
            .tag("p", [], [.link("Back to the clinical settings", to: SitePath.clinicalSettings())]),
            list(model, csrfToken: csrfToken),
            form(model, csrfToken: csrfToken),
        ]
    }

    private static func list(_ model: Model, csrfToken: String) -> BodyNode {
        guard !model.payers.isEmpty else { return .tag("p", [("class", "muted")], text: "No payer has criteria of its own: every payer is checked against the defaults.") }
        return .tag("table", [("class", "list")], [
            .tableHead(["Payer", "Its own numbers", ""]),
            .tag("tbody", [], model.payers.map { row($0, version: model.version, csrfToken: csrfToken) }),
        ])
    }

    private static func row(_ payer: PayerCriteria, version: Int, csrfToken: String) -> BodyNode {
        let numbers: [BodyNode] = Criterion.payerPolicies.compactMap { criterion in
            payer.overrides[criterion].map { .tag("li", text: "\(criterion.title): \($0)") }
        }
        let change = SitePath.payerCriteria() + DecisionSupportPages.queryString([("payer", payer.payer)])
        let remove: BodyNode = .tag("form", [("method", "post"), ("action", SitePath.removePayerCriteria()), ("class", "inline")], [
            Forms.csrf(csrfToken), Forms.hidden("version", String(version)), Forms.hidden("payer", payer.payer), Forms.submit("Remove", secondary: true),
        ])
        return .tag("tr", [], [
            .tag("th", [("scope", "row")], text: payer.payer),
            .tag("td", [], [.tag("ul", [("class", "plain")], numbers)]),
            .tag("td", [], [.tag("div", [("class", "page-actions")], [.link("Change", to: change), remove])]),
        ])
    }

    private static func form(_ model: Model, csrfToken: String) -> BodyNode {
        let form = BoundForm(fields: model.fields, problems: model.problems)
        let controls: [BodyNode] = [
            form.text("payer", "Payer", hint: "As the front desk writes it on coverages, like “Aetna” or “Blue Cross Blue Shield of Ohio”.", required: true),
            .tag("div", [("class", "grid")], Criterion.payerPolicies.map { criterion in
                let fallback = model.practice.value(criterion).map { "Otherwise \($0) (\(model.practice.source(criterion).citation))." }
                return form.number(criterion.rawValue, criterion.title, hint: fallback, narrow: true)
            }),
        ]
        return .tag("section", [("aria-label", "A payer's criteria")], [
            .tag("h2", text: "Add or change a payer's criteria"),
            .unwrap(model.conflict) { .tag("div", [("class", "notice warning"), ("role", "alert")], text: $0) },
            Forms.errorSummary(form.errors),
            .tag("form", [("method", "post"), ("action", SitePath.payerCriteria()), ("novalidate", nil)], [
                Forms.csrf(csrfToken),
                Forms.hidden("version", String(model.version)),
                .tag("p", [("class", "hint")], text: "Fill only the numbers that differ for this payer; saving a payer already listed replaces its numbers."),
                .group(controls),
                .tag("div", [("class", "actions")], [Forms.submit("Save the payer's criteria")]),
            ]),
        ])
    }
}
