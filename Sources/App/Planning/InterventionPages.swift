import Plot
import ReliefCore

/// The intervention catalogue's pages: a list to browse and narrow, and one entry with everything a plan, a consent
/// and a claim draw from it, each clinical value with its source.
enum InterventionPages {
    /// The list's filter as typed, with a problem per field for a value not on its list.
    struct Filter {
        var pain: String
        var region: String
        var problems: [String: String] = [:]
    }

    static func index(filter: Filter, entries: [Intervention]) -> [BodyNode] {
        let categories = InterventionCategory.allCases.filter { category in entries.contains { $0.category == category } }
        return [
            .tag("h1", text: "Intervention catalogue"),
            .tag("p", [("class", "muted")], text: "Catalogue \(InterventionCatalogue.version): every technique the practice offers and the rest of a "
                 + "multimodal plan, with indications, coding, bleeding-risk class, evidence, risks, preparation and aftercare."),
            filterForm(filter),
            .if(entries.isEmpty, .tag("p", text: "No intervention matches this kind of pain in this region.")),
        ] + categories.map { category in
            .tag("section", [("class", "card")], [
                .tag("h2", text: category.title),
                .tag("table", [("class", "list interventions")], [
                    .tableHead(["Intervention", "Purpose", "Regions", "Codes", "Bleeding risk", "Evidence"]),
                    .tag("tbody", [], entries.filter { $0.category == category }.map(row)),
                ]),
            ])
        }
    }

    private static func filterForm(_ filter: Filter) -> BodyNode {
        .tag("form", [("method", "get"), ("action", SitePath.interventions()), ("class", "filter")], [
            Forms.errorSummary(["pain", "region"].compactMap { name in filter.problems[name].map { (name, $0) } }),
            Forms.row([
                Forms.select("pain", label: "Kind of pain", options: Forms.options(PainKind.self), selected: filter.pain,
                             error: filter.problems["pain"], placeholder: "Any"),
                Forms.select("region", label: "Region", options: Forms.options(BodyArea.self), selected: filter.region,
                             error: filter.problems["region"], placeholder: "Any"),
            ]),
            .tag("div", [("class", "actions")], [Forms.submit("Show"), .link("Show all", to: SitePath.interventions())]),
        ])
    }

    private static func row(_ entry: Intervention) -> BodyNode {
        .tag("tr", [], [
            .tag("td", [], [.link(entry.name, to: SitePath.intervention(entry.id))]),
            .tag("td", text: entry.purpose.title.components(separatedBy: ":").first ?? ""),
            .tag("td", text: entry.regions.count == BodyArea.allCases.count ? "Any" : entry.regions.map(\.title).joined(separator: "; ")),
            .tag("td", text: Set(entry.billing.flatMap { $0.perLevel.prefix(1) }.map(\.code)).sorted().joined(separator: ", ")),
            .tag("td", text: entry.bleedingRisk.map { $0.value.title } ?? "—"),
            .tag("td", [("class", entry.evidence.strength.isWeak ? "weak-evidence" : "")], text: entry.evidence.strength.title),
        ])
    }

    static let sections = ["What it is for", "How it is done", "What to expect", "Evidence", "Risks", "Preparation and aftercare", "Coding"]

