import Plot
import ReliefCore

/// The body map drawn as our own SVG: front and back figures made of one shape per half-region, shaded by
/// intensity. The figures show marks; the form's region table (or, with script, a click on a shape) sets them.
enum BodyMapFigure {
    /// Shapes in a 200 × 440 figure (its name beneath, in a 200 × 460 view): x, y, width, height of the half drawn on the viewer's left (the patient's
    /// right on the front view, the patient's left on the back view); the other half is its mirror image.
    private static let shapes: [String: (Double, Double, Double, Double)] = [
        "head": (80, 8, 20, 50), "neck": (88, 58, 12, 20), "shoulder": (52, 80, 28, 24), "chest": (80, 80, 20, 58),
        "upper-arm": (46, 104, 24, 66), "abdomen": (80, 138, 20, 62), "lower-arm": (38, 170, 24, 64),
        "hand": (32, 234, 26, 34), "hip": (68, 200, 22, 30), "groin": (90, 200, 10, 30), "thigh": (72, 230, 26, 80),
        "knee": (74, 310, 24, 30), "lower-leg": (74, 340, 22, 70), "foot": (66, 410, 30, 24),
        "back-of-head": (80, 8, 20, 50), "back-of-neck": (88, 58, 12, 20), "shoulder-blade": (52, 80, 28, 44),
        "upper-back": (80, 80, 20, 44), "back-of-upper-arm": (46, 104, 24, 66), "mid-back": (80, 124, 20, 40),
        "back-of-lower-arm": (38, 170, 24, 64), "lower-back": (72, 164, 28, 40), "back-of-hand": (32, 234, 26, 34),
        "buttock": (70, 204, 30, 36), "back-of-thigh": (72, 240, 26, 70), "back-of-knee": (74, 310, 24, 30),
        "calf": (74, 340, 22, 70), "heel": (66, 410, 30, 24),
    ]

    static func render(_ marks: [PainMark], caption: String? = nil) -> BodyNode {
        let byCode = Dictionary(uniqueKeysWithValues: marks.map { ($0.code, $0.intensity) })
        return .tag("figure", [("class", "body-map")], [
            .group(BodyView.allCases.map { view in figure(view, byCode) }),
            .tag("figcaption", [], [
                .unwrap(caption) { .tag("strong", text: "\($0): ") },
                .tag("span", [("class", "map-summary")], text: summary(marks)),
            ]),
        ])
    }

    /// "2 regions marked: Left lower back 7/10, Left calf 5/10"; the page script says the same as regions are marked.
    static func summary(_ marks: [PainMark]) -> String {
        guard !marks.isEmpty else { return "No regions marked." }
        let count = marks.count == 1 ? "1 region marked" : "\(marks.count) regions marked"
        return "\(count): " + marks.map { "\($0.label) \($0.intensity)/10" }.joined(separator: ", ")
    }

    private static func figure(_ view: BodyView, _ marks: [String: Int]) -> BodyNode {
        let viewerLeft: BodySide = view == .front ? .right : .left
        let shapesInView = BodyMap.regions.filter { $0.view == view }.flatMap { region -> [BodyNode] in
            guard let (x, y, width, height) = shapes[region.id] else { return [] }
            return BodySide.allCases.map { side in
                let left = side == viewerLeft ? x : 200 - x - width
                let code = BodyMap.code(region.id, side)
                let intensity = marks[code]
                let label = "\(side.title) \(region.label.lowercased())" + (intensity.map { ": \($0)/10" } ?? "")
                let zone: BodyNode = .tag("rect", [
                    ("x", Figures.text(left)), ("y", Figures.text(y)), ("width", Figures.text(width)), ("height", Figures.text(height)), ("rx", "4"),
                    ("class", "zone" + (intensity.map { " marked i\($0)" } ?? "")), ("data-field", EvaluationForm.mapField(region.id, side)),
                ], [.tag("title", text: label)])
                // The number on the region, so neighbouring intensities never depend on telling two shades apart.
                let value: BodyNode = .tag("text", [("x", Figures.text(left + width / 2)), ("y", Figures.text(y + height / 2 + 4)),
                                                    ("class", "zone-value"), ("aria-hidden", "true")],
                                           text: intensity.map(String.init) ?? "")
                return .group([zone, value])
            }
        }
        return .tag("svg", [("viewBox", "0 0 200 460"), ("role", "img"), ("aria-label", "\(view.title) of the body"),
                            ("class", "body-figure")], [
            .tag("text", [("x", "100"), ("y", "456"), ("text-anchor", "middle"), ("class", "figure-label")], text: view.title),
            .tag("text", [("x", "4"), ("y", "22"), ("class", "figure-side")], text: view == .front ? "R" : "L"),
            .tag("text", [("x", "196"), ("y", "22"), ("text-anchor", "end"), ("class", "figure-side")], text: view == .front ? "L" : "R"),
        ] + shapesInView)
    }
}
