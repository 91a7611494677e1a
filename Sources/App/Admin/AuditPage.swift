import Foundation
import Plot
import ReliefCore

/// The audit trail for an administrator: who did what to which patient's record, when to the second, from where.
enum AuditPage {
    struct Row {
        let time: String
        let user: String
        let role: String
        let action: String
        let code: String
        let resource: String
        /// "Müller, Zoë (MRN 00000018)"; the id when the patient is unknown; empty for none.
        let patient: String
        let ip: String
        let outcome: String
        let detail: String

        init(_ event: AuditEvent, time: String, patient: PatientSummary?) {
            self.time = time
            user = event.userEmail ?? "—"
            role = event.role.flatMap { Role(rawValue: $0)?.title } ?? event.role ?? ""
            action = AuditAction(rawValue: event.action)?.title ?? event.action
            code = event.action
            resource = [event.resourceType, event.resourceID].compactMap { $0 }.joined(separator: " ")
            self.patient = patient.map { "\($0.displayName) (MRN \($0.mrn))" } ?? event.patientID?.uuidString ?? ""
            ip = event.ip ?? ""
            outcome = event.outcome
            detail = event.detail ?? ""
        }
    }

    struct Model {
        let filter: AuditController.Filter
        let rows: [Row]
        /// The patients the patient filter found; nil without one.
        let matched: [String]?
        let hasMore: Bool
    }

    static func render(_ model: Model) -> [BodyNode] {
        let (filter, rows, hasMore) = (model.filter, model.rows, model.hasMore)
        let actions = AuditAction.allCases.map { Forms.Option(value: $0.rawValue, title: $0.title) }
        let errors = ["user", "patient", "action", "from", "to"].compactMap { name in filter.errors[name].map { (name: name, message: $0) } }
        let query = filter.queryString
        return [
            AdminTabs.render(current: SitePath.audit()),
            .tag("h1", text: "Audit trail"),
            Forms.errorSummary(errors),
            .tag("form", [("method", "get"), ("action", SitePath.audit()), ("class", "filters")], [
                Forms.text("user", label: "User email", value: filter.user, autocomplete: "off"),
                Forms.text("patient", label: "Patient", value: filter.patient, autocomplete: "off", hint: "Name (“smith, jo”), MRN or date of birth"),
                Forms.select("action", label: "Action", options: actions, selected: filter.action, error: filter.errors["action"], placeholder: "Any"),
                Forms.text("from", label: "From", value: filter.from, error: filter.errors["from"], hint: "MM/DD/YYYY"),
                Forms.text("to", label: "To", value: filter.to, error: filter.errors["to"], hint: "MM/DD/YYYY"),
                Forms.submit("Filter"),
                .link("Export CSV", to: SitePath.auditExport() + (query.isEmpty ? "" : "?" + query), [("class", "button secondary")]),
            ]),
            .unwrap(model.matched) { matched in
                matched.isEmpty
                    ? .tag("p", [("class", "notice warning"), ("role", "status")], text: "No patient matches “\(filter.patient)”.")
                    : .tag("p", [("class", "muted")], text: (matched.count == 1 ? "Patient: " : "Patients matching “\(filter.patient)”: ")
                           + matched.joined(separator: "; ") + (matched.count >= PatientQueries.searchLimit ? "; more — type more of the name." : "."))
            },
            rows.isEmpty
                ? .tag("p", [("class", "muted"), ("role", "status")], text: filter.page > 1 ? "No older events." : "No audit events match these filters.")
                : .tag("table", [("class", "list audit")], [
                    .tableHead(["Time", "User", "Role", "Action", "Record", "Patient", "Address", "Outcome", "Detail"]),
                    .tag("tbody", [], rows.map { row in
                        .tag("tr", [("class", "outcome-\(row.outcome)")], [
                            .tag("td", text: row.time), .tag("td", text: row.user), .tag("td", text: row.role),
                            .tag("td", [("title", row.code)], text: row.action), .tag("td", text: row.resource), .tag("td", text: row.patient),
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
