import Foundation
import Plot
import ReliefCore

/// The treatment options page: a candidate's check (verdict, reasons, holds, every rule with its facts and source)
/// above the catalogue's candidates ranked for the patient's diagnoses.
enum DecisionSupportPages {
    struct Model {
        let patientID: UUID
        let form: BoundForm
        let decision: Decision?
        let candidates: [Decision]
        let today: CalendarDate
        let estimate: CostEstimateQueries.Priced?
        /// The user may prepare consents.
        let canPrepareConsent: Bool
    }

    static func render(_ model: Model) -> [BodyNode] {
        let form = checkForm(model)
        return [
            .tag("h1", text: "Treatment options"),
            .tag("p", [("class", "muted")], text: "Decision support advises; the clinician decides. Each verdict names the rules behind it, the facts "
                 + "from the chart they used and their source. Catalogue \(InterventionCatalogue.version)."),
            Forms.errorSummary(model.form.errors),
            form,
            .unwrap(model.decision) { verdict($0, consentLink: model.canPrepareConsent ? ConsentPages.prepareLink(patientID: model.patientID, $0.candidate, planID: nil) : nil) },
            .unwrap(model.estimate) { CostEstimatePages.render($0) },
            candidates(model),
        ]
    }

    private static func checkForm(_ model: Model) -> BodyNode {
        let form = model.form
        return .tag("form", [("method", "get"), ("action", SitePath.decisionSupport(model.patientID)), ("class", "card"), ("novalidate", nil)], [
            .tag("h2", text: "Check a procedure or plan component"),
            form.intervention("intervention", "Intervention", procedures: false),
            Forms.row([
                form.choose("region", "Region", BodyArea.self, required: true),
                form.text("levels", "Levels", hint: "Like L4-L5, L5-S1"),
                form.choose("side", "Side", Laterality.self),
                form.text("date", "Planned date", hint: "MM/DD/YYYY; today when empty"),
            ]),
            Forms.row([
                form.choose("steroid", "Steroid", Steroid.self),
                form.number("steroidMg", "Steroid dose (mg)", decimal: true),
            ]),
            .tag("div", [("class", "actions")], [Forms.submit("Check")]),
        ])
    }

    private static func verdict(_ decision: Decision, consentLink: String?) -> BodyNode {
        let site = decision.candidate.site
        let reasons = decision.reasons
        return .tag("section", [("class", "card decision verdict-\(decision.verdict.rawValue)"), ("aria-labelledby", "verdict-heading")], [
            .tag("h2", [("id", "verdict-heading")], text: decision.verdict.title),
            .tag("p", [], [.tag("strong", text: site.label), .text(" in the \(site.region.title.lowercased()) region on \(decision.candidate.date.display)"),
                           .unwrap(decision.bleedingRisk) { .text(" · \($0.title.lowercased())") }]),
            reasons.isEmpty
                ? .tag("p", text: "Every rule that applies is met.")
                : .tag("ul", [("class", "reasons")], reasons.map { reason in
                    .tag("li", [], [.text(reason.message), .if(!reason.facts.isEmpty, .tag("span", [("class", "muted")], text: " From the chart: " + reason.facts.joined(separator: "; ") + "."))])
                }),
            .if(!decision.holds.isEmpty, holds(decision.holds)),
            .unwrap(advice(decision)) { $0 },
            .unwrap(decision.candidate.intervention.isProcedure ? consentLink : nil) { .tag("p", [], [.link("Prepare the consent for it", to: $0, [("class", "button secondary")])]) },
            .tag("details", [("class", "all-rules")], [
                .tag("summary", text: "Every rule checked (\(decision.rules.count))"),
                .tag("table", [("class", "list")], [
                    .tableHead(["Rule", "Finding", "Facts used", "Source"]),
                    .tag("tbody", [], decision.rules.map { rule in
                        .tag("tr", [("class", "outcome-\(rule.outcome.rawValue)")], [
                            .tag("td", [], [.tag("code", text: rule.id)]),
                            .tag("td", [], [.tag("strong", text: rule.outcome.title + ". "), .text(rule.message)]),
                            .tag("td", text: rule.facts.joined(separator: "; ")),
                            .tag("td", [], [ClinicalSourceNote.render(rule.source)]),
                        ])
                    }),
                ]),
            ]),
        ])
    }

    private static func advice(_ decision: Decision) -> BodyNode? {
        let advice = decision.rules.filter { $0.outcome == .advice }
        return advice.isEmpty ? nil : .tag("div", [("class", "notice info")], advice.map { .tag("p", text: $0.message) })
    }

    private static func holds(_ holds: [Hold]) -> BodyNode {
        .group([
            .tag("h3", text: "Before the procedure"),
            .tag("table", [("class", "list holds")], [
                .tableHead(["Medicine", "Hold", "Last dose", "Restart", "Checks"]),
                .tag("tbody", [], holds.map { hold in
                    .tag("tr", [], [
                        .tag("td", text: hold.medication),
                        .tag("td", [], [.text(hold.duration.text), .unwrap(hold.note) { .tag("p", [("class", "hint")], text: $0) },
                                        ClinicalSourceNote.render(hold.source)]),
                        .tag("td", text: hold.lastDoseOn?.display ?? "—"),
                        .tag("td", text: hold.restartOn.map { "\($0.display) (\(hold.restartAfterHours ?? 0) h after)" } ?? "Ask the prescriber"),
                        .tag("td", text: hold.checks.joined(separator: "; ")),
                    ])
                }),
            ]),
        ])
    }

    /// The treatment options page checking `candidate`: its site and day as the check form's query.
    static func checkLink(patientID: UUID, _ candidate: Candidate) -> String {
        SitePath.decisionSupport(patientID) + queryString(candidate.site.fields() + [("date", candidate.date.description)])
    }

    /// "?name=value&…" of the non-empty values, encoded.
    static func queryString(_ pairs: [(String, String?)]) -> String {
        var components = URLComponents()
        components.queryItems = pairs.compactMap { name, value in value.flatMap { $0.isEmpty ? nil : URLQueryItem(name: name, value: $0) } }
        return "?" + (components.percentEncodedQuery ?? "")
    }

    private static func candidates(_ model: Model) -> BodyNode {
        .tag("section", [("class", "card"), ("aria-labelledby", "candidates-heading")], [
            .tag("h2", [("id", "candidates-heading")], text: "Candidates for this patient's diagnoses"),
            model.candidates.isEmpty
                ? .tag("p", [("class", "muted")], text: "No coded active diagnosis yet: add diagnoses from the catalogue to see candidates.")
                : .tag("table", [("class", "list candidates")], [
                    .tableHead(["Intervention", "Region", "Verdict", "Why"]),
                    .tag("tbody", [], model.candidates.map { decision in
                        let site = decision.candidate.site
                        return .tag("tr", [("class", "verdict-\(decision.verdict.rawValue)")], [
                            .tag("td", [], [.link(site.intervention.name, to: checkLink(patientID: model.patientID, decision.candidate))]),
                            .tag("td", text: site.region.title),
                            .tag("td", text: decision.verdict.title),
                            .tag("td", text: decision.reasons.prefix(2).map(\.message).joined(separator: " ")),
                        ])
                    }),
                ]),
        ])
    }
}
