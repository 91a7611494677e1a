import Foundation
import Plot
import ReliefCore

/// The practice's scheduling set-up: rooms with their equipment, appointment lengths, and one provider's week and
/// time off at a time. Every form saves under the version of the whole set-up.
enum ScheduleSettingsPage {
    /// One form's fields and problems.
    struct Form {
        var fields = FormFields()
        var problems: [String: String] = [:]
    }

    struct Model {
        let settings: ScheduleSettings
        let version: Int
        let providers: [AppointmentQueries.Provider]
        let today: CalendarDate
        /// The room being changed, or nil for a new one.
        var room: String?
        var roomForm = Form()
        var lengths = Form()
        /// The provider whose hours are open.
        var provider: AppointmentQueries.Provider?
        var hours = Form()
        var timeOff = Form()
        var conflict: String?
        /// Shown within the admin area to administrators.
        var adminTabs = false
    }

    static func link(room: String? = nil, provider: UUID? = nil) -> String {
        SitePath.scheduleSettings() + DecisionSupportPages.queryString([("room", room), ("provider", provider?.lowercasedText)])
    }

    static func render(_ model: Model, csrfToken: String) -> [BodyNode] {
        [
            .if(model.adminTabs, AdminTabs.render(current: SitePath.scheduleSettings())),
            .tag("h1", text: "Schedule set-up"),
            .tag("p", text: "Rooms and what they are equipped for (a procedure is booked only in a room with what it needs), how long each kind of "
                 + "appointment lasts, and each provider's week and time off (a provider without hours can be booked at any time)."),
            .unwrap(model.conflict) { .tag("div", [("class", "notice warning"), ("role", "alert")], text: $0) },
            rooms(model, csrfToken: csrfToken),
            lengths(model, csrfToken: csrfToken),
            providers(model, csrfToken: csrfToken),
        ]
    }

    private static func post(_ action: String, _ model: Model, csrfToken: String, _ form: BoundForm, _ controls: [BodyNode], submit: String) -> BodyNode {
        .group([
            Forms.errorSummary(form.errors),
            .tag("form", [("method", "post"), ("action", action), ("novalidate", nil)], [
                Forms.csrf(csrfToken), Forms.hidden("version", String(model.version)), .group(controls),
                .tag("div", [("class", "actions")], [Forms.submit(submit)]),
            ]),
        ])
    }

    private static func rooms(_ model: Model, csrfToken: String) -> BodyNode {
        let form = BoundForm(fields: model.roomForm.fields, problems: model.roomForm.problems)
        let changing = model.room.flatMap(model.settings.room)
        return .tag("section", [("class", "card"), ("aria-labelledby", "rooms-heading")], [
            .tag("h2", [("id", "rooms-heading")], text: "Rooms"),
            model.settings.rooms.isEmpty ? .tag("p", [("class", "muted")], text: "No room yet.") : .tag("table", [("class", "list")], [
                .tableHead(["Room", "Location", "Kind", "Equipment", "In use", ""]),
                .tag("tbody", [], model.settings.rooms.map { room in
                    .tag("tr", [], [
                        .tag("th", [("scope", "row")], text: room.name), .tag("td", text: room.location), .tag("td", text: room.kind.title),
                        .tag("td", text: room.capabilities.map(\.title).joined(separator: ", ")), .tag("td", text: room.retired ? "Retired" : "Yes"),
                        .tag("td", [], [.link("Change", to: link(room: room.id) + "#rooms-heading")]),
                    ])
                }),
            ]),
            .tag("h3", text: changing.map { "Change \($0.name)" } ?? "Add a room"),
            .if(changing != nil, .tag("p", [], [.link("Add a new room instead", to: link() + "#rooms-heading")])),
            post(SitePath.scheduleRooms(), model, csrfToken: csrfToken, form, [
                .unwrap(changing) { Forms.hidden("room", $0.id) },
                Forms.row([form.text("name", "Name", required: true), form.text("location", "Location", hint: "The clinic's site, or empty")]),
                form.choose("kind", "Kind", RoomKind.self, required: true),
                form.boxes("capabilities", "Equipment", RoomCapability.self),
                .if(changing != nil, Forms.checkboxes("retired", legend: "Retire", options: [Forms.Option(value: "yes", title: "No new bookings in this room")],
                                                      checked: form.fields.values("retired"))),
            ], submit: changing == nil ? "Add the room" : "Save the room"),
        ])
    }

