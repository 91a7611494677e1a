import Foundation
import Plot
import ReliefCore

/// The practice's name, NPI, address and phone: what other systems see as its FHIR Organization (and its rooms'
/// owner).
enum PracticeProfilePage {
    struct Model {
        var fields: FormFields
        var problems: [String: String] = [:]
        var version: Int
        /// What someone else saved meanwhile, shown beside the form that kept this person's typing.
        var theirs: PracticeProfile?
    }

    private static let labels = [
        ("name", "Practice name"), ("npi", "Organisation NPI (type 2)"), ("line", "Street address"), ("city", "City"), ("state", "State"),
        ("postalCode", "ZIP code"), ("phone", "Phone"),
    ]

    static func render(_ model: Model, csrfToken: String) -> [BodyNode] {
        [
            AdminTabs.render(current: SitePath.practiceProfile()),
            .tag("h1", text: "Practice"),
            .tag("p", text: "How other systems know the practice: a hospital or registry reading Relief's FHIR endpoint sees these details as "
                 + "the Organization its rooms belong to. Until the name is given, Relief names no Organization."),
            conflict(model.theirs),
            Forms.errorSummary(labels.compactMap { name, _ in model.problems[name].map { (name: name, message: $0) } }),
            .tag("form", [("method", "post"), ("action", SitePath.practiceProfile()), ("class", "narrow")], [
                Forms.csrf(csrfToken),
                Forms.hidden("version", String(model.version)),
                field("name", model, required: true,
                           autocomplete: "organization"),
                field("npi", model,
                           hint: "Ten digits, as the NPPES registry lists the practice.", extra: [("inputmode", "numeric")]),
                field("line", model, autocomplete: "address-line1"),
                Forms.row([
                    field("city", model, autocomplete: "address-level2"),
                    field("state", model, autocomplete: "address-level1",
                               hint: "Two letters, e.g. NY."),
                    field("postalCode", model,
                               autocomplete: "postal-code"),
                ]),
                field("phone", model, type: "tel", autocomplete: "tel"),
                Forms.submit("Save"),
            ]),
        ]
    }

    private static func field(_ name: String, _ model: Model, type: String = "text", required: Bool = false, autocomplete: String? = nil, hint: String? = nil,
                              extra: [(String, String?)] = []) -> BodyNode {
        Forms.text(name, label: labels.first { $0.0 == name }?.1 ?? name, value: model.fields[name], error: model.problems[name], type: type,
                   required: required, autocomplete: autocomplete, hint: hint, extra: extra)
    }

    private static func conflict(_ theirs: PracticeProfile?) -> BodyNode {
        guard let theirs else { return .empty }
        let saved = theirs.fields
        return .tag("div", [("class", "notice warning"), ("role", "alert")], [
            .tag("p", text: "Someone else saved the practice's details while you were editing; nothing of yours was saved. Theirs are below; "
                 + "your typing is kept in the form: save again to replace theirs."),
            .tag("dl", [], labels.filter { !saved[$0.0].isEmpty }.map { name, label -> BodyNode in
                .group([.tag("dt", text: label), .tag("dd", text: saved[name])])
            }),
        ])
    }
}
