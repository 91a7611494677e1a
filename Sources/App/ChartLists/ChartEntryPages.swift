import Foundation
import Plot
import ReliefCore

/// The pages of a chart list: the list (current entries and history) and the entry form.
enum ChartEntryPages {
    struct Row {
        let cells: [String]
        let edit: String?
    }

    struct ListModel {
        let kind: ChartEntryKind
        let patientID: UUID
        let columns: [String]
        let current: [Row]
        let earlier: [Row]
        let canWrite: Bool
        let summary: [BodyNode]
    }

    struct FormModel {
        let kind: ChartEntryKind
        let patientID: UUID
        let entryID: UUID?
        let version: Int?
        let controls: [BodyNode]
        let errors: [(name: String, message: String)]
        /// Beside the form: what the entry may draw on.
        var context: [BodyNode] = []
        var conflict: String?
        var inErrorProblem: String?
        var inErrorReason = ""
    }

    static func list(_ model: ListModel, csrfToken: String) -> [BodyNode] {
        [
            .tag("div", [("class", "page-head")], [
                .tag("h1", text: model.kind.pluralTitle),
                .tag("div", [("class", "page-actions")], [
                    .if(model.canWrite, .link("Add \(model.kind.title.lowercased())", to: SitePath.newChartEntry(model.kind)(model.patientID),
                                              [("class", "button")])),
                    .if([.medication, .allergy].contains(model.kind),
                        .link("Print medication and allergy list", to: SitePath.printMedications(model.patientID),
                              [("class", "button secondary no-print")])),
                ]),
            ]),
            .if(!model.summary.isEmpty, .tag("section", [("class", "card")], model.summary)),
            .tag("section", [("class", "card"), ("aria-labelledby", "current-heading")], [
                .tag("h2", [("id", "current-heading")], text: model.earlier.isEmpty && model.current.isEmpty ? "None recorded" : "Current"),
                table(model.columns, model.current),
            ]),
            .if(!model.earlier.isEmpty, .tag("section", [("class", "card"), ("aria-labelledby", "earlier-heading")], [
                .tag("h2", [("id", "earlier-heading")], text: "Earlier"),
                table(model.columns, model.earlier),
            ])),
        ]
    }

    /// The entries as a table, with a link per row (to edit it, or `link` to name another use). Also drawn on the chart.
    static func table(_ columns: [String], _ rows: [Row], empty: String = "None.",
                      link: (heading: String, title: String) = ("Change", "Edit")) -> BodyNode {
        guard !rows.isEmpty else { return .tag("p", [("class", "muted")], text: empty) }
        let linked = rows.contains { $0.edit != nil }
        return .tag("table", [("class", "entry-table")], [
            .tableHead(columns + (linked ? [link.heading] : [])),
            .tag("tbody", [], rows.map { row in
                .tag("tr", [], row.cells.map { BodyNode.tag("td", text: $0) }
                     + [.unwrap(row.edit) { .tag("td", [], [.link(link.title, to: $0)]) }])
            }),
        ])
    }

    static func form(_ model: FormModel, csrfToken: String) -> [BodyNode] {
        let title = model.entryID == nil ? "Add \(model.kind.title.lowercased())" : "Edit \(model.kind.title.lowercased())"
        let action = model.entryID.map { SitePath.chartEntry(model.kind)(model.patientID, $0) } ?? SitePath.chartEntries(model.kind)(model.patientID)
        return [
            .tag("h1", text: title),
            .unwrap(model.conflict) { .tag("div", [("class", "notice warning"), ("role", "alert")], text: $0) },
            Forms.errorSummary(model.errors),
            .group(model.context),
            .tag("form", [("method", "post"), ("action", action), ("class", "entry-form"), ("novalidate", nil)], [
                Forms.csrf(csrfToken),
                .unwrap(model.version) { Forms.hidden("version", String($0)) },
                .group(model.controls),
                .tag("div", [("class", "actions")], [
                    Forms.submit("Save"),
                    .link("Cancel", to: SitePath.chartEntries(model.kind)(model.patientID), [("class", "button secondary")]),
                ]),
            ]),
            .unwrap(model.entryID.flatMap { id in model.version.map { (id, $0) } }) { id, version in
                .tag("section", [("class", "card danger-zone"), ("aria-labelledby", "in-error-heading")], [
                    .tag("h2", [("id", "in-error-heading")], text: "Entered in error?"),
                    .tag("p", [("class", "muted")],
                         text: "Takes the entry off the chart. It stays in the record with your name and reason. To record that the patient stopped a medication, change its status instead."),
                    .tag("form", [("method", "post"), ("action", SitePath.chartEntryInError(model.kind)(model.patientID, id))], [
                        Forms.csrf(csrfToken),
                        Forms.hidden("version", String(version)),
                        Forms.text("reason", label: "Reason", value: model.inErrorReason, error: model.inErrorProblem, required: true),
                        Forms.submit("Mark entered in error", secondary: true),
                    ]),
                ])
            },
        ]
    }
}
