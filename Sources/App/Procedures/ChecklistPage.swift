import Foundation
import Plot
import ReliefCore

/// The pre-procedure checklist page: each line ticked, measured, or met from the record; saved as it goes, completed
/// once every line is met, or gone ahead without by a physician with a reason. Closed, it reads as it was.
enum ChecklistPage {
    struct Model {
        let patientID: UUID
        let appointmentID: UUID
        let title: String
        let checklist: ProcedureChecklist
        let answers: ProcedureChecklist.Answers
        /// Values as typed, when a save was refused.
        var typed = FormFields()
        var problems: [String: String] = [:]
        let status: ChecklistQueries.Status
        /// "Completed by … on …" or "Gone ahead without … by …: reason".
        let closed: String?
        let version: Int
        let canSave: Bool
        let canOverride: Bool
    }

    static func render(_ model: Model, csrfToken: String) -> [BodyNode] {
        let missing = Set(model.checklist.missing(model.answers).map(\.id))
        let open = model.status == .open
        let action = SitePath.appointmentChecklist(model.patientID, model.appointmentID)
        return [
            .tag("p", [], [.link("← The appointment", to: SitePath.appointment(model.patientID, model.appointmentID))]),
            .tag("h1", text: "Before the procedure: \(model.title)"),
            .unwrap(model.closed) { .tag("p", [("class", "notice"), ("role", "status")], text: $0) },
            .if(open, .tag("p", text: missing.isEmpty ? "Every check is met: complete the checklist to start."
                                                      : "\(missing.count) of \(model.checklist.lines.count) checks still to do; the procedure starts once all are met.")),
            .group(model.checklist.advisories(model.answers).map { .tag("p", [("class", "notice warning"), ("role", "alert")], text: $0) }),
            Forms.errorSummary(model.problems.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }),
            .tag("form", [("method", "post"), ("action", action), ("novalidate", nil)], [
                Forms.csrf(csrfToken), Forms.hidden("version", String(model.version)),
                .tag("ul", [("class", "checklist plain")], model.checklist.lines.map { line($0, model, met: !missing.contains($0.id), editable: open && model.canSave) }),
                .if(open && model.canSave, .tag("div", [("class", "actions")], [
                    Forms.submit("Save", name: "action", value: "save", secondary: true),
                    Forms.submit("Complete the checklist", name: "action", value: "complete"),
                ])),
            ]),
            .if(open && model.canOverride && !missing.isEmpty,
                .tag("form", [("method", "post"), ("action", SitePath.overrideChecklist(model.patientID, model.appointmentID)), ("class", "card")], [
                    .tag("h2", text: "Go ahead without the missing checks"),
                    .tag("p", [("class", "hint")], text: "A physician's decision, recorded with the reason and audited; the answers so far are kept."),
                    Forms.csrf(csrfToken), Forms.hidden("version", String(model.version)),
                    Forms.textarea("reason", label: "Reason", value: "", error: model.problems["reason"], required: true, rows: 2),
                    Forms.submit("Go ahead without them", secondary: true),
                ])),
        ]
    }

    private static func line(_ line: ProcedureChecklist.Line, _ model: Model, met: Bool, editable: Bool) -> BodyNode {
        let mark = BodyNode.tag("span", [("class", met ? "check-met" : "check-missing")], text: met ? "✓ " : "✗ ")
        switch line.kind {
        case .record:
            return .tag("li", [], [mark, .text(line.text)] + (met ? [] : [.text(" "), .link("Informed consents", to: SitePath.consents(model.patientID))]))
        case .tick:
            guard editable else { return .tag("li", [], [mark, .text(line.text)]) }
            return .tag("li", [], [
                .void("input", [("type", "checkbox"), ("id", line.id), ("name", line.id), ("value", "yes")] + (met ? [("checked", nil)] : [])),
                .tag("label", [("for", line.id)], text: " " + line.text),
            ])
        case .value(let unit, _):
            let value = model.typed[line.id].isEmpty ? model.answers.values[line.id].map(Figures.text) ?? "" : model.typed[line.id]
            guard editable else { return .tag("li", [], [mark, .text("\(line.text) \(value) \(unit)")]) }
            return .tag("li", [], [Forms.text(line.id, label: line.text, value: value, error: model.problems[line.id], hint: unit.isEmpty ? nil : unit,
                                              extra: [("inputmode", "decimal"), ("class", "narrow")])])
        }
    }
}
