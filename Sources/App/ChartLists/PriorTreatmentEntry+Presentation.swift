import Plot
import ReliefCore

extension PriorTreatmentEntry: ChartEntryPresentation {
    static let fieldOrder = ["kind", "detail", "startDate", "weeks", "sessions", "reliefPercent", "reliefWeeks", "result", "note"]

    static func formControls(_ form: BoundForm) -> [BodyNode] {
        [
            Forms.section("Treatment", [
                form.choose("kind", "Kind", PriorTreatmentKind.self, required: true),
                form.text("detail", "What exactly", hint: "The drug, the procedure and level, the therapist or clinic."),
                Forms.row([
                    form.text("startDate", "Started", hint: "MM/DD/YYYY"),
                    form.number("weeks", "Weeks tried"),
                    form.number("sessions", "Sessions"),
                ]),
            ]),
            Forms.section("How it worked", [
                Forms.row([
                    form.number("reliefPercent", "Relief (%)", hint: "0–100"),
                    form.number("reliefWeeks", "Relief lasted (weeks)"),
                    form.choose("result", "Result", TreatmentResult.self),
                ]),
                form.area("note", "Note", rows: 2),
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
