import Foundation
import Plot

enum AuditPage {
    struct Row {
        let time: String
        let user: String
        let role: String
        let action: String
        let resource: String
        let patientID: UUID?
        let ip: String
        let outcome: String
        let detail: String

        init(_ event: AuditEvent, time: String) {
            self.time = time
            user = event.userEmail ?? "—"
            role = event.role ?? ""
            action = event.action
            resource = [event.resourceType, event.resourceID].compactMap { $0 }.joined(separator: " ")
            patientID = event.patientID
            ip = event.ip ?? ""
            outcome = event.outcome
            detail = event.detail ?? ""
        }
    }

    static func render(filter: AuditController.Filter, rows: [Row], hasMore: Bool) -> [BodyNode] {
        let actions = AuditAction.allCases.map { Forms.Option(value: $0.rawValue, title: $0.rawValue) }
        let errors = ["user", "patient", "action", "from", "to"].compactMap { name in filter.errors[name].map { (name: name, message: $0) } }
        let query = filter.queryString
        return [
            AdminTabs.render(current: SitePath.audit()),
            .tag("h1", text: "Audit trail"),
            Forms.errorSummary(errors),
            .tag("form", [("method", "get"), ("action", SitePath.audit()), ("class", "filters")], [
                Forms.text("user", label: "User email", value: filter.user, autocomplete: "off"),
                Forms.text("patient", label: "Patient MRN or id", value: filter.patient, autocomplete: "off"),
                Forms.select("action", label: "Action", options: actions, selected: filter.action, error: filter.errors["action"], placeholder: "Any"),
                Forms.text("from", label: "From", value: filter.from, error: filter.errors["from"], hint: "MM/DD/YYYY"),
                Forms.text("to", label: "To", value: filter.to, error: filter.errors["to"], hint: "MM/DD/YYYY"),
                Forms.submit("Filter"),
                .link("Export CSV", to: SitePath.auditExport() + (query.isEmpty ? "" : "?" + query), [("class", "button secondary")]),
            ]),
            .tag("table", [("class", "list audit")], [
                .tableHead(["Time", "User", "Role", "Action", "Record", "Patient", "Address", "Outcome", "Detail"]),
                .tag("tbody", [], rows.map { row in
                    .tag("tr", [("class", "outcome-\(row.outcome)")], [
                        .tag("td", text: row.time), .tag("td", text: row.user), .tag("td", text: row.role),
                        .tag("td", text: row.action), .tag("td", text: row.resource),
                        .tag("td", [], [.unwrap(row.patientID) { .link("chart", to: SitePath.patient($0)) }]),
                        .tag("td", text: row.ip), .tag("td", text: row.outcome), .tag("td", text: row.detail),
                    ])
                }),
            ]),
            .tag("nav", [("class", "pager"), ("aria-label", "Pages")], [
                .if(filter.page > 1, .link("Newer", to: SitePath.audit() + "?" + query + "&page=\(filter.page - 1)")),
                .if(hasMore, .link("Older", to: SitePath.audit() + "?" + query + "&page=\(filter.page + 1)")),
            ]),
        ]
    }
}
