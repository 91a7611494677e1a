import Plot
import ReliefCore

extension OutsideVisitEntry: ChartEntryPresentation {
    static let fieldOrder = ["setting", "what", "startOn", "endOn", "reason", "facility", "clinician", "note"]

    static func formControls(_ form: BoundForm) -> [BodyNode] {
        [
            Forms.section("Visit", [
                Forms.row([
                    form.choose("setting", "Where", VisitSetting.self, required: true),
                    form.text("what", "What it was", hint: "Emergency visit, orthopaedic consultation, hospital admission"),
                ]),
                Forms.row([form.text("startOn", "Day", hint: "MM/DD/YYYY", required: true), form.text("endOn", "Last day", hint: "For a stay")]),
                form.text("reason", "Reason", hint: "As the patient or the letter gives it"),
                Forms.row([form.text("facility", "Facility"), form.text("clinician", "Clinician")]),
                form.area("note", "Note", hint: "What was done or given, what was advised.", rows: 2),
            ]),
        ]
    }

    static let columns = ["Day", "Where", "What", "Reason", "Facility"]

    var cells: [String] {
        [endOn.map { "\(startOn.display)–\($0.display)" } ?? startOn.display, setting.title, label, reason, facility]
    }
}
