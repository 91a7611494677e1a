import Plot
import ReliefCore

extension LabResultEntry: ChartEntryPresentation {
    static let fieldOrder = ["test", "loinc", "number", "unit", "text", "referenceRange", "flag", "resultedOn", "note"]

    static func newFields(today: CalendarDate) -> FormFields { FormFields([("resultedOn", today.display)]) }

    static func formControls(_ form: BoundForm) -> [BodyNode] {
        [
            Forms.section("Result", [
                Forms.row([
                    form.text("test", "Test", hint: "As the report names it: INR, platelets, HbA1c, creatinine", required: true),
                    form.text("loinc", "LOINC code", hint: "When the report gives it, e.g. 6301-6"),
                ]),
                Forms.row([
                    form.number("number", "Value", decimal: true, narrow: true), form.text("unit", "Unit", hint: "mg/dL, %, 10*3/uL"),
                    form.text("text", "Or in words", hint: "Negative, trace"),
                ]),
                Forms.row([
                    form.text("referenceRange", "Reference range", hint: "As printed"), form.choose("flag", "Flag", LabFlag.self),
                    form.text("resultedOn", "Resulted", hint: "MM/DD/YYYY", required: true),
                ]),
                form.area("note", "Note", hint: "The laboratory, who sent it.", rows: 2),
            ]),
        ]
    }

    static let columns = ["Resulted", "Test", "Value", "Reference range", "Flag"]

    var cells: [String] { [resultedOn.display, test, value, referenceRange, flag?.title ?? ""] }
}
