import Foundation
import Plot
import ReliefCore

/// The letter to the referring physician before it is kept: Relief's draft from the signed note, or what was typed.
enum LetterForm {
    struct Model {
        let patientID: UUID
        let evaluationID: UUID
        let visit: String
        let fields: FormFields
        let problems: [String: String]
    }

    static let labels = [("recipient", "To"), ("text", "Letter")]

    static func render(_ model: Model, csrfToken: String) -> [BodyNode] {
        let errors = labels.compactMap { name, label in model.problems[name].map { (name: name, message: "\(label): \($0)") } }
        return [
            .tag("h1", text: "Letter to the referring physician"),
            .tag("p", [("class", "lead")], text: "Drafted from the signed note (\(model.visit)). Change anything you wish: "
                + "the letter is kept as you save it, and opens ready to print."),
            Forms.errorSummary(errors),
            .tag("form", [("method", "post"), ("action", SitePath.evaluationLetters(model.patientID, model.evaluationID)), ("novalidate", nil),
                          ("class", "card")], [
                Forms.csrf(csrfToken),
                Forms.text("recipient", label: "To", value: model.fields["recipient"], error: model.problems["recipient"], required: true,
                           hint: "The physician and practice, as the letter should name them."),
                Forms.textarea("text", label: "Letter", value: model.fields["text"], error: model.problems["text"], required: true,
                               hint: "Up to \(VisitLetter.textLimit) characters.", rows: 24),
                .tag("div", [("class", "actions")], [
                    Forms.submit("Save and print"),
                    .link("Back to the note", to: SitePath.evaluation(model.patientID, model.evaluationID)),
                ]),
            ]),
        ]
    }
}
