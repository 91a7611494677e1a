import Foundation
import Plot
import ReliefCore

/// The patient's appointments, booking or moving one, and one appointment with its status steps.
enum AppointmentPages {
    /// One appointment as the pages show it, names resolved.
    struct Line {
        let id: UUID
        let patientID: UUID
        let date: CalendarDate
        let time: ClockRange
        let what: String
        let provider: String
        let room: String
        let status: AppointmentStatus
        let note: String
        let reason: String
        let version: Int

        var when: String { "\(date.display) \(time.display)" }
    }

    static func index(patientID: UUID, upcoming: [Line], past: [Line], canBook: Bool) -> [BodyNode] {
        [
            .tag("div", [("class", "page-head")], [
                .tag("h1", text: "Appointments"),
                .if(canBook, .link("Book an appointment", to: SitePath.newAppointment(patientID), [("class", "button")])),
            ]),
            .tag("h2", text: "Coming"),
            table(upcoming, empty: "Nothing booked."),
            .tag("h2", text: "Past and cancelled"),
            table(past, empty: "None yet."),
        ]
    }

    private static func table(_ lines: [Line], empty: String) -> BodyNode {
        guard !lines.isEmpty else { return .tag("p", [("class", "muted")], text: empty) }
        return .tag("table", [("class", "list")], [
            .tableHead(["When", "For", "With", "Room", "Status"]),
            .tag("tbody", [], lines.map { line in
                .tag("tr", [], [
                    .tag("td", [], [.link(line.when, to: SitePath.appointment(line.patientID, line.id))]),
                    .tag("td", text: line.what),
                    .tag("td", text: line.provider),
                    .tag("td", text: line.room),
                    .tag("td", [("class", "appointment-\(line.status.rawValue)")], text: line.status.title),
                ])
            }),
        ])
    }

    struct FormModel {
        let patientID: UUID
        let fields: FormFields
        var problems: [String: String] = [:]
        let providers: [Forms.Option]
        let rooms: [Forms.Option]
        let durations: String
        /// Set when moving an appointment: its address and version.
        var moving: (id: UUID, version: Int)?
    }

    static func form(_ model: FormModel, csrfToken: String) -> [BodyNode] {
        let form = BoundForm(fields: model.fields, problems: model.problems)
        let controls: [BodyNode] = [
            Forms.row([
                form.choose("kind", "For", AppointmentKind.self, required: true),
                form.option("provider", "With", model.providers, required: true),
                form.option("room", "Room", model.rooms, hint: "Not needed for a phone call"),
            ]),
            Forms.row([
                form.text("date", "Date", hint: "MM/DD/YYYY", required: true),
                form.text("start", "Starts at", hint: "Like 8:30 AM or 14:30", required: true),
                form.number("minutes", "Minutes", hint: model.durations, narrow: true),
            ]),
            Forms.section("For a procedure", [
                .tag("p", [("class", "hint")], text: "What will be done; the room must have its equipment (fluoroscopy, ultrasound, sedation)."),
                form.intervention("intervention", "Procedure", procedures: true),
                Forms.row([
                    form.choose("region", "Region", BodyArea.self),
                    form.text("levels", "Levels", hint: "Like L4-L5, L5-S1"),
                    form.choose("side", "Side", Laterality.self),
                ]),
            ]),
            form.area("note", "Note for the day", hint: "Interpreter, wheelchair, bring imaging…", rows: 2),
        ]
        let action = model.moving.map { SitePath.moveAppointment(model.patientID, $0.id) } ?? SitePath.appointments(model.patientID)
        let title = model.moving == nil ? "Book an appointment" : "Move the appointment"
        return [
            .tag("p", [], [.link("← Appointments", to: SitePath.appointments(model.patientID))]),
            .tag("h1", text: title),
            Forms.errorSummary(form.errors),
            .tag("form", [("method", "post"), ("action", action), ("novalidate", nil)], [
                Forms.csrf(csrfToken),
                .unwrap(model.moving) { Forms.hidden("version", String($0.version)) },
                .unwrap(model.fields["plan"].isEmpty ? nil : model.fields["plan"]) { Forms.hidden("plan", $0) },
                .group(controls),
                .tag("div", [("class", "actions")], [
                    Forms.submit(model.moving == nil ? "Book" : "Move"),
                    .link("See the day's schedule", to: SchedulePage.link(date: CalendarDate(model.fields["date"]))),
                ]),
            ]),
        ]
    }