    static func show(_ entry: Intervention) -> [BodyNode] {
        [
            .tag("p", [], [.link("← Intervention catalogue", to: SitePath.interventions())]),
            .tag("h1", text: entry.name),
            .tag("p", [("class", "muted")], text: "\(entry.category.title) · \(entry.purpose.title) · catalogue \(InterventionCatalogue.version) · id \(entry.id)"),
            .if(entry.evidence.strength.isWeak, .tag("p", [("class", "notice warning")], text: "\(entry.evidence.strength.title): \(entry.evidence.text)")),
            SectionNav.render(entry.isProcedure ? sections : Array(sections.dropLast())),
            section("What it is for", [
                facts([("Treats", entry.indications.map(\.title).joined(separator: "; ")),
                       ("Regions", entry.regions.map(\.title).joined(separator: "; ")),
                       ("Done first", entry.prerequisite.flatMap(InterventionCatalogue.intervention).map(\.name))]),
                .tag("h3", text: "Alternatives"),
                .tag("ul", [], entry.alternatives.compactMap(InterventionCatalogue.intervention).map { alternative in
                    .tag("li", [], [.link(alternative.name, to: SitePath.intervention(alternative.id))])
                } + [.tag("li", text: "Doing nothing: no procedure, with its own risks of the pain going on")]),
                ClinicalSourceNote.render(entry.source),
            ]),
            section("How it is done", [
                facts([("Guidance", entry.guidance.map(\.title).joined(separator: "; ")), ("Anaesthesia", entry.anaesthesia.title),
                       ("Levels", entry.levelUnit.map { $0 == .segment ? "Named as motion segments (L4-L5)" : "Named as vertebrae (L1)" }),
                       ("Sides", sides(entry.bilateral)),
                       ("Uses", uses(entry).isEmpty ? nil : uses(entry).joined(separator: ", ")),
                       ("Bleeding risk", entry.bleedingRisk.map(\.value.title))]),
                .unwrap(entry.bleedingRisk) { ClinicalSourceNote.render($0.source) },
            ]),
            section("What to expect", [
                facts([("Onset", entry.onset), ("How long it lasts", entry.duration),
                       ("Follow-up", entry.followUpDays.map(interval).joined(separator: ", ") + " after")]),
            ]),
            section("Evidence", [
                .tag("p", [], [.tag("strong", text: entry.evidence.strength.title + ". "), .text(entry.evidence.text)]),
                ClinicalSourceNote.render(entry.evidence.source),
            ]),
            section("Risks", [
                .tag("h3", text: "Every procedure"),
                .tag("ul", [], entry.generalRisks.map { .tag("li", text: $0.title) }),
                .if(!entry.specificRisks.isEmpty, .group([.tag("h3", text: "This one"), .tag("ul", [], entry.specificRisks.map { .tag("li", text: $0) })])),
            ]),
            section("Preparation and aftercare", [
                .tag("h3", text: "Before"), .tag("ul", [], entry.preparation.map { .tag("li", text: $0) }),
                .tag("h3", text: "After"), .tag("ul", [], entry.aftercare.map { .tag("li", text: $0) }),
            ]),
            .if(entry.isProcedure, section("Coding", [
                .tag("table", [("class", "list")], [
                    .tableHead(["Regions", "First level", "Further levels", "Once per session", "Both sides"]),
                    .tag("tbody", [], entry.billing.map(codingRow)),
                ]),
                .tag("p", [("class", "muted")], text: "CPT codes with our own short labels; CPT descriptors are © AMA."),
            ])),
        ]
    }

    /// 7 → "1 week", 42 → "6 weeks", 90 → "3 months".
    private static func interval(_ days: Int) -> String {
        let (count, unit) = days < 14 ? (days, "day") : days < 84 ? (days / 7, "week") : (days / 30, "month")
        return "\(count) \(unit)\(count == 1 ? "" : "s")"
    }

    private static func section(_ title: String, _ content: [BodyNode]) -> BodyNode {
        .tag("section", [("class", "card"), ("id", SectionNav.anchor(title))], [.tag("h2", text: title)] + content)
    }

    private static func facts(_ pairs: [(String, String?)]) -> BodyNode {
        .tag("dl", [("class", "facts")], pairs.compactMap { term, value in
            value.map { BodyNode.group([.tag("dt", text: term), .tag("dd", text: $0)]) }
        })
    }

    private static func sides(_ rule: BilateralRule) -> String {
        switch rule {
        case .modifier50: "Left, right or both in one session (both billed with modifier 50)"
        case .notAllowed: "One side per session"
        case .noSide: "No side: midline or systemic"
        }
    }

    private static func uses(_ entry: Intervention) -> [String] {
        [(entry.usesSteroid, "steroid"), (entry.usesLocalAnaesthetic, "local anaesthetic"), (entry.usesContrast, "contrast dye"),
         (entry.isImplant, "an implanted device")].filter(\.0).map(\.1)
    }

    private static func codingRow(_ billing: Billing) -> BodyNode {
        let label = { (code: BillingCode) in "\(code.isAddOn ? "+" : "")\(code.code) \(code.label)" }
        return .tag("tr", [], [
            .tag("td", text: BodyArea.allCases.filter(billing.regions.contains).map(\.title).joined(separator: "; ")),
            .tag("td", text: billing.perLevel.first.map(label) ?? ""),
            .tag("td", text: billing.perLevel.dropFirst().map(label).joined(separator: "; ")),
            .tag("td", text: billing.once.map(label).joined(separator: "; ")),
            .tag("td", [], [.text(billing.bilateral == .modifier50 ? "Modifier 50" : billing.bilateral == .notAllowed ? "Not billed" : "—"),
                            .unwrap(billing.note) { .tag("p", [("class", "hint")], text: $0) }, ClinicalSourceNote.render(billing.source)]),
        ])
    }
}
