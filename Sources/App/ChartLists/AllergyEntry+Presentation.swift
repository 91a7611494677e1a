import Plot
import ReliefCore

extension AllergyEntry: ChartEntryPresentation {
    static let fieldOrder = ["substance", "drug", "otherName", "type", "reaction", "reactionNote", "severity", "status", "note"]

    static var newFields: FormFields {
        var fields = FormFields()
        fields.set("status", AllergyStatus.active.rawValue)
        return fields
    }

    static func formControls(_ fields: FormFields, problems: [String: String]) -> [BodyNode] {
        func select<C: Coded>(_ name: String, _ label: String, _ type: C.Type, required: Bool = false) -> BodyNode {
            Forms.select(name, label: label, options: Forms.options(type), selected: fields[name], error: problems[name], required: required)
        }
        return [
            .tag("fieldset", [("class", "form-section")], [
                .tag("legend", text: "Substance"),
                select("substance", "Substance", AllergySubstance.self, required: true),
                Forms.drugSelect("drug", label: "Drug", selected: fields["drug"], error: problems["drug"],
                                 hint: "Only when the substance is a drug."),
                Forms.text("otherName", label: "Other substance or drug not on the list", value: fields["otherName"],
                           error: problems["otherName"]),
                select("type", "Type", AllergyType.self),
            ]),
            .tag("fieldset", [("class", "form-section")], [
                .tag("legend", text: "Reaction"),
                Forms.checkboxes("reaction", legend: "What happened", options: Forms.options(AllergyReaction.self),
                                 checked: fields.values("reaction"), error: problems["reaction"]),
                Forms.text("reactionNote", label: "Reaction details", value: fields["reactionNote"], error: problems["reactionNote"]),
                .tag("div", [("class", "field-row")], [
                    select("severity", "Severity", ReactionSeverity.self),
                    select("status", "Status", AllergyStatus.self, required: true),
                ]),
                Forms.textarea("note", label: "Note", value: fields["note"], error: problems["note"],
                               hint: "For example: tolerated premedication with prednisone and diphenhydramine.", rows: 2),
            ]),
        ]
    }

    static let columns = ["Substance", "Type", "Reaction", "Severity", "Status"]

    var cells: [String] {
        let reaction = (reactions.filter { $0 != .other }.map(\.title) + [reactionNote].filter { !$0.isEmpty }).joined(separator: ", ")
        return [label, type?.title ?? "", reaction, severity?.title ?? "", allergyStatus.title]
    }
}
