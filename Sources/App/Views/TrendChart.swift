import Foundation
import Plot
import ReliefCore

/// A small line chart drawn on the server as SVG, with the same figures as a table for screen readers and print.
/// Points are placed by date, so uneven visits show as uneven gaps.
enum TrendChart {
    struct Point: Equatable {
        let date: Date
        let label: String
        let value: Double
    }

    struct Model {
        let title: String
        let unit: String
        let points: [Point]
        /// A reference line, such as 50 MME/day or a score band.
        var threshold: (value: Double, label: String)?
        var minimumTop: Double = 10
    }

    private static let width = 480.0, height = 160.0, left = 40.0, right = 12.0, top = 12.0, bottom = 24.0

    static func render(_ model: Model) -> BodyNode {
        guard !model.points.isEmpty else { return .tag("p", [("class", "muted")], text: "No \(model.title.lowercased()) recorded yet.") }
        let values = model.points.map(\.value) + [model.threshold?.value ?? 0]
        let topValue = niceCeiling(max(values.max() ?? 0, model.minimumTop))
        let first = model.points.first!.date.timeIntervalSince1970, last = model.points.last!.date.timeIntervalSince1970
        let span = max(last - first, 1)
        func x(_ date: Date) -> Double {
            model.points.count == 1 ? left + (width - left - right) / 2 : left + (date.timeIntervalSince1970 - first) / span * (width - left - right)
        }
        func y(_ value: Double) -> Double { top + (1 - value / topValue) * (height - top - bottom) }
        let path = model.points.map { "\(Figures.text(x($0.date))),\(Figures.text(y($0.value)))" }.joined(separator: " ")
        var shapes: [BodyNode] = [
            .void("line", [("x1", Figures.text(left)), ("y1", Figures.text(y(0))), ("x2", Figures.text(width - right)), ("y2", Figures.text(y(0))), ("class", "axis")]),
            .tag("text", [("x", Figures.text(left - 6)), ("y", Figures.text(y(0) + 4)), ("class", "tick")], text: "0"),
            .tag("text", [("x", Figures.text(left - 6)), ("y", Figures.text(y(topValue) + 4)), ("class", "tick")], text: Figures.text(topValue)),
        ]
        if let threshold = model.threshold {
            shapes += [
                .void("line", [("x1", Figures.text(left)), ("y1", Figures.text(y(threshold.value))), ("x2", Figures.text(width - right)),
                               ("y2", Figures.text(y(threshold.value))), ("class", "threshold")]),
                .tag("text", [("x", Figures.text(width - right)), ("y", Figures.text(y(threshold.value) - 4)), ("class", "threshold-label")],
                     text: threshold.label),
            ]
        }
        shapes.append(.void("polyline", [("points", path), ("class", "trend-line")]))
        shapes += model.points.map { point in
            .tag("circle", [("cx", Figures.text(x(point.date))), ("cy", Figures.text(y(point.value))), ("r", "3.5"), ("class", "trend-point")], [
                .tag("title", text: "\(point.label): \(Figures.text(point.value)) \(model.unit)"),
            ])
        }
        shapes += [
            .tag("text", [("x", Figures.text(left)), ("y", Figures.text(height - 6)), ("class", "date-label start")], text: model.points.first!.label),
            .if(model.points.count > 1, .tag("text", [("x", Figures.text(width - right)), ("y", Figures.text(height - 6)), ("class", "date-label end")],
                                             text: model.points.last!.label)),
        ]
        let summary = "\(model.title): \(model.points.map { "\($0.label) \(Figures.text($0.value))" }.joined(separator: ", ")) \(model.unit)"
        return .tag("figure", [("class", "trend")], [
            .tag("svg", [("viewBox", "0 0 \(Int(width)) \(Int(height))"), ("role", "img"), ("aria-label", summary),
                         ("xmlns", "http://www.w3.org/2000/svg")], shapes),
            .tag("details", [], [
                .tag("summary", text: "\(model.title) as a table"),
                .tag("table", [], [
                    .tableHead(["Date", model.unit]),
                    .tag("tbody", [], model.points.map { point in
                        .tag("tr", [], [.tag("td", text: point.label), .tag("td", text: Figures.text(point.value))])
                    }),
                ]),
            ]),
        ])
    }

    /// The same points as a small line for a table cell, scaled to the questionnaire's `range`, the latest point marked;
    /// the values are in its label for screen readers. One string: the chart draws one per questionnaire.
    static func sparkline(_ model: Model, range: ClosedRange<Double>) -> BodyNode {
        guard let firstPoint = model.points.first, let lastPoint = model.points.last else { return .safeText("—") }
        let (width, height, pad) = (96.0, 24.0, 3.0)
        let first = firstPoint.date.timeIntervalSince1970, span = max(lastPoint.date.timeIntervalSince1970 - first, 1)
        let scale = max(range.upperBound - range.lowerBound, 1)
        func point(_ point: Point) -> String {
            let x = model.points.count == 1 ? width / 2 : pad + (point.date.timeIntervalSince1970 - first) / span * (width - 2 * pad)
            let y = pad + (1 - (min(max(point.value, range.lowerBound), range.upperBound) - range.lowerBound) / scale) * (height - 2 * pad)
            return "\(Figures.text(x)),\(Figures.text(y))"
        }
        let last = point(lastPoint).split(separator: ",")
        let label = "\(model.title): " + model.points.map { "\($0.label) \(Figures.text($0.value))" }.joined(separator: ", ")
        return .raw(Markup.element("svg", [("class", "sparkline"), ("viewBox", "0 0 \(Int(width)) \(Int(height))"), ("role", "img"),
                                           ("aria-label", label), ("xmlns", "http://www.w3.org/2000/svg")],
                                   escapedContent: Markup.element("polyline", [("points", model.points.map(point).joined(separator: " "))], escapedContent: nil)
                                       + Markup.element("circle", [("cx", String(last[0])), ("cy", String(last[1])), ("r", "2.5")], escapedContent: nil)))
    }

    /// The axis top: the next of 10, 20, 50, 100, 200, … at or above the largest value.
    static func niceCeiling(_ value: Double) -> Double {
        var magnitude = 1.0
        while magnitude * 10 < value { magnitude *= 10 }
        return [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= value } ?? magnitude * 10
    }
}
