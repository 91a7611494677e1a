import Foundation
import Plot
import ReliefCore

/// Two of a patient's pain maps side by side, chosen by date, with what changed region by region.
enum PainMapPage {
    struct Model {
        let patientID: UUID
        /// Every evaluation with a pain map, oldest first, as (id, date).
        let dates: [(id: UUID, date: String)]
        let before: EvaluationQueries.PainMapRow
        let after: EvaluationQueries.PainMapRow
        let comparison: PainMapComparison
    }

    static func render(_ model: Model) -> [BodyNode] {
        [
            .tag("h1", text: "Pain map over time"),
            .tag("form", [("method", "get"), ("action", SitePath.painMap(model.patientID)), ("class", "inline-form")], [
                Forms.row([
                    choose("from", "Earlier", model.dates, selected: model.before.evaluationID),
                    choose("to", "Later", model.dates, selected: model.after.evaluationID),
                ]),
                Forms.submit("Compare", secondary: true),
            ]),
            .tag("div", [("class", "map-pair")], [
                BodyMapFigure.render(model.before.marks, caption: model.before.date),
                BodyMapFigure.render(model.after.marks, caption: model.after.date),
            ]),
            .tag("p", [("class", "score-line")], text: model.comparison.summary),
            .tag("table", [("class", "entry-table")], [
                .tableHead(["Region", model.before.date, model.after.date, "Change"]),
                .tag("tbody", [], model.comparison.rows.map { row in
                    .tag("tr", [], [row.label, row.before.map { "\($0)/10" } ?? "—", row.after.map { "\($0)/10" } ?? "—", row.change]
                        .map { BodyNode.tag("td", text: $0) })
                }),
            ]),
        ]
    }

    private static func choose(_ name: String, _ label: String, _ dates: [(id: UUID, date: String)], selected: UUID) -> BodyNode {
        Forms.select(name, label: label, options: dates.map { Forms.Option(value: $0.id.lowercasedText, title: $0.date) },
                     selected: selected.lowercasedText)
    }
}
