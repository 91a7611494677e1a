import Plot

typealias BodyNode = Node<HTML.BodyContext>

/// Helpers over Plot for every element and attribute Relief renders.
/// Why not Plot's typed attributes: Plot 0.14 writes attribute values unescaped, so a patient named
/// `"><script>` would break out of `value="…"`. Every attribute here goes through `Markup.escape`.
/// Text goes through `safeText`, which escapes with `Markup.escape` too: Plot's own text escaping builds a
/// String per character and was a tenth of a chart page's time (docs/benchmarks.md).
/// Every element is written out as text when it is made, its children (Plot's `.if`, `.unwrap`, `.group` and
/// these) rendered first: Plot's renderer goes through a closure per node and per attribute, which was a fifth
/// of an uncached chart's time (docs/benchmarks.md).
extension Node where Context == HTML.BodyContext {
    static func tag(_ name: String, _ attributes: [(String, String?)] = [], _ children: [BodyNode] = []) -> BodyNode {
        .raw(Markup.element(name, attributes, escapedContent: BodyNode.group(children).render()))
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
    /// `<name attributes>content</name>`, or `<name attributes/>` without content, as HTML text.
    static func element(_ name: String, _ attributes: [(String, String?)], escapedContent: String?) -> String {
        var html = "<"
        html.reserveCapacity(2 * name.utf8.count + 5 + (escapedContent?.utf8.count ?? 0) + 24 * attributes.count)
        html += name
        for (attribute, value) in attributes {
            html += " "
            html += attribute
            if let value {
                html += "=\""
                html += escape(value)
                html += "\""
            }
        }
        guard let escapedContent else { return html + "/>" }
        html += ">"
        html += escapedContent
        html += "</"
        html += name
        html += ">"
        return html
    }

    /// Escapes the five characters that matter in HTML text and quoted attributes. Most values have none of
    /// them and are returned as they are.
    static func escape(_ value: String) -> String {
        // Scanned as one buffer: through the UTF-8 view's iterator the scan alone was 2% of a search page.
        let special = value.utf8.withContiguousStorageIfAvailable { $0.contains(where: isSpecial) }
            ?? value.utf8.contains(where: isSpecial)
        guard special else { return value }
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

    /// & " ' < >: all in 0x20–0x3F, which letters are not.
    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte & 0xE0 == 0x20 && (byte == 0x26 || byte == 0x22 || byte == 0x27 || byte == 0x3C || byte == 0x3E)
    }
}
