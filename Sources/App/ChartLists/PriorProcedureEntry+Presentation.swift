import Plot
import ReliefCore

extension PriorProcedureEntry: ChartEntryPresentation {
    static let fieldOrder = ["intervention", "region", "levels", "side", "performedOn", "facility", "peakReliefPercent", "reliefWeeks", "note"]

    static func formControls(_ form: BoundForm) -> [BodyNode] {
        [
            Forms.section("Procedure", [
                form.intervention("intervention", "Procedure", procedures: true, hint: "As in the catalogue; the outside report names it."),
                Forms.row([
                    form.choose("region", "Region", BodyArea.self, required: true),
                    form.text("levels", "Levels", hint: "Spinal levels, like L4-L5, L5-S1 (vertebrae for augmentation: L1)"),
                    form.choose("side", "Side", Laterality.self),
                ]),
                Forms.row([
                    form.text("performedOn", "Date", hint: "MM/DD/YYYY; the 1st of the month when only the month is known", required: true),
                    form.text("facility", "Where", hint: "The facility or physician"),
                ]),
            ]),
            Forms.section("How it worked", [
                Forms.row([
                    form.number("peakReliefPercent", "Peak relief (%)", hint: "0–100"),
                    form.number("reliefWeeks", "Weeks with at least 50 % relief", hint: "0 when it never reached 50 %"),
                ]),
                form.area("note", "Note", rows: 2),
            ]),
        ]
    }

    static let columns = ["Procedure", "Date", "Where", "Peak relief", "≥ 50 % relief lasted"]

    var cells: [String] {
        [label, performedOn.display, facility, peakReliefPercent.map { "\($0)%" } ?? "", reliefWeeks.map { "\($0) weeks" } ?? ""]
    }
}

extension Forms {
    /// The catalogue's entries by category (only procedures, when `procedures`).
    static func interventionGroups(procedures: Bool) -> [(String, [Option])] {
        InterventionCategory.allCases.filter { !procedures || $0.isProcedure }.map { category in
            (category.title, InterventionCatalogue.all.filter { $0.category == category }.map { Option(value: $0.id, title: $0.name) })
        }
    }
}

extension BoundForm {
    func intervention(_ name: String, _ label: String, procedures: Bool, hint: String? = nil) -> BodyNode {
        note(name, label, title: { InterventionCatalogue.intervention($0)?.name })
        return Forms.groupedSelect(name, label: label, groups: Forms.interventionGroups(procedures: procedures), selected: fields[name],
                                   error: problems[name], hint: hint, required: true)
    }
}
