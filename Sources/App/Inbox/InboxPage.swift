import Foundation
import Plot
import ReliefCore

/// The clinical inbox: open alerts and results awaiting review, new ones first, each acted on where it stands.
enum InboxPage {
    struct Row {
        let id: UUID
        let severity: PatientAlert.Severity
        let message: String
        let since: String
        let patientName: String
        let patientFacts: String
        let chart: String
        /// The order, for a result; nil for an alert.
        let order: (link: String, version: Int)?
        let resolve: String?
        let acknowledgement: String?
        /// A note typed here that was refused, with its message.
        var refused: (note: String, message: String)? = nil
    }

    struct Model {
        let rows: [Row]
        let mine: Bool
        let truncated: Bool
        let canAcknowledge: Bool
        let canResolve: Bool
        let canReview: Bool
    }

    static func render(_ model: Model, csrfToken: String) -> [BodyNode] {
        let new = model.rows.filter { $0.acknowledgement == nil }, seen = model.rows.filter { $0.acknowledgement != nil }
        return [
            .tag("div", [("class", "page-head")], [
                .tag("h1", text: "Inbox"),
                .tag("p", [("class", "filters")], [
                    model.mine ? .link("Everyone's", to: SitePath.inbox()) : .tag("strong", text: "Everyone's"), .text(" · "),
                    model.mine ? .tag("strong", text: "Raised or ordered by me") : .link("Raised or ordered by me", to: SitePath.inbox() + "?mine=1"),
                ]),
            ]),
            .tag("p", [("class", "muted")], text: "Open alerts and results waiting for a physician's review, the most urgent and newest first. "
                 + "Acknowledging says you have seen it and what you are doing; it stays open until a physician resolves or reviews it."),
            .if(model.truncated, .tag("p", [("class", "notice warning")], [.text("Showing the newest \(InboxQueries.limit) of each kind; more are open.")])),
            section("New", id: "new", rows: new, empty: "Nothing new.", model: model, csrfToken: csrfToken),
            .if(!seen.isEmpty, section("Acknowledged, still open", id: "acknowledged", rows: seen, empty: "", model: model, csrfToken: csrfToken)),
        ]
    }

    private static func section(_ title: String, id: String, rows: [Row], empty: String, model: Model, csrfToken: String) -> BodyNode {
        .tag("section", [("class", "card"), ("aria-labelledby", id + "-heading")], [
            .tag("h2", [("id", id + "-heading")], text: rows.isEmpty ? title : "\(title) (\(rows.count))"),
            rows.isEmpty ? .tag("p", [("class", "muted")], [.text(empty)])
                : .tag("ul", [("class", "inbox-list")], rows.map { item($0, model: model, csrfToken: csrfToken) }),
        ])
    }

    private static func item(_ row: Row, model: Model, csrfToken: String) -> BodyNode {
        let key = row.id.lowercasedText
        return .tag("li", [("class", "inbox-item alert-\(row.severity)"), ("id", "item-" + key)], [
            .tag("p", [("class", "inbox-message")], [
                .tag("span", [("class", "severity")], [.text(row.severity.title + ": ")]), .text(row.message),
            ]),
            .tag("p", [("class", "inbox-patient")], [
                .link(row.patientName, to: row.chart), .text(" · " + row.patientFacts + " · " + row.since),
                .unwrap(row.order) { order in .group([.text(" · "), .link("Open the order", to: order.link)]) },
            ]),
            .unwrap(row.acknowledgement) { .tag("p", [("class", "acknowledged")], [.text($0)]) },
            .tag("div", [("class", "inbox-actions")], [
                .if(row.acknowledgement == nil && model.canAcknowledge, form(SitePath.acknowledgeInboxItem(row.id), csrfToken, [
                    field("note", "note-" + key, label: "What you are doing (optional)", value: row.refused?.note ?? "", error: row.refused?.message),
                    Forms.submit("Acknowledge", secondary: true),
                ])),
                .unwrap(row.resolve) { action in
                    .if(model.canResolve, form(action, csrfToken, [
                        Forms.hidden("from", "inbox"), field("reason", "reason-" + key, label: "Reason it is resolved", required: true),
                        Forms.submit("Resolve"),
                    ]))
                },
                .unwrap(row.order) { order in
                    .if(model.canReview, form(order.link + "/review", csrfToken, [
                        Forms.hidden("from", "inbox"), Forms.hidden("version", String(order.version)),
                        field("reviewComment", "review-" + key, label: "Review comment (optional)"), Forms.submit("Sign review"),
                    ]))
                },
            ]),
        ])
    }

    private static func form(_ action: String, _ csrfToken: String, _ content: [BodyNode]) -> BodyNode {
        .tag("form", [("method", "post"), ("action", action), ("class", "inline-form")], [Forms.csrf(csrfToken)] + content)
    }

    /// A one-line field labelled for screen readers and sighted users alike, with an id unique on the page.
    private static func field(_ name: String, _ id: String, label: String, value: String = "", error: String? = nil,
                              required: Bool = false) -> BodyNode {
        .tag("label", [("class", "inline-field")], [
            .tag("span", text: label),
            .unwrap(error) { .tag("span", [("class", "field-error"), ("id", id + "-error")], text: $0) },
            .void("input", [("type", "text"), ("name", name), ("id", id), ("maxlength", "1000"), ("value", value)]
                  + (required ? [("required", nil)] : []) + (error == nil ? [] : [("aria-invalid", "true"), ("aria-describedby", id + "-error")])),
        ])
    }
}
