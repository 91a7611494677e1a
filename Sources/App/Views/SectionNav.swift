import Plot

/// Links to the sections of a long page (the visit note, its form), kept in view while scrolling (app.css).
enum SectionNav {
    /// "Physical examination" → "section-physical-examination".
    static func anchor(_ title: String) -> String {
        "section-" + title.lowercased().split(whereSeparator: { !$0.isLetter }).joined(separator: "-")
    }

    static func render(_ titles: [String]) -> BodyNode {
        .tag("nav", [("class", "section-nav no-print"), ("aria-label", "Sections")], [
            .tag("ul", [], titles.map { title in .tag("li", [], [.link(title, to: "#" + anchor(title))]) }),
        ])
    }
}
