import Foundation
import Plot

/// The dated addenda of a signed document (a visit note, a procedure record) and the form that adds one.
enum AddendaSection {
    struct Item {
        let anchor: String
        let heading: String
        let text: String
    }

    static func anchor(of addendum: UUID) -> String { "addendum-\(addendum.uuidString.lowercased())" }

    /// "Addendum by Dr Lee, 12/04/2026 9:12 AM" for each, with its anchor.
    static func items(_ addenda: [Addendum], names: [UUID: String], time: (Date) -> String) throws -> [Item] {
        try addenda.map { Item(anchor: anchor(of: try $0.requireID()), heading: "Addendum by \(names[$0.createdBy] ?? "unknown"), \(time($0.createdAt))", text: $0.text) }
    }

    /// Each addendum as "Addendum by …, when", newest last; nothing when there are none.
    static func list(_ items: [Item], id: String) -> BodyNode {
        .if(!items.isEmpty, .tag("section", [("class", "addenda"), ("id", id)], [
            .tag("h2", text: "Addenda"),
            .group(items.map { item in
                .tag("div", [("class", "addendum"), ("id", item.anchor), ("tabindex", "-1")],
                     [.tag("h3", text: item.heading), .tag("p", [("class", "prewrap")], text: item.text)])
            }),
        ]))
    }

    static func form(action: String, text: String, error: String?, csrfToken: String) -> BodyNode {
        .tag("form", [("method", "post"), ("action", action), ("class", "card no-print")], [
            Forms.csrf(csrfToken),
            Forms.textarea("text", label: "Add an addendum", value: text, error: error, required: true,
                           hint: "A signed record cannot be changed. An addendum is dated and signed with your name."),
            Forms.submit("Add addendum"),
        ])
    }
}
