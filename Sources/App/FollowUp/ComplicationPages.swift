import Foundation
import Plot
import ReliefCore

/// A procedure's complications: the form that records or updates one, and the list on the procedure record.
enum ComplicationPages {
    struct Model {
        let patientID: UUID
        let appointmentID: UUID
        /// nil for a new one.
        let id: UUID?
        let version: Int
        let procedure: String
        let fields: FormFields
        var problems: [String: String] = [:]
        var conflict: String?
    }

    static func form(_ model: Model, csrfToken: String) -> [BodyNode] {
        let form = BoundForm(fields: model.fields, problems: model.problems)
        let action = model.id.map { SitePath.complication(model.patientID, model.appointmentID, $0) } ?? SitePath.complications(model.patientID, model.appointmentID)
        return [
            .tag("p", [], [.link("← The procedure record", to: SitePath.procedureRecord(model.patientID, model.appointmentID))]),
            .tag("h1", text: model.id == nil ? "Record a complication" : "Complication"),
            .tag("p", text: "Of the \(model.procedure)."),
            .unwrap(model.conflict) { .tag("p", [("class", "notice warning"), ("role", "alert")], text: $0) },
            Forms.errorSummary(form.errors),
            .tag("form", [("method", "post"), ("action", action), ("novalidate", nil), ("class", "card")], [
                Forms.csrf(csrfToken), Forms.hidden("version", String(model.version)),
                Forms.row([form.choose("kind", "What happened", ComplicationKind.self, required: true),
                           form.text("onsetOn", "Started on", hint: "MM/DD/YYYY", required: true)]),
                form.choose("severity", "Severity", ComplicationSeverity.self, required: true),
                form.area("description", "Description", rows: 3),
                form.area("management", "What was done", rows: 3, required: true),
                Forms.row([form.choose("outcome", "How it stands", ComplicationOutcome.self, required: true),
                           form.text("resolvedOn", "Resolved on", hint: "MM/DD/YYYY, once resolved")]),
                Forms.submit(model.id == nil ? "Record the complication" : "Save the changes"),
            ]),
        ]
    }

    /// The list on the procedure record, with the way to record another.
    static func list(_ items: [(summary: String, href: String)], record: String?) -> BodyNode {
        .tag("section", [("id", "complications")], [
            .tag("h2", text: "Complications"),
            items.isEmpty ? .tag("p", [("class", "muted")], text: "None recorded.")
                          : .tag("ul", [], items.map { .tag("li", [], [.link($0.summary, to: $0.href)]) }),
            .unwrap(record) { .link("Record a complication", to: $0, [("class", "button secondary")]) },
        ])
    }
}
