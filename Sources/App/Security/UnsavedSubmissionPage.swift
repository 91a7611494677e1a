import Foundation
import Plot
import ReliefCore

/// The page that gives back a form sent after the session ended: what was typed, and the form to send it on.
enum UnsavedSubmissionPage {
    struct Model {
        let id: UUID
        let path: String
        let fields: [(name: String, value: String)]
        /// What was typed by label, where the form could say; otherwise every field by its name.
        let typed: [(label: String, value: String)]?
        /// "12/05/2026 10:42".
        let keptAt: String
        /// "Müller, Zoë · MRN 00000042", when the form was about a patient.
        let patient: String?
    }

    /// Fields that carry no typing of their own.
    private static let bookkeeping: Set<String> = ["version", "from", UnsavedSubmission.fieldName]

    static func render(_ model: Model, csrfToken: String) -> [BodyNode] {
        let typed = model.typed ?? model.fields.filter { !bookkeeping.contains($0.name) && !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { (label: FieldName.words($0.name), value: $0.value) }
        return [
            .tag("h1", text: "Your typing is back"),
            .tag("p", [], [
                .text("Your session had ended when this form was sent at \(model.keptAt), so nothing of it is saved yet"),
                .unwrap(model.patient) { .group([.text(" for "), .tag("strong", text: $0)]) },
                .text(". It is kept for you alone, for two hours."),
            ]),
            .tag("form", [("method", "post"), ("action", model.path), ("class", "unsaved-form")],
                 [Forms.csrf(csrfToken), Forms.hidden(UnsavedSubmission.fieldName, model.id.uuidString)]
                    + model.fields.map { Forms.hidden($0.name, $0.value) } + [
                        .tag("p", [("class", "hint")], text: "Sent as typed. If anything needs attention, the form comes back with your text in it; if someone changed the record meanwhile, Relief says so rather than overwrite it."),
                        .tag("div", [("class", "actions")], [Forms.submit("Send it as typed")]),
                    ]),
            .tag("table", [("class", "list unsaved-fields")], [
                .tag("caption", text: "What you typed"),
                .tableHead(["Field", "Typed"]),
                .tag("tbody", [], typed.map { field in
                    .tag("tr", [], [.tag("th", [("scope", "row")], text: field.label),
                                    .tag("td", [("class", "typed")], text: field.value)])
                }),
            ]),
            .tag("form", [("method", "post"), ("action", SitePath.discardUnsaved())], [
                Forms.csrf(csrfToken),
                .tag("div", [("class", "actions")], [Forms.submit("Discard it", secondary: true)]),
            ]),
        ]
    }
}