    struct ShowModel {
        let line: Line
        let canBook: Bool
        /// The button that opens (or starts) the visit's note, for those who write notes.
        var visitNote: String?
        /// A procedure's checklist, for those who read the chart.
        var checklist: String?
        /// For a procedure: the check on its day and what must happen before it.
        var preparation: Preparation?
    }

    /// Decision support for a booked procedure: the verdict with a link to its reasons and the holds (for those who
    /// read the chart), and a warning when the day comes too soon to stop a medicine in time (for everyone).
    struct Preparation {
        let verdict: String
        let check: String?
        let holds: [String]
        let warnings: [String]
    }

    static func show(_ model: ShowModel, csrfToken: String) -> [BodyNode] {
        let line = model.line
        let status = { (next: AppointmentStatus) -> BodyNode in
            .tag("form", [("method", "post"), ("action", SitePath.appointmentStatus(line.patientID, line.id)), ("class", "inline")], [
                Forms.csrf(csrfToken), Forms.hidden("version", String(line.version)), Forms.hidden("status", next.rawValue),
                Forms.submit(next.action, secondary: next == .noShow),
            ])
        }
        let steps = line.status.next.filter { $0 != .cancelled }
        return [
            .tag("p", [], [.link("← Appointments", to: SitePath.appointments(line.patientID))]),
            .tag("h1", text: line.what),
            .tag("dl", [("class", "facts")], [
                ("When", line.when), ("With", line.provider), ("Room", line.room), ("Status", line.status.title),
                ("Note", line.note), ("Reason", line.reason),
            ].filter { !$0.1.isEmpty }.map { term, value in .group([.tag("dt", text: term), .tag("dd", text: value)]) }),
            .unwrap(model.preparation) { preparation in
                .tag("section", [("class", "card"), ("aria-labelledby", "preparation-heading")], [
                    .tag("h2", [("id", "preparation-heading")], text: "Before the procedure"),
                    .group(preparation.warnings.map { .tag("p", [("class", "notice warning"), ("role", "alert")], text: $0) }),
                    .tag("p", [], [.text("Decision support for this day: "),
                                   preparation.check.map { .link(preparation.verdict, to: $0) } ?? .text(preparation.verdict)]),
                    .if(!preparation.holds.isEmpty, .tag("ul", [], preparation.holds.map { .tag("li", text: $0) })),
                ])
            },
            .unwrap(model.checklist) { checklist in
                .tag("p", [("class", "page-actions")], [
                    .link("Pre-procedure checklist and time-out", to: checklist, [("class", "button")]),
                    .link("Procedure record", to: SitePath.procedureRecord(line.patientID, line.id), [("class", "button secondary")]),
                ])
            },
            .unwrap(model.visitNote) { title in
                .tag("form", [("method", "post"), ("action", SitePath.appointmentVisitNote(line.patientID, line.id)), ("class", "actions")], [
                    Forms.csrf(csrfToken), Forms.submit(title),
                ])
            },
            .if(model.canBook && !steps.isEmpty, .tag("div", [("class", "page-actions")], steps.map(status)
                + (line.status.isMovable ? [.link("Move", to: SitePath.moveAppointment(line.patientID, line.id), [("class", "button secondary")])] : []))),
            .if(model.canBook && line.status.next.contains(.cancelled),
                .tag("form", [("method", "post"), ("action", SitePath.appointmentStatus(line.patientID, line.id)), ("class", "inline-form")], [
                    Forms.csrf(csrfToken), Forms.hidden("version", String(line.version)), Forms.hidden("status", AppointmentStatus.cancelled.rawValue),
                    Forms.text("reason", label: "Reason for cancelling", value: "", required: true),
                    Forms.submit("Cancel the appointment", secondary: true),
                ])),
        ]
    }
}
