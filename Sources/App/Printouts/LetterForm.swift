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

    static func render(_ model: Model, csrfToken: String) -> [BodyNode] {
        let form = BoundForm(fields: model.fields, problems: model.problems)
        // Drawn first, so the summary above it names each field by its label.
        let body: BodyNode = .tag("form", [("method", "post"), ("action", SitePath.evaluationLetters(model.patientID, model.evaluationID)),
                                           ("novalidate", nil), ("class", "card")], [
            Forms.csrf(csrfToken),
            form.text("recipient", "To", hint: "The physician and practice, as the letter should name them.", required: true),
            form.area("text", "Letter", hint: "Up to \(VisitLetter.textLimit) characters.", rows: 24, required: true),
            .tag("div", [("class", "actions")], [
                Forms.submit("Save and print"),
                .link("Back to the note", to: SitePath.evaluation(model.patientID, model.evaluationID)),
            ]),
        ])
        return [
            .tag("h1", text: "Letter to the referring physician"),
            .tag("p", [("class", "lead")], text: "Drafted from the signed note (\(model.visit)). Change anything you wish: "
                + "the letter is kept as you save it, and opens ready to print."),
            Forms.errorSummary(form.errors),
            body,
        ]
    }
}
