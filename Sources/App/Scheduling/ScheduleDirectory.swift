import Fluent
import Foundation
import ReliefCore

/// What the scheduling pages look names up in: the practice's rooms and hours, and the providers.
struct ScheduleDirectory {
    let settings: ScheduleSettings
    let providers: [AppointmentQueries.Provider]

    static func load(on database: any Database) async throws -> ScheduleDirectory {
        ScheduleDirectory(settings: try await PracticeSettings.schedule(on: database), providers: try await AppointmentQueries.providers(on: database))
    }

    var names: [UUID: String] { Dictionary(providers.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }) }
    /// Who may be booked: active accounts only.
    var bookable: Set<UUID> { Set(providers.filter { !$0.disabled }.map(\.id)) }

    var providerOptions: [Forms.Option] {
        providers.filter { !$0.disabled }.map { Forms.Option(value: $0.id.uuidString, title: "\($0.name) (\($0.role.title.lowercased()))") }
    }

    var roomOptions: [Forms.Option] {
        settings.activeRooms.map { room in
            let equipment = room.capabilities.map(\.need)
            return Forms.Option(value: room.id, title: room.label + (equipment.isEmpty ? "" : " — " + equipment.joined(separator: ", ")))
        }
    }

    var durationHint: String {
        AppointmentKind.allCases.map { "\($0.title.lowercased()) \(settings.minutes(for: $0))" }.joined(separator: ", ")
    }

    /// A booking form (or the API's fields) read for the patient, its plan checked to be theirs.
    func read(_ fields: FormFields, patientID: UUID, today: CalendarDate, existing: Appointment? = nil,
              on database: any Database) async throws -> (Appointment?, [String: String]) {
        let (appointment, problems) = Appointment.parse(fields, patientID: patientID, providers: bookable, settings: settings, today: today, existing: existing)
        if let plan = appointment?.planID, try await !CarePlanQueries.all(patientID: patientID, on: database).contains(where: { $0.planID == plan }) {
            return (nil, ["plan": "The plan is not this patient's."])
        }
        return (appointment, problems)
    }

    func line(_ record: AppointmentRecord) -> AppointmentPages.Line? {
        guard let appointment = record.decoded() else { return nil }
        return AppointmentPages.Line(id: appointment.id, patientID: appointment.patientID, date: appointment.date, time: appointment.time,
                                     what: appointment.what, provider: names[appointment.providerID] ?? "Former staff",
                                     room: appointment.roomID.map { settings.room($0)?.label ?? $0 } ?? (appointment.kind.needsRoom ? "" : "By phone"),
                                     status: appointment.status, note: appointment.note, reason: record.reason ?? "", version: record.version)
    }

    /// The grid: the day with a column per provider working or booked (or per room in use or booked), or one
    /// provider's week with a column per day (the weekend only when they work or are booked then).
    func schedule(_ date: CalendarDate, view: SchedulePage.View, provider: UUID?, rows: [(AppointmentRecord, PatientSummary)],
                  today: CalendarDate) -> SchedulePage.Model {
        let bookings = rows.compactMap { record, patient -> (Appointment, SchedulePage.Booking)? in
            guard let appointment = record.decoded(), let line = line(record) else { return nil }
            return (appointment, SchedulePage.Booking(line: line, patient: patient.displayName, detail: view == .rooms ? line.provider : line.room))
        }
        let holding = bookings.filter { $0.0.status.holdsTime }
        let columns: [SchedulePage.Column]
        var title = "Schedule: \(Weekday(date).title) \(date.display)"
        switch view {
        case .providers:
            columns = providers.compactMap { column(for: $0, on: date, holding) }
        case .rooms:
            columns = settings.rooms.compactMap { room in
                let own = holding.filter { $0.0.roomID == room.id }.map(\.1)
                guard !own.isEmpty || !room.retired else { return nil }
                return SchedulePage.Column(title: room.name, subtitle: room.location, open: nil, bookings: own)
            }
        case .week:
            let monday = Self.monday(of: date)
            let chosen = providers.first { $0.id == provider }
            if let chosen { title = "\(chosen.name): week of \(monday.display)" }
            columns = chosen.map { chosen in
                (0..<7).map { monday.adding(days: $0) }.compactMap { day in
                    column(for: chosen, on: day, holding.filter { $0.0.date == day }, title: "\(Weekday(day).title.prefix(3)) \(day.display)",
                           always: Weekday(day) != .saturday && Weekday(day) != .sunday)
                }
            } ?? []
        }
        return SchedulePage.Model(date: date, today: today, view: view, title: title, provider: provider,
                                  providers: providers.filter { !$0.disabled }.map { Forms.Option(value: $0.id.uuidString, title: $0.name) },
                                  columns: columns, released: bookings.filter { !$0.0.status.holdsTime }.map(\.1))
    }

    /// A provider's column for a day: shown when they are booked then, or work then (or `always`), shaded outside
    /// their hours.
    private func column(for provider: AppointmentQueries.Provider, on date: CalendarDate, _ day: [(Appointment, SchedulePage.Booking)],
                        title: String? = nil, always: Bool = false) -> SchedulePage.Column? {
        let own = day.filter { $0.0.providerID == provider.id }.map(\.1)
        let hours = settings.hours(of: provider.id)
        let away = hours?.timeOff(on: date)
        let open = hours.flatMap { $0.shifts.isEmpty ? nil : (away == nil ? $0.shifts(on: date) : []) }
        guard !own.isEmpty || always || (!provider.disabled && away == nil && open?.isEmpty != true) else { return nil }
        let subtitle = away.map { "Away" + ($0.note.isEmpty ? "" : ": \($0.note)") } ?? open.map { $0.map(\.display).joined(separator: ", ") } ?? ""
        return SchedulePage.Column(title: title ?? provider.name, link: title == nil ? SchedulePage.link(date: date, view: .week, provider: provider.id) : nil,
                                   subtitle: subtitle, open: open, bookings: own)
    }

    static func monday(of date: CalendarDate) -> CalendarDate { date.adding(days: 1 - date.weekday) }
}
