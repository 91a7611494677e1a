import Foundation
import Plot
import ReliefCore

/// A day of the schedule as a grid: a column per provider (or per room), a row per quarter hour, each appointment
/// a cell spanning its rows; outside a provider's hours the grid is shaded. Drawn with rowspans, no script.
enum SchedulePage {
    enum View: String, CaseIterable {
        case providers, rooms, week

        var title: String {
            switch self {
            case .providers: "The day by provider"
            case .rooms: "The day by room"
            case .week: "One provider's week"
            }
        }

        /// How far the previous and next links move.
        var days: Int { self == .week ? 7 : 1 }
    }

    struct Booking {
        let line: AppointmentPages.Line
        let patient: String
        /// The room in the providers' grid, the provider in the rooms'.
        let detail: String
    }

    struct Column {
        let title: String
        /// The provider's week, from a day's column.
        var link: String?
        let subtitle: String
        /// When the provider works that day; nil when every time counts as open (a room, or hours not kept).
        let open: [ClockRange]?
        let bookings: [Booking]
    }

    struct Model {
        let date: CalendarDate
        let today: CalendarDate
        let view: View
        let title: String
        /// The provider whose week it is, and those the form offers.
        var provider: UUID?
        let providers: [Forms.Option]
        let columns: [Column]
        /// Cancelled appointments and no-shows, listed under the grid.
        let released: [Booking]
        var canSetUp = false
    }

    static let step = 15

    static func link(date: CalendarDate?, view: View = .providers, provider: UUID? = nil) -> String {
        SitePath.schedule() + DecisionSupportPages.queryString([("date", date?.description), ("view", view == .providers ? nil : view.rawValue),
                                                                ("provider", view == .week ? provider?.lowercasedText : nil)])
    }

    static func render(_ model: Model) -> [BodyNode] {
        [
            .tag("div", [("class", "page-head")], [
                .tag("h1", text: model.title),
                .link("Reminder calls", to: SitePath.reminderCalls(), [("class", "button secondary")]),
                .link("Your calendar feed", to: SitePath.calendarFeed(), [("class", "button secondary")]),
                .if(model.canSetUp, .link("Rooms and hours", to: SitePath.scheduleSettings(), [("class", "button secondary")])),
            ]),
            .tag("div", [("class", "page-actions")], [
                .link(model.view == .week ? "← Previous week" : "← Previous day",
                      to: link(date: model.date.adding(days: -model.view.days), view: model.view, provider: model.provider)),
                .link("Today", to: link(date: model.today, view: model.view, provider: model.provider)),
                .link(model.view == .week ? "Next week →" : "Next day →",
                      to: link(date: model.date.adding(days: model.view.days), view: model.view, provider: model.provider)),
            ]),
            .tag("form", [("method", "get"), ("action", SitePath.schedule()), ("class", "inline-form filter")], [
                Forms.text("date", label: "Day", value: model.date.display, hint: "MM/DD/YYYY"),
                Forms.select("view", label: "Show", options: View.allCases.map { Forms.Option(value: $0.rawValue, title: $0.title) },
                             selected: model.view.rawValue, placeholder: nil),
                Forms.select("provider", label: "Provider (for a week)", options: model.providers, selected: model.provider?.uuidString ?? ""),
                Forms.submit("Show", secondary: true),
            ]),
            model.columns.isEmpty ? .tag("p", [("class", "muted")], text: empty(model.view)) : grid(model),
            .if(!model.released.isEmpty, .group([
                .tag("h2", text: "Cancelled and no-shows"),
                .tag("ul", [("class", "plain")], model.released.map { booking in
                    .tag("li", [], [.link("\(booking.line.time.display) \(booking.patient)", to: SitePath.appointment(booking.line.patientID, booking.line.id)),
                                    .text(" — \(booking.line.what), \(booking.line.status.title.lowercased())")])
                }),
            ])),
        ]
    }

    private static func empty(_ view: View) -> String {
        switch view {
        case .providers: "Nobody is working or booked this day."
        case .rooms: "No rooms are set up yet."
        case .week: "Choose a provider to see their week."
        }
    }

    /// Adjacent appointments that share a quarter hour (8:00–8:20, then 8:20–8:40) share one cell.
    private struct Block {
        var first: Int
        var end: Int
        var bookings: [Booking]
    }

    private static func blocks(_ bookings: [Booking], base: Int) -> [Block] {
        var blocks: [Block] = []
        for booking in bookings.sorted(by: { $0.line.time.start < $1.line.time.start }) {
            let first = booking.line.time.start.minutes / step - base
            let end = (booking.line.time.end.minutes + step - 1) / step - base
            if var last = blocks.last, last.end > first {
                last.end = max(last.end, end)
                last.bookings.append(booking)
                blocks[blocks.count - 1] = last
            } else {
                blocks.append(Block(first: first, end: end, bookings: [booking]))
            }
        }
        return blocks
    }

    private static func grid(_ model: Model) -> BodyNode {
        let times = model.columns.flatMap { ($0.open ?? []) + $0.bookings.map(\.line.time) }
        let base = min(7 * 60, times.map(\.start.minutes).min() ?? .max) / 60 * 60 / step
        let last = (max(18 * 60, times.map(\.end.minutes).max() ?? 0) + 59) / 60 * 60 / step
        let columns = model.columns.map { blocks($0.bookings, base: base) }
        let rows: [BodyNode] = (0..<(last - base)).map { row in
            let minute = (base + row) * step
            let label = ClockTime(minutes: minute)!
            var cells: [BodyNode] = [.tag("th", [("scope", "row"), ("class", minute % 60 == 0 ? "hour" : "quarter")],
                                          text: minute % 60 == 0 || minute % 30 == 0 ? label.display : "")]
            for (column, blocks) in zip(model.columns, columns) {
                if let block = blocks.first(where: { $0.first == row }) {
                    cells.append(.tag("td", [("rowspan", String(block.end - block.first)), ("class", "booked")], block.bookings.map(cell)))
                } else if !blocks.contains(where: { $0.first < row && row < $0.end }) {
                    let slot = ClockRange(label, ClockTime(minutes: minute + step)!)!
                    let open = column.open.map { $0.contains { $0.contains(slot) } } ?? true
                    cells.append(.tag("td", open ? [] : [("class", "off")], []))
                }
            }
            return .tag("tr", [], cells)
        }
        return .tag("div", [("class", "schedule-scroll")], [
            .tag("table", [("class", "schedule")], [
                .tag("thead", [], [.tag("tr", [], [.tag("th", [("scope", "col")], text: "Time")] + model.columns.map { column in
                    .tag("th", [("scope", "col")], [column.link.map { .link(column.title, to: $0) } ?? .text(column.title),
                                                   .if(!column.subtitle.isEmpty, .tag("span", [("class", "hint")], text: column.subtitle))])
                })]),
                .tag("tbody", [], rows),
            ]),
        ])
    }

    private static func cell(_ booking: Booking) -> BodyNode {
        .tag("div", [("class", "appointment appointment-\(booking.line.status.rawValue)")], [
            .tag("span", [("class", "time")], text: booking.line.time.display),
            .link(booking.patient, to: SitePath.appointment(booking.line.patientID, booking.line.id)),
            .tag("span", [], text: booking.line.what),
            .tag("span", [("class", "hint")], text: [booking.line.status.title, booking.detail].filter { !$0.isEmpty }.joined(separator: " · ")),
        ])
    }
}
