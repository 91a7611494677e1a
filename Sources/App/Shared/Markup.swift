import Plot

typealias BodyNode = Node<HTML.BodyContext>

/// Helpers over Plot for every element and attribute Relief renders.
/// Why not Plot's typed attributes: Plot 0.14 writes attribute values unescaped, so a patient named
/// `"><script>` would break out of `value="…"`. Every attribute here goes through `escapeAttribute`.
/// Text nodes are escaped by Plot itself; `.raw` is never used with user data.
extension Node where Context == HTML.BodyContext {
    static func tag(_ name: String, _ attributes: [(String, String?)] = [], _ children: [BodyNode] = []) -> BodyNode {
        .element(named: name, nodes: attributes.map { .attribute(Markup.attribute($0.0, $0.1)) } + children)
    }

    static func tag(_ name: String, _ attributes: [(String, String?)] = [], text: String) -> BodyNode {
        tag(name, attributes, [.text(text)])
    }

    /// A void element such as `<input>`.
    static func void(_ name: String, _ attributes: [(String, String?)]) -> BodyNode {
        .selfClosedElement(named: name, attributes: attributes.map { Markup.attribute($0.0, $0.1) })
    }

    /// `<thead>` with one column header per title.
    static func tableHead(_ titles: [String]) -> BodyNode {
        tag("thead", [], [tag("tr", [], titles.map { tag("th", [("scope", "col")], text: $0) })])
    }

    static func link(_ text: String, to href: String, _ attributes: [(String, String?)] = []) -> BodyNode {
        tag("a", [("href", href)] + attributes, text: text)
    }
}

enum Markup {
    /// A boolean attribute (`required`) when `value` is nil, else `name="escaped value"`.
    static func attribute<C>(_ name: String, _ value: String?) -> Attribute<C> {
        Attribute(name: name, value: value.map(escapeAttribute), ignoreIfValueIsEmpty: false)
    }

    static func escapeAttribute(_ value: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(value.count)
        for character in value {
            switch character {
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
