import Plot

/// A row of tabs between related pages, the current one marked for assistive technology and the stylesheet.
enum Tabs {
    static func render(_ label: String, _ items: [(title: String, href: String)], current: String) -> BodyNode {
        .tag("nav", [("aria-label", label), ("class", "tabs")], [
            .tag("ul", [], items.map { title, href in
                .tag("li", [], [.tag("a", [("href", href)] + (href == current ? [("aria-current", "page")] : []), text: title)])
            }),
        ])
    }
}