    private static func lengths(_ model: Model, csrfToken: String) -> BodyNode {
        let form = BoundForm(fields: model.lengths.fields, problems: model.lengths.problems)
        return .tag("section", [("class", "card"), ("aria-labelledby", "lengths-heading")], [
            .tag("h2", [("id", "lengths-heading")], text: "Appointment lengths, in minutes"),
            post(SitePath.scheduleLengths(), model, csrfToken: csrfToken, form, [
                Forms.row(AppointmentKind.allCases.map { kind in
                    form.number(ScheduleSettings.durationField(kind), kind.title, hint: "Otherwise \(kind.defaultMinutes)", narrow: true)
                }),
            ], submit: "Save the lengths"),
        ])
    }

    private static func providers(_ model: Model, csrfToken: String) -> BodyNode {
        .tag("section", [("class", "card"), ("aria-labelledby", "hours-heading")], [
            .tag("h2", [("id", "hours-heading")], text: "Providers' hours and time off"),
            .tag("table", [("class", "list")], [
                .tableHead(["Provider", "Week", "Time off to come", ""]),
                .tag("tbody", [], model.providers.filter { !$0.disabled }.map { provider in
                    let hours = model.settings.hours(of: provider.id)
                    let week = Weekday.allCases.compactMap { day -> String? in
                        let shifts = hours?.shifts.filter { $0.day == day }.map(\.hours.display) ?? []
                        return shifts.isEmpty ? nil : "\(day.title.prefix(3)) \(shifts.joined(separator: ", "))"
                    }
                    let away = hours?.timeOff.filter { $0.to >= model.today }.map { "\($0.from.display)–\($0.to.display)" } ?? []
                    return .tag("tr", [], [
                        .tag("th", [("scope", "row")], text: "\(provider.name) (\(provider.role.title.lowercased()))"),
                        .tag("td", text: week.isEmpty ? "Hours not kept" : week.joined(separator: "; ")),
                        .tag("td", text: away.joined(separator: ", ")),
                        .tag("td", [], [.link("Change", to: link(provider: provider.id) + "#provider-heading")]),
                    ])
                }),
            ]),
            .unwrap(model.provider) { provider(model, $0, csrfToken: csrfToken) },
        ])
    }

    private static func provider(_ model: Model, _ provider: AppointmentQueries.Provider, csrfToken: String) -> BodyNode {
        let hours = BoundForm(fields: model.hours.fields, problems: model.hours.problems)
        let away = BoundForm(fields: model.timeOff.fields, problems: model.timeOff.problems)
        let timeOff = model.settings.hours(of: provider.id)?.timeOff.sorted { $0.from < $1.from } ?? []
        let id = Forms.hidden("provider", provider.id.uuidString)
        return .group([
            .tag("h3", [("id", "provider-heading")], text: provider.name),
            post(SitePath.scheduleHours(), model, csrfToken: csrfToken, hours, [
                id,
                .tag("p", [("class", "hint")], text: "Each day's stretches, like 8:00-12:00, 1:00 PM-5:00 PM; empty for a day off. All empty: hours not kept."),
                .tag("div", [("class", "grid")], Weekday.allCases.map { hours.text($0.rawValue, $0.title) }),
            ], submit: "Save the week"),
            .tag("h4", text: "Time off"),
            timeOff.isEmpty ? .tag("p", [("class", "muted")], text: "None recorded.") : .tag("ul", [("class", "plain")], timeOff.map { off in
                .tag("li", [], [
                    .text("\(off.from.display)–\(off.to.display)" + (off.note.isEmpty ? "" : ": \(off.note)") + " "),
                    .tag("form", [("method", "post"), ("action", SitePath.removeScheduleTimeOff()), ("class", "inline")], [
                        Forms.csrf(csrfToken), Forms.hidden("version", String(model.version)), id,
                        Forms.hidden("from", off.from.description), Forms.hidden("to", off.to.description), Forms.submit("Remove", secondary: true),
                    ]),
                ])
            }),
            post(SitePath.scheduleTimeOff(), model, csrfToken: csrfToken, away, [
                id,
                Forms.row([away.text("from", "First day", hint: "MM/DD/YYYY", required: true), away.text("to", "Last day", hint: "MM/DD/YYYY", required: true),
                           away.text("note", "Why", hint: "Shown on the schedule, like “Conference”")]),
            ], submit: "Add the time off"),
        ])
    }
}
