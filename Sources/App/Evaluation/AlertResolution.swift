import Foundation
import Plot
import ReliefCore

/// Resolving a chart alert again after the reason was missing or too long: the alert, and the reason as typed
/// with its message.
enum AlertResolution {
    static func page(patientID: UUID, alert: EvaluationQueries.OpenAlert, reason: String, problem: String, fromInbox: Bool,
                     csrfToken: String) -> [BodyNode] {
        [
            .tag("h1", text: "Resolve an alert"),
            Forms.errorSummary([(name: "reason", message: problem)]),
            .tag("p", [], [.tag("strong", text: alert.message)]),
            .tag("form", [("method", "post"), ("action", SitePath.resolveAlert(patientID, alert.id)), ("novalidate", nil)], [
                Forms.csrf(csrfToken),
                .if(fromInbox, Forms.hidden("from", "inbox")),
                Forms.textarea("reason", label: "Reason it is resolved", value: reason, error: problem, required: true,
                               hint: "What ruled it out, up to 1,000 characters. The reason is kept with your name."),
                .tag("div", [("class", "actions")], [
                    Forms.submit("Resolve"),
                    fromInbox ? .link("Back to the inbox", to: SitePath.inbox()) : .link("Back to the chart", to: SitePath.patient(patientID)),
                ]),
            ]),
        ]
    }
}
