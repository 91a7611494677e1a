import Foundation
import Plot
import ReliefCore

/// The follow-up calls due: oldest first, how overdue, the calls so far, and on each row the way to the answers and
/// a form for a call that did not reach the patient.
enum FollowUpWorklistPage {
    struct Row {
        let patientID: UUID
        let id: UUID
        let version: Int
        let patient: String
        let phone: String
        let procedure: String
        let when: String
        let due: CalendarDate
        let calls: [String]
    }

    struct Model {
        let rows: [Row]
        let today: CalendarDate
        let attempts: Int
        let canRecord: Bool
    }

    static func render(_ model: Model, csrfToken: String) -> [BodyNode] {
        [
            WorklistTabs.render(current: SitePath.followUpWorklist(), followUps: true),
            .tag("h1", text: "Follow-up calls"),
            .tag("p", text: "Follow-ups due by today, oldest first. Open one to take the answers; a follow-up not reached after "
                 + "\(model.attempts) calls, or declined, is recorded as lost."),
            model.rows.isEmpty ? .tag("p", [("class", "muted")], text: "No follow-ups due.") : .tag("table", [("class", "list")], [
                .tableHead(["Due", "Patient", "After", "Calls so far"] + (model.canRecord ? ["Not reached"] : [])),
                .tag("tbody", [], model.rows.map { row($0, today: model.today, canRecord: model.canRecord, csrfToken: csrfToken) }),
            ]),
        ]
    }

    private static func row(_ row: Row, today: CalendarDate, canRecord: Bool, csrfToken: String) -> BodyNode {
        let late = today.daysSince(row.due)
        let id = row.id.lowercasedText
        return .tag("tr", late > 7 ? [("class", "overdue")] : [], [
            .tag("td", [], [.text(row.due.display), .if(late > 0, .tag("div", [("class", "hint")], text: "\(late) day\(late == 1 ? "" : "s") overdue"))]),
            .tag("td", [], [.link(row.patient, to: SitePath.followUp(row.patientID, row.id)),
                            .tag("div", [("class", "hint")], text: row.phone.isEmpty ? "No phone on file" : row.phone)]),
            .tag("td", [], [.text(row.procedure), .tag("div", [("class", "hint")], text: row.when)]),
            .tag("td", [], row.calls.isEmpty ? [.text("None")] : [.tag("ul", [("class", "plain")], row.calls.map { .tag("li", text: $0) })]),
            .if(canRecord, .tag("td", [], [
                .tag("form", [("method", "post"), ("action", SitePath.followUpAttempts(row.patientID, row.id)), ("class", "inline-form")], [
                    Forms.csrf(csrfToken), Forms.hidden("version", String(row.version)), Forms.hidden("from", "worklist"),
                    .tag("select", [("name", "outcome"), ("id", "outcome-\(id)"), ("aria-label", "What came of the call")],
                         FollowUpAttemptOutcome.allCases.map { .tag("option", [("value", $0.rawValue)], text: $0.title) }),
                    .void("input", [("type", "text"), ("name", "note"), ("id", "note-\(id)"), ("aria-label", "Note"), ("placeholder", "Note")]),
                    Forms.submit("Record", secondary: true),
                ]),
            ])),
        ])
    }
}

/// The worklists' tabs: test orders, and follow-up calls for those who make them.
enum WorklistTabs {
    static func render(current: String, followUps: Bool) -> BodyNode {
        Tabs.render("Worklists", [("Test orders", SitePath.worklists())] + (followUps ? [("Follow-up calls", SitePath.followUpWorklist())] : [])
                    + [("Pump refills", SitePath.pumpRefillWorklist())], current: current)
    }
}
