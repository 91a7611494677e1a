import Foundation
import Plot
import ReliefCore

/// The outcome report's charts, drawn on the server as SVG: Kaplan–Meier curves of relief duration, and responder
/// bars. Each has its figures in the report's table for screen readers and print.
enum OutcomeCharts {
    struct Curve {
        let name: String
        let estimate: KaplanMeier
    }

    private static let width = 640.0, height = 260.0, left = 44.0, right = 16.0, top = 12.0, bottom = 34.0

    /// Up to six curves, days after the procedure across, the share still at ≥ 50 % relief up.
    static func survival(_ curves: [Curve], days: Int = 365) -> BodyNode {
        let shown = curves.filter { !$0.estimate.steps.isEmpty || $0.estimate.count > 0 }.prefix(6)
        guard !shown.isEmpty else { return .tag("p", [("class", "muted")], text: "No followed-up procedures to draw.") }
        func x(_ day: Int) -> Double { left + Double(min(day, days)) / Double(days) * (width - left - right) }
        func y(_ share: Double) -> Double { top + (1 - share) * (height - top - bottom) }
        var shapes: [BodyNode] = [
            .void("line", [("x1", Figures.text(left)), ("y1", Figures.text(y(0))), ("x2", Figures.text(width - right)), ("y2", Figures.text(y(0))), ("class", "axis")]),
            .void("line", [("x1", Figures.text(left)), ("y1", Figures.text(y(0))), ("x2", Figures.text(left)), ("y2", Figures.text(y(1))), ("class", "axis")]),
            .void("line", [("x1", Figures.text(left)), ("y1", Figures.text(y(0.5))), ("x2", Figures.text(width - right)), ("y2", Figures.text(y(0.5))),
                           ("class", "threshold")]),
        ]
        for share in [0.0, 0.5, 1.0] {
            shapes.append(.tag("text", [("x", Figures.text(left - 6)), ("y", Figures.text(y(share) + 4)), ("class", "tick")], text: "\(Int(share * 100)) %"))
        }
        for day in stride(from: 0, through: days, by: days >= 360 ? 90 : 30) {
            shapes.append(.tag("text", [("x", Figures.text(x(day))), ("y", Figures.text(height - bottom + 14)), ("class", "tick day")], text: "\(day)"))
        }
        shapes.append(.tag("text", [("x", Figures.text((left + width - right) / 2)), ("y", Figures.text(height - 4)), ("class", "tick day")],
                           text: "Days after the procedure"))
        for (index, curve) in shown.enumerated() {
            var points = ["\(Figures.text(x(0))),\(Figures.text(y(1)))"], level = 1.0
            for step in curve.estimate.steps where step.time <= days {
                points.append("\(Figures.text(x(step.time))),\(Figures.text(y(level)))")
                level = step.survival
                points.append("\(Figures.text(x(step.time))),\(Figures.text(y(level)))")
            }
            points.append("\(Figures.text(x(days))),\(Figures.text(y(level)))")
            shapes.append(.void("polyline", [("points", points.joined(separator: " ")), ("class", "series series-\(index + 1)")]))
        }
        let label = "Share of procedures still giving at least 50 % relief, by days after: "
            + shown.map { "\($0.name), median \($0.estimate.median.map { "\($0) days" } ?? "not reached")" }.joined(separator: "; ")
        return .tag("figure", [("class", "chart")], [
            .tag("svg", [("viewBox", "0 0 \(Int(width)) \(Int(height))"), ("role", "img"), ("aria-label", label), ("xmlns", "http://www.w3.org/2000/svg")], shapes),
            legend(shown.map(\.name)),
        ])
    }

    /// Two bars per intervention: the share of responders at 6 weeks and at 3 months.
    static func responders(_ rows: [(name: String, sixWeeks: Double?, threeMonths: Double?)]) -> BodyNode {
        let shown = rows.prefix(8)
        guard !shown.isEmpty else { return .group([]) }
        let rowHeight = 34.0, labelWidth = 330.0, barWidth = width - labelWidth - 50
        let chartHeight = Double(shown.count) * rowHeight + 8
        var shapes: [BodyNode] = []
        for (index, row) in shown.enumerated() {
            let base = 4 + Double(index) * rowHeight
            shapes.append(.tag("text", [("x", Figures.text(labelWidth - 8)), ("y", Figures.text(base + 17)), ("class", "bar-label")], text: row.name))
            for (offset, value, series) in [(0.0, row.sixWeeks, 1), (14.0, row.threeMonths, 2)] {
                let length = (value ?? 0) / 100 * barWidth
                shapes.append(.void("rect", [("x", Figures.text(labelWidth)), ("y", Figures.text(base + offset)), ("width", Figures.text(length)),
                                             ("height", "12"), ("class", "bar series-\(series)")]))
                shapes.append(.tag("text", [("x", Figures.text(labelWidth + length + 4)), ("y", Figures.text(base + offset + 10)), ("class", "tick bar-value")],
                                   text: value.map { "\(Int($0.rounded())) %" } ?? "—"))
            }
        }
        let label = "Responders (at least 50 % relief): " + shown.map { row in
            "\(row.name): \(row.sixWeeks.map { "\(Int($0.rounded())) %" } ?? "no answers") at 6 weeks, "
                + "\(row.threeMonths.map { "\(Int($0.rounded())) %" } ?? "no answers") at 3 months"
        }.joined(separator: "; ")
        return .tag("figure", [("class", "chart")], [
            .tag("svg", [("viewBox", "0 0 \(Int(width)) \(Int(chartHeight))"), ("role", "img"), ("aria-label", label), ("xmlns", "http://www.w3.org/2000/svg")],
                 shapes),
            legend(["At 6 weeks", "At 3 months"]),
        ])
    }

    private static func legend(_ names: [String]) -> BodyNode {
        .tag("figcaption", [("class", "legend")], names.enumerated().map { index, name in
            .tag("span", [("class", "key series-\(index + 1)")], text: name)
        })
    }
}
