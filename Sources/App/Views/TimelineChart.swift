import Foundation
import Plot
import ReliefCore

/// A patient's course drawn on the server as SVG: bands sharing one time axis (pain, function, daily MME), each a
/// line of its points, and the procedures as marked days across all bands. The same figures are in the page's tables.
enum TimelineChart {
    struct Band {
        let title: String
        let top: Double
        let points: [(on: CalendarDate, value: Double)]
    }

    private static let width = 720.0, left = 48.0, right = 16.0, bandHeight = 84.0, gap = 18.0, axis = 24.0

    static func render(bands: [Band], procedures: [(on: CalendarDate, label: String)], today: CalendarDate) -> BodyNode {
        let days = bands.flatMap { $0.points.map(\.on) } + procedures.map(\.on)
        guard let first = days.min() else { return .tag("p", [("class", "muted")], text: "Nothing recorded over time yet.") }
        let span = Double(max(today.daysSince(first), 1))
        func x(_ day: CalendarDate) -> Double { left + Double(day.daysSince(first)) / span * (width - left - right) }
        let height = Double(bands.count) * (bandHeight + gap) + axis
        var shapes: [BodyNode] = []
        for (index, band) in bands.enumerated() {
            let top = Double(index) * (bandHeight + gap) + gap
            func y(_ value: Double) -> Double { top + (1 - min(value, band.top) / band.top) * bandHeight }
            shapes += [
                .tag("text", [("x", Figures.text(left)), ("y", Figures.text(top - 4)), ("class", "band-title")], text: band.title),
                .void("line", [("x1", Figures.text(left)), ("y1", Figures.text(y(0))), ("x2", Figures.text(width - right)), ("y2", Figures.text(y(0))), ("class", "axis")]),
                .tag("text", [("x", Figures.text(left - 6)), ("y", Figures.text(y(0) + 4)), ("class", "tick")], text: "0"),
                .tag("text", [("x", Figures.text(left - 6)), ("y", Figures.text(y(band.top) + 8)), ("class", "tick")], text: Figures.text(band.top)),
            ]
            let points = band.points.sorted { $0.on < $1.on }
            if points.count > 1 {
                shapes.append(.void("polyline", [("points", points.map { "\(Figures.text(x($0.on))),\(Figures.text(y($0.value)))" }.joined(separator: " ")),
                                                 ("class", "series series-\(index + 1)")]))
            }
            shapes += points.map { point in
                .tag("circle", [("cx", Figures.text(x(point.on))), ("cy", Figures.text(y(point.value))), ("r", "3"), ("class", "series series-\(index + 1)")],
                     [.tag("title", text: "\(band.title) \(point.on.display): \(Figures.text(point.value))")])
            }
        }
        let bottom = height - axis
        for procedure in procedures {
            shapes += [
                .void("line", [("x1", Figures.text(x(procedure.on))), ("y1", Figures.text(gap)), ("x2", Figures.text(x(procedure.on))), ("y2", Figures.text(bottom)),
                               ("class", "procedure-mark")]),
                .tag("text", [("x", Figures.text(x(procedure.on) + 3)), ("y", Figures.text(bottom + 14)), ("class", "tick procedure-label")],
                     [.text(procedure.on.display), .tag("title", text: procedure.label)]),
            ]
        }
        shapes += [
            .tag("text", [("x", Figures.text(left)), ("y", Figures.text(height - 2)), ("class", "tick start")], text: first.display),
            .tag("text", [("x", Figures.text(width - right)), ("y", Figures.text(height - 2)), ("class", "tick")], text: today.display),
        ]
        let label = "Course over time: " + bands.map { "\($0.title), \($0.points.count) points" }.joined(separator: "; ")
            + "; procedures on " + procedures.map(\.on.display).joined(separator: ", ")
        return .tag("figure", [("class", "chart timeline")], [
            .tag("svg", [("viewBox", "0 0 \(Int(width)) \(Int(height))"), ("role", "img"), ("aria-label", label), ("xmlns", "http://www.w3.org/2000/svg")], shapes),
        ])
    }
}
