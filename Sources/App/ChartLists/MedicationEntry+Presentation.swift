import Foundation
import Plot
import ReliefCore
import Vapor

extension MedicationEntry: ChartEntryPresentation {
    static let fieldOrder = ["drug", "otherName", "strength", "unit", "unitsPerDose", "frequency", "frequencyCount", "maxDosesPerDay",
                             "route",
                             "instructions", "startDate", "endDate", "prescriber", "indication", "status"]

    static var newFields: FormFields {
        var fields = FormFields()
        fields.set([("status", MedicationStatus.active.rawValue), ("unit", StrengthUnit.milligram.rawValue), ("unitsPerDose", "1")])
        return fields
    }

    static func formControls(_ form: BoundForm) -> [BodyNode] {
        [
            Forms.section("Drug", [
                form.drug("drug", "Drug", hint: "Brand names are listed after each drug. Combination products: choose the opioid."),
                form.text("otherName", "Not on the list", hint: "Type the name only if the drug is not in the list; it is then not classified."),
            ]),
            Forms.section("Dose", [
                Forms.row([
                    form.number("strength", "Strength", hint: "Per tablet, patch or mL", decimal: true),
                    form.choose("unit", "Unit", StrengthUnit.self),
                    form.number("unitsPerDose", "Tablets, patches or mL per dose", decimal: true),
                ]),
                Forms.row([
                    form.choose("frequency", "How often", DoseFrequencyChoice.self),
                    form.number("frequencyCount", "Times a day, or hours apart",
                                hint: "With the last two choices: 1–\(DoseFrequency.timesDailyRange.upperBound) times, 1–\(DoseFrequency.everyHoursRange.upperBound) hours"),
                    form.number("maxDosesPerDay", "As needed: most doses a day", decimal: true),
                ]),
                form.choose("route", "Route", MedicationRoute.self),
                form.area("instructions", "Other instructions", hint: "A taper, or a regimen the fields above cannot say.", rows: 2),
            ]),
            Forms.section("Course", [
                Forms.row([
                    form.text("startDate", "Started", hint: "MM/DD/YYYY"),
                    form.text("endDate", "Stopped", hint: "MM/DD/YYYY"),
                    form.choose("status", "Status", MedicationStatus.self, required: true),
                ]),
                form.text("prescriber", "Prescriber"),
                form.text("indication", "What it is for"),
            ]),
        ]
    }

    static let columns = ["Medication", "Dose", "Daily MME", "Started", "Prescriber", "Status"]

    var cells: [String] {
        let classes = drug.map { $0.classes.sorted { $0.rawValue < $1.rawValue }.map(\.title).joined(separator: ", ") } ?? "not classified (free text)"
        return ["\(label) — \(classes)", doseText, mmeText, startDate?.display ?? "", prescriber, medicationStatus.title]
    }

    var mmeText: String {
        switch dailyMME {
        case .notAnOpioid: ""
        case .value(let amount, _, _): Figures.text(amount)
        case .notComputable: "not computable"
        }
    }

    static func summary(_ req: Request, patientID: UUID, current: [MedicationEntry]) async throws -> [BodyNode] {
        let history = try await ChartEntryQueries.mmeHistory(patientID: patientID, on: req.db)
        let rules = try await PracticeSettings.rules(on: req.db)
        let threshold = MorphineEquivalents.reassessThreshold
        let trend = TrendChart.Model(
            title: "Daily MME", unit: "MME/day",
            points: history.map { TrendChart.Point(date: $0.recordedAt, label: CalendarDate($0.recordedAt).display, value: $0.total) },
            threshold: (threshold.value, "\(Figures.text(threshold.value)) MME"), minimumTop: 60)
        return [OpioidCard.render(OpioidSummary(current, rules: rules), headingLevel: "h2"), TrendChart.render(trend)]
    }
}

/// The opioid picture: each opioid's daily MME with how it was computed, the total, and the alerts.
enum OpioidCard {
    static func render(_ summary: OpioidSummary, headingLevel: String) -> BodyNode {
        guard !summary.lines.isEmpty else { return .tag("p", [("class", "muted")], text: "No current opioids.") }
        return .tag("div", [("class", "opioid-summary")], [
            .tag(headingLevel, text: "Daily opioid dose: \(Figures.text(summary.total)) MME"),
            .tag("ul", [], summary.lines.map { line in
                switch line.mme {
                case .value(let amount, let explanation, let source):
                    .tag("li", [], [.tag("strong", text: "\(line.label): \(Figures.text(amount)) MME/day. "),
                                    .safeText(explanation), ClinicalSourceNote.render(source)])
                case .notComputable(let reason):
                    .tag("li", [], [.tag("strong", text: "\(line.label): not computable. "), .safeText(reason)])
                case .notAnOpioid:
                    .safeText("")
                }
            }),
            .tag("ul", [("class", "alert-list")], summary.alerts.map { alert in
                .tag("li", [("class", "clinical-alert")], [.safeText(alert.message), .unwrap(alert.source) { ClinicalSourceNote.render($0) }])
            }),
        ])
    }
}
