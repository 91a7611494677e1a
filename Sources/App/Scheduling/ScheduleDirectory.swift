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

    func line(_ record: AppointmentRecord) -> AppointmentPages.Line? {
        guard let appointment = record.decoded() else { return nil }
        return AppointmentPages.Line(id: appointment.id, patientID: appointment.patientID, date: appointment.date, time: appointment.time,
                                     what: appointment.what, provider: names[appointment.providerID] ?? "Former staff",
                                     room: appointment.roomID.map { settings.room($0)?.label ?? $0 } ?? (appointment.kind.needsRoom ? "" : "By phone"),
                                     status: appointment.status, note: appointment.note, reason: record.reason ?? "", version: record.version)
    }

    /// The day's grid: a column per provider working or booked that day (or per room in use or booked).
    func schedule(_ date: CalendarDate, view: SchedulePage.View, rows: [(AppointmentRecord, PatientSummary)], today: CalendarDate) -> SchedulePage.Model {
        let bookings = rows.compactMap { record, patient -> (Appointment, SchedulePage.Booking)? in
            guard let appointment = record.decoded(), let line = line(record) else { return nil }
            let detail = view == .providers ? line.room : line.provider
            return (appointment, SchedulePage.Booking(line: line, patient: patient.displayName, detail: detail))
        }
        let holding = bookings.filter { $0.0.status.holdsTime }
        let columns: [SchedulePage.Column]
        switch view {
        case .providers:
            columns = providers.compactMap { provider in
                let own = holding.filter { $0.0.providerID == provider.id }.map(\.1)
                let hours = settings.hours(of: provider.id)
                let away = hours?.timeOff(on: date)
                let open = hours.flatMap { $0.shifts.isEmpty ? nil : (away == nil ? $0.shifts(on: date) : []) }
                guard !own.isEmpty || (!provider.disabled && away == nil && open?.isEmpty != true) else { return nil }
                let subtitle = away.map { "Away" + ($0.note.isEmpty ? "" : ": \($0.note)") } ?? open.map { $0.map(\.display).joined(separator: ", ") } ?? ""
                return SchedulePage.Column(title: provider.name, subtitle: subtitle, open: open, bookings: own)
            }
        case .rooms:
            columns = settings.rooms.compactMap { room in
                let own = holding.filter { $0.0.roomID == room.id }.map(\.1)
                guard !own.isEmpty || !room.retired else { return nil }
                return SchedulePage.Column(title: room.name, subtitle: room.location, open: nil, bookings: own)
            }
        }
        return SchedulePage.Model(date: date, today: today, view: view, columns: columns, released: bookings.filter { !$0.0.status.holdsTime }.map(\.1))
    }
}
