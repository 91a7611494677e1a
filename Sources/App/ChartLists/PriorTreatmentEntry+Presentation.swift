import Plot
import ReliefCore

extension PriorTreatmentEntry: ChartEntryPresentation {
    static let fieldOrder = ["kind", "detail", "startDate", "weeks", "sessions", "reliefPercent", "reliefWeeks", "result", "note"]

    static func formControls(_ fields: FormFields, problems: [String: String]) -> [BodyNode] {
        func text(_ name: String, _ label: String, hint: String? = nil, numeric: Bool = false) -> BodyNode {
            Forms.text(name, label: label, value: fields[name], error: problems[name], hint: hint,
                       extra: numeric ? [("inputmode", "numeric")] : [])
        }
        return [
            .tag("fieldset", [("class", "form-section")], [
                .tag("legend", text: "Treatment"),
                Forms.select("kind", label: "Kind", options: Forms.options(PriorTreatmentKind.self), selected: fields["kind"],
                             error: problems["kind"], required: true),
                text("detail", "What exactly", hint: "The drug, the procedure and level, the therapist or clinic."),
                .tag("div", [("class", "field-row")], [
                    text("startDate", "Started", hint: "MM/DD/YYYY"),
                    text("weeks", "Weeks tried", numeric: true),
                    text("sessions", "Sessions", numeric: true),
                ]),
            ]),
            .tag("fieldset", [("class", "form-section")], [
                .tag("legend", text: "How it worked"),
                .tag("div", [("class", "field-row")], [
                    text("reliefPercent", "Relief (%)", hint: "0–100", numeric: true),
                    text("reliefWeeks", "Relief lasted (weeks)", numeric: true),
                    Forms.select("result", label: "Result", options: Forms.options(TreatmentResult.self), selected: fields["result"],
                                 error: problems["result"]),
                ]),
                Forms.textarea("note", label: "Note", value: fields["note"], error: problems["note"], rows: 2),
            ]),
        ]
    }

    static let columns = ["Treatment", "Started", "Tried", "Relief", "Result"]

    var cells: [String] {
        let tried = [weeks.map { "\($0) weeks" }, sessions.map { "\($0) sessions" }].compactMap { $0 }.joined(separator: ", ")
        let relief = [reliefPercent.map { "\($0)%" }, reliefWeeks.map { "for \($0) weeks" }].compactMap { $0 }.joined(separator: " ")
        return [label, startDate?.display ?? "", tried, relief, result?.title ?? ""]
    }
}
