import Plot
import ReliefCore

extension AllergyEntry: ChartEntryPresentation {
    static let fieldOrder = ["substance", "drug", "otherName", "type", "reaction", "reactionNote", "severity", "status", "note"]

    static var newFields: FormFields {
        var fields = FormFields()
        fields.set("status", AllergyStatus.active.rawValue)
        return fields
    }

    static func formControls(_ form: BoundForm) -> [BodyNode] {
        [
            Forms.section("Substance", [
                form.choose("substance", "Substance", AllergySubstance.self, required: true),
                form.drug("drug", "Drug", hint: "Only when the substance is a drug."),
                form.text("otherName", "Other substance or drug not on the list"),
                form.choose("type", "Type", AllergyType.self),
            ]),
            Forms.section("Reaction", [
                form.boxes("reaction", "What happened", AllergyReaction.self),
                form.text("reactionNote", "Reaction details"),
                Forms.row([
                    form.choose("severity", "Severity", ReactionSeverity.self),
                    form.choose("status", "Status", AllergyStatus.self, required: true),
                ]),
                form.area("note", "Note", hint: "For example: tolerated premedication with prednisone and diphenhydramine.", rows: 2),
            ]),
        ]
    }

    static let columns = ["Substance", "Type", "Reaction", "Severity", "Status"]

    var cells: [String] {
        let reaction = (reactions.filter { $0 != .other }.map(\.title) + [reactionNote].filter { !$0.isEmpty }).joined(separator: ", ")
        return [label, type?.title ?? "", reaction, severity?.title ?? "", allergyStatus.title]
    }
}
