import Plot

typealias BodyNode = Node<HTML.BodyContext>

/// Helpers over Plot for every element and attribute Relief renders.
/// Why not Plot's typed attributes: Plot 0.14 writes attribute values unescaped, so a patient named
/// `"><script>` would break out of `value="…"`. Every attribute here goes through `Markup.escape`.
/// Text goes through `safeText`, which escapes with `Markup.escape` too: Plot's own text escaping builds a
/// String per character and was a tenth of a chart page's time (docs/benchmarks.md).
/// Leaf elements (text only, or void) are written out at once as one raw node: Plot renders each element
/// through a closure per node and per attribute, and leaves are most of a page's elements.
extension Node where Context == HTML.BodyContext {
    static func tag(_ name: String, _ attributes: [(String, String?)] = [], _ children: [BodyNode] = []) -> BodyNode {
        .element(named: name, nodes: attributes.map { .attribute(Markup.attribute($0.0, $0.1)) } + children)
    }

    static func tag(_ name: String, _ attributes: [(String, String?)] = [], text: String) -> BodyNode {
        .raw(Markup.element(name, attributes, escapedContent: Markup.escape(text)))
    }

    /// Text content, escaped.
    static func safeText(_ text: String) -> BodyNode {
        .raw(Markup.escape(text))
    }

    /// A void element such as `<input>`.
    static func void(_ name: String, _ attributes: [(String, String?)]) -> BodyNode {
        .raw(Markup.element(name, attributes, escapedContent: nil))
    }

    /// `<thead>` with one column header per title.
    static func tableHead(_ titles: [String]) -> BodyNode {
        .raw("<thead><tr>" + titles.map { Markup.element("th", [("scope", "col")], escapedContent: Markup.escape($0)) }.joined() + "</tr></thead>")
    }

    static func link(_ text: String, to href: String, _ attributes: [(String, String?)] = []) -> BodyNode {
        tag("a", [("href", href)] + attributes, text: text)
    }
}

enum Markup {
    /// A boolean attribute (`required`) when `value` is nil, else `name="escaped value"`.
    static func attribute<C>(_ name: String, _ value: String?) -> Attribute<C> {
        Attribute(name: name, value: value.map(escape), ignoreIfValueIsEmpty: false)
    }

    /// `<name attributes>content</name>`, or `<name attributes/>` without content, as HTML text.
    static func element(_ name: String, _ attributes: [(String, String?)], escapedContent: String?) -> String {
        var html = "<" + name
        for (attribute, value) in attributes {
            html += " " + attribute
            if let value { html += "=\"" + escape(value) + "\"" }
        }
        guard let escapedContent else { return html + "/>" }
        return html + ">" + escapedContent + "</" + name + ">"
    }

    /// Escapes the five characters that matter in HTML text and quoted attributes. Most values have none of
    /// them and are returned as they are.
    static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x26 || $0 == 0x22 || $0 == 0x27 || $0 == 0x3C || $0 == 0x3E }) else {
            return value  // no & " ' < >
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count + 16)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes += Array("&amp;".utf8)
            case UInt8(ascii: "\""): bytes += Array("&quot;".utf8)
            case UInt8(ascii: "'"): bytes += Array("&#39;".utf8)
            case UInt8(ascii: "<"): bytes += Array("&lt;".utf8)
            case UInt8(ascii: ">"): bytes += Array("&gt;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
