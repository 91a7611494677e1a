import Foundation
import Plot
import ReliefCore

/// The opioid-safety panel: current opioids and the daily MME over time, each check with its state, facts and
/// source, the steps recorded, and the form to record one. `chartLines` is its short form on the chart.
enum OpioidSafetyPage {
    struct Model {
        let patientID: UUID
        let opioids: OpioidSummary
        let checks: [OpioidSafetyCheck]
        let trend: [TrendChart.Point]
        let records: [String]
        let fields: FormFields
        var problems: [String: String] = [:]
        let canWrite: Bool
    }

    static func render(_ model: Model, csrfToken: String) -> [BodyNode] {
        let threshold = MorphineEquivalents.reassessThreshold
        return [
            .tag("h1", text: "Opioid safety"),
            OpioidCard.render(model.opioids, headingLevel: "h2"),
            TrendChart.render(TrendChart.Model(title: "Daily MME", unit: "MME/day", points: model.trend,
                                               threshold: (threshold.value, "\(Figures.text(threshold.value)) MME"), minimumTop: 60)),
            model.checks.isEmpty ? .tag("p", [("class", "muted")], text: "No current opioids: no checks are due.")
                : .tag("section", [("class", "card"), ("id", "opioid-checks")], [
                    .tag("h2", text: "Checks"),
                    .tag("table", [("class", "list")], [
                        .tableHead(["Check", "State", "Why"]),
                        .tag("tbody", [], model.checks.map { check in
                            .tag("tr", [], [
                                .tag("td", text: check.item.title),
                                .tag("td", [("class", check.state == .overdue ? "overdue" : "")], text: title(check.state)),
                                .tag("td", [], [.text(check.message), .if(!check.facts.isEmpty, .tag("ul", [], check.facts.map { .tag("li", text: $0) })),
                                                ClinicalSourceNote.render(check.source)]),
                            ])
                        }),
                    ]),
                    .tag("p", [("class", "muted")], text: "Urine drug screens come from the work-up: order one there and record its result."),
                ]),
            .if(!model.records.isEmpty, .tag("section", [("class", "card")], [
                .tag("h2", text: "Recorded"), .tag("ul", [], model.records.map { .tag("li", text: $0) }),
            ])),
            .if(model.canWrite, form(model, csrfToken: csrfToken)),
        ]
    }

    private static func form(_ model: Model, csrfToken: String) -> BodyNode {
        let form = BoundForm(fields: model.fields, problems: model.problems)
        return .group([
            Forms.errorSummary(form.errors),
            .tag("form", [("method", "post"), ("action", SitePath.opioidSafety(model.patientID)), ("novalidate", nil), ("class", "card")], [
                .tag("h2", text: "Record a step"), Forms.csrf(csrfToken),
                Forms.row([form.choose("kind", "What", OpioidSafetyKind.self, required: true), form.text("recordedOn", "On", hint: "MM/DD/YYYY", required: true)]),
                Forms.row([form.choose("pdmpResult", "What the PDMP check showed", PDMPResult.self),
                           form.choose("naloxone", "What came of the naloxone offer", NaloxoneOutcome.self)]),
                form.area("note", "Note", hint: "Needed when the PDMP check raised concerns", rows: 2),
                Forms.submit("Record"),
            ]),
        ])
    }

    static func title(_ state: OpioidSafetyCheck.State) -> String {
        switch state {
        case .done: "Done"
        case .dueSoon: "Due soon"
        case .overdue: "Overdue"
        case .notNeeded: "Not needed"
        }
    }

    /// On the chart: the checks needing attention, linked to the panel.
    static func chartLines(_ checks: [OpioidSafetyCheck], patientID: UUID) -> BodyNode {
        let open = checks.filter { $0.state == .overdue || $0.state == .dueSoon }
        guard !checks.isEmpty else { return .empty }
        return .tag("div", [("class", open.contains { $0.state == .overdue } ? "notice warning" : "notice info"), ("id", "opioid-safety")], [
            .tag("p", [], [.tag("strong", text: "Opioid safety: "),
                           .text(open.isEmpty ? "all checks done. " : open.map { "\($0.item.title) \(title($0.state).lowercased())" }.joined(separator: "; ") + ". "),
                           .link("Open the panel", to: SitePath.opioidSafety(patientID))]),
        ])
    }
}
