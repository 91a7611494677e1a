import Foundation
import Plot
import ReliefCore

/// The practice's outcomes by intervention: the filters, the relief-duration curves, the responder bars, and the
/// table with every figure (and the way to it as CSV).
enum OutcomeReportPage {
    struct Model {
        let report: OutcomeReport
        let fields: FormFields
        let problems: [String: String]
        let providers: [Forms.Option]
        let csv: String
    }

    static func render(_ model: Model) -> [BodyNode] {
        let form = BoundForm(fields: model.fields, problems: model.problems)
        let conditions = ConditionCatalogue.all.map { Forms.Option(value: $0.code, title: "\($0.code) \($0.label)") }
        return [
            .tag("h1", text: "Outcomes by intervention"),
            .tag("p", text: "Procedures signed here and what their follow-ups said. Responders: at least 50 % relief, or pain at least 30 % below the "
                 + "pain before, at 6 weeks (answers on days 29–63) and 3 months (days 64–135). Relief duration: days of at least 50 % relief, "
                 + "Kaplan–Meier, censored at the last answer or a loss to follow-up; 95 % limits by Greenwood on the log(−log) scale."),
            Forms.errorSummary(form.errors),
            .tag("form", [("method", "get"), ("action", SitePath.reports()), ("class", "card filters")], [
                Forms.row([form.choose("region", "Region", BodyArea.self), form.option("condition", "Main diagnosis", conditions),
                           form.option("provider", "Physician", model.providers)]),
                Forms.row([form.text("from", "Done from", hint: "MM/DD/YYYY"), form.text("to", "to", hint: "MM/DD/YYYY")]),
                .tag("div", [("class", "actions")], [Forms.submit("Show"), .link("Download as CSV", to: model.csv, [("class", "button secondary")])]),
            ]),
            model.report.lines.isEmpty ? .tag("p", [("class", "muted")], text: "No signed procedures match.") : .group([
                .tag("h2", text: "How long relief lasted"),
                OutcomeCharts.survival(model.report.lines.map { OutcomeCharts.Curve(name: $0.name, estimate: $0.duration) }),
                .tag("h2", text: "Responders"),
                OutcomeCharts.responders(model.report.lines.map { ($0.name, $0.totals.responders6w.percent, $0.totals.responders3m.percent) }),
                .tag("h2", text: "Every figure"),
                table(model.report),
            ]),
        ]
    }

    static let columns = ["Intervention", "Procedures", "Patients", "Followed up", "Lost", "≥ 50 % relief at any answer", "at 6 weeks", "at 3 months",
                          "≥ 30 % less pain at 6 weeks", "at 3 months", "Median relief, days (95 % limits)", "Complications", "MME change",
                          "PEG change", "Function change", "Back at work"]

    /// One line's cells, as the table and the CSV show them.
    static func cells(_ line: OutcomeReport.Line) -> [String] {
        let totals = line.totals
        let median = line.duration.median.map(String.init) ?? (line.followedUp == 0 ? "—" : "not reached")
        let limits = line.duration.medianLimits
        let complications = line.complications.map { "\($0.kind.title.lowercased()) \($0.count)" }.joined(separator: ", ")
        let total = line.complications.map(\.count).reduce(0, +)
        return [line.name, String(totals.procedures), String(line.patients), String(line.followedUp), String(totals.lost),
                ratio(totals.peakResponders), ratio(totals.responders6w), ratio(totals.responders3m), ratio(totals.painReduced6w), ratio(totals.painReduced3m),
                line.followedUp == 0 ? "—" : "\(median) (\(limits.lower.map(String.init) ?? "—")–\(limits.upper.map(String.init) ?? "not reached"))",
                total == 0 ? "None" : "\(total) (\(String(format: "%.1f", line.complicationRate(total))) %): \(complications)",
                mean(totals.mmeChange), mean(totals.pegChange), mean(totals.functionChange), ratio(totals.returnedToWork)]
    }

    private static func ratio(_ ratio: OutcomeReport.Ratio) -> String {
        ratio.percent.map { "\(Int($0.rounded())) % (\(ratio.yes)/\(ratio.of))" } ?? "—"
    }

    private static func mean(_ mean: OutcomeReport.Mean) -> String {
        mean.value.map { "\(String(format: "%+.1f", $0)) (n \(mean.count))" } ?? "—"
    }

    private static func table(_ report: OutcomeReport) -> BodyNode {
        .tag("div", [("class", "table-scroll")], [
            .tag("table", [("class", "list outcomes")], [
                .tableHead(columns),
                .tag("tbody", [], report.lines.map { line in .tag("tr", [], cells(line).map { .tag("td", text: $0) }) }),
            ]),
        ])
    }
}
