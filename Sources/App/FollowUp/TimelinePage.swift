import Foundation
import Plot
import ReliefCore

/// The patient's timeline: what monitoring calls attention to, the course drawn over time, and each procedure's
/// peak relief and how long relief of at least 50 % lasted.
enum TimelinePage {
    struct Procedure {
        let label: String
        let date: CalendarDate
        let course: ReliefCourse
    }

    struct Model {
        let patientID: UUID
        let alerts: [MonitoringAlert]
        let chart: BodyNode
        let procedures: [Procedure]
    }

    static func render(_ model: Model) -> [BodyNode] {
        [
            .tag("div", [("class", "page-head")], [
                .tag("h1", text: "Timeline"),
                .link("Follow-ups", to: SitePath.followUps(model.patientID), [("class", "button secondary")]),
            ]),
            .if(!model.alerts.isEmpty, .tag("section", [("class", "card monitoring"), ("aria-labelledby", "monitoring-heading")], [
                .tag("h2", [("id", "monitoring-heading")], text: "To look at"),
                .tag("ul", [], model.alerts.map { alert in
                    .tag("li", [], [
                        .tag("strong", text: alert.message),
                        .if(!alert.facts.isEmpty, .tag("ul", [("class", "plain hint")], alert.facts.map { .tag("li", text: $0) })),
                        ClinicalSourceNote.render(alert.source),
                    ])
                }),
            ])),
            model.chart,
            .tag("h2", text: "Procedures done here"),
            model.procedures.isEmpty ? .tag("p", [("class", "muted")], text: "None yet.") : .tag("table", [("class", "list")], [
                .tableHead(["Procedure", "Done", "Answers", "Peak relief", "At least 50 % relief"]),
                .tag("tbody", [], model.procedures.map { procedure in
                    .tag("tr", [], [
                        .tag("td", text: procedure.label), .tag("td", text: procedure.date.display), .tag("td", text: String(procedure.course.points.count)),
                        .tag("td", text: procedure.course.peakReliefPercent.map { "\($0) %" } ?? "—"),
                        .tag("td", text: duration(procedure.course)),
                    ])
                }),
            ]),
        ]
    }

    private static func duration(_ course: ReliefCourse) -> String {
        guard let duration = course.duration else { return "Not yet answered" }
        if duration.days == 0 { return "Not reached" }
        return duration.ended ? "About \(duration.days) days" : "\(duration.days) days so far"
    }
}
