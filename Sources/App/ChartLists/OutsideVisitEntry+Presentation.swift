import Plot
import ReliefCore
import Vapor

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

    static func shown(_ req: Request, patientID: UUID, _ entries: [(UUID, OutsideVisitEntry)]) async throws -> [(UUID, OutsideVisitEntry)] {
        newestFirst(entries)
    }

    /// Newest first, whatever order they were typed or imported in.
    static func newestFirst(_ entries: [(UUID, OutsideVisitEntry)]) -> [(UUID, OutsideVisitEntry)] {
        entries.sorted { $0.1.startOn > $1.1.startOn }
    }
}
