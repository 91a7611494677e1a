import Foundation
import Plot
import ReliefCore

/// The user's own account: who they are, their password, and their personal API tokens.
enum AccountPage {
    struct TokenRow {
        let id: UUID
        let name: String
        let hint: String
        let created: String
        let expires: String
        let lastUsed: String
        /// "Active", "Expired" or "Revoked …"; only active tokens can be revoked.
        let state: String
        let isActive: Bool
        /// "Read only" or "Reads and changes".
        let reach: String
    }

    struct Model {
        let name: String
        let email: String
        let role: String
        let tokens: [TokenRow]
        /// A token just made, shown this once.
        var newToken: (name: String, secret: String)?
        var tokenName = ""
        var expiry = APITokenExpiry.days90.rawValue
        var readOnly = false
        var problems: [String: String] = [:]
    }

    static func render(_ model: Model, csrfToken: String) -> [BodyNode] {
        [
            .tag("h1", text: "Your account"),
            .tag("dl", [("class", "card")], [
                .tag("dt", text: "Name"), .tag("dd", text: model.name),
                .tag("dt", text: "Email"), .tag("dd", text: model.email),
                .tag("dt", text: "Role"), .tag("dd", [], [.text(model.role + " · "), .link("what each role may do", to: SitePath.roles())]),
            ]),
            .link("Change your password", to: SitePath.accountPassword(), [("class", "button secondary")]),
            .tag("section", [("aria-labelledby", "api-tokens")], [
                .tag("h2", [("id", "api-tokens")], text: "Personal API tokens"),
                .tag("p", text: "A script that sends a token (Authorization: Bearer …) to Relief's JSON API or its FHIR endpoint (/fhir/R4) acts "
                     + "as you, with your role, and everything it reads or changes is audited under your name. Make a token only read when "
                     + "its script needs no more. Revoke a token you no longer use."),
                .tag("p", [], [.link("API description (OpenAPI)", to: SitePath.openAPI())]),
                newToken(model.newToken),
                tokens(model.tokens, csrfToken: csrfToken),
                createForm(model, csrfToken: csrfToken),
            ]),
        ]
    }

    private static func newToken(_ token: (name: String, secret: String)?) -> BodyNode {
        guard let token else { return .empty }
        return .tag("div", [("class", "notice success"), ("role", "status")], [
            .tag("p", text: "Your new token “\(token.name)”. Copy it now: Relief keeps only a fingerprint and cannot show it again."),
            .void("input", [("type", "text"), ("readonly", nil), ("id", "new-token"), ("value", token.secret),
                            ("aria-label", "New API token"), ("class", "token"), ("autocomplete", "off")]),
        ])
    }

    private static func tokens(_ rows: [TokenRow], csrfToken: String) -> BodyNode {
        guard !rows.isEmpty else { return .tag("p", [("class", "muted")], text: "You have no API tokens.") }
        return .tag("table", [], [
            .tableHead(["Name", "Starts with", "May", "Created", "Expires", "Last used", "State", ""]),
            .tag("tbody", [], rows.map { row in
                .tag("tr", [], [
                    .tag("td", text: row.name), .tag("td", [], [.tag("code", text: row.hint + "…")]), .tag("td", text: row.reach), .tag("td", text: row.created),
                    .tag("td", text: row.expires), .tag("td", text: row.lastUsed), .tag("td", text: row.state),
                    .tag("td", [], [.if(row.isActive, .tag("form", [("method", "post"), ("action", SitePath.revokeAPIToken(row.id))], [
                        Forms.csrf(csrfToken),
                        .tag("button", [("type", "submit"), ("class", "secondary")], text: "Revoke “\(row.name)”"),
                    ]))]),
                ])
            }),
        ])
    }

    private static func createForm(_ model: Model, csrfToken: String) -> BodyNode {
        let order = ["name", "expiresIn"]
        return .tag("form", [("method", "post"), ("action", SitePath.apiTokens()), ("class", "narrow")], [
            .tag("h3", text: "Make a token"),
            Forms.errorSummary(order.compactMap { name in model.problems[name].map { (name: name, message: $0) } }),
            Forms.csrf(csrfToken),
            Forms.text("name", label: "What it is for", value: model.tokenName, error: model.problems["name"], required: true,
                       hint: "For example “nightly outcomes export”."),
            Forms.select("expiresIn", label: "Expires", options: APITokenExpiry.allCases.map { Forms.Option(value: $0.rawValue, title: $0.title) },
                         selected: model.expiry, error: model.problems["expiresIn"], required: true),
            Forms.checkboxes("reach", legend: "What it may do", options: [Forms.Option(value: "read-only", title: "Only read (a registry or report script: nothing it sends can change a record)")],
                             checked: model.readOnly ? ["read-only"] : []),
            Forms.submit("Make token"),
        ])
    }
}

/// How long a new token lives.
enum APITokenExpiry: String, Coded {
    case days30 = "30", days90 = "90", days365 = "365", never

    var title: String {
        switch self {
        case .days30: "In 30 days"
        case .days90: "In 90 days"
        case .days365: "In a year"
        case .never: "Never (revoke it yourself)"
        }
    }

    func date(from now: Date) -> Date? {
        Int(rawValue).map { now.addingTimeInterval(TimeInterval($0) * 86_400) }
    }
}
