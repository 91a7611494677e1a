import Foundation
import Plot
import ReliefCore

/// The front desk's reminder calls: booked appointments on the next two working days, what came of each call so far,
/// and a row form to record the next (a patient reached and coming confirms the appointment).
enum ReminderCallsPage {
    struct Row {
        let line: AppointmentPages.Line
        let patient: String
        let phone: String
        let calls: [String]
        /// Where the e-mail reminder stands, when there is one: queued, trying again, not sent.
        var email: String?
    }

    struct Model {
        let rows: [Row]
        let lastDay: CalendarDate
        let canRecord: Bool
        /// Whether a mail server is set up, so patients with an e-mail address are reminded by e-mail.
        let mailing: Bool
    }

    static func render(_ model: Model, csrfToken: String) -> [BodyNode] {
        [
            .tag("p", [], [.link("← Schedule", to: SitePath.schedule())]),
            .tag("h1", text: "Reminder calls"),
            .tag("p", text: "Appointments not yet confirmed, up to \(Weekday(model.lastDay).title) \(model.lastDay.display). Reaching the patient "
                 + "and hearing they are coming confirms the appointment."),
            .tag("p", [("class", "muted")], text: model.mailing
                 ? "Patients with an e-mail address are reminded by e-mail; call the others, and anyone whose e-mail did not go."
                 : "No mail server is set up (RELIEF_SMTP_URL), so every reminder is a call."),
            model.rows.isEmpty ? .tag("p", [("class", "muted")], text: "No one to call.") : .tag("table", [("class", "list")], [
                .tableHead(["When", "Patient", "For", "With", "Reminders so far"] + (model.canRecord ? ["This call"] : [])),
                .tag("tbody", [], model.rows.map { row($0, canRecord: model.canRecord, csrfToken: csrfToken) }),
            ]),
        ]
    }

    private static func row(_ row: Row, canRecord: Bool, csrfToken: String) -> BodyNode {
        let id = row.line.id.lowercasedText
        return .tag("tr", [], [
            .tag("td", [], [.link(row.line.when, to: SitePath.appointment(row.line.patientID, row.line.id))]),
            .tag("td", [], [.text(row.patient), .tag("div", [("class", "hint")], text: row.phone.isEmpty ? "No phone on file" : row.phone)]),
            .tag("td", text: row.line.what),
            .tag("td", text: row.line.provider),
            .tag("td", [], (row.calls.isEmpty && row.email == nil ? [.text("None")] : [.tag("ul", [("class", "plain")], row.calls.map { .tag("li", text: $0) })])
                 + [.unwrap(row.email) { .tag("div", [("class", "hint")], text: $0) }]),
            .if(canRecord, .tag("td", [], [
                .tag("form", [("method", "post"), ("action", SitePath.appointmentReminder(row.line.patientID, row.line.id)), ("class", "inline-form")], [
                    Forms.csrf(csrfToken), Forms.hidden("version", String(row.line.version)),
                    .tag("select", [("name", "outcome"), ("id", "outcome-\(id)"), ("aria-label", "What came of the call")],
                         ReminderOutcome.allCases.map { .tag("option", [("value", $0.rawValue)], text: $0.title) }),
                    .void("input", [("type", "text"), ("name", "note"), ("id", "note-\(id)"), ("aria-label", "Note"), ("placeholder", "Note")]),
                    Forms.submit("Record", secondary: true),
                ]),
            ])),
        ])
    }
}
