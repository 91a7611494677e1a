import Foundation

/// Whether an appointment can take its place in the schedule: its provider, room and patient free at that time, the
/// room equipped for the procedure, the provider working then. Each problem is keyed by the form field to change.
public enum BookingCheck {
    /// `others` are the appointments of that day that share its provider, room or patient (the one being moved may be
    /// among them); `names` gives providers' names for the messages.
    public static func problems(_ appointment: Appointment, others: [Appointment], settings: ScheduleSettings,
                                names: [UUID: String]) -> [String: String] {
        var problems: [String: String] = [:]
        func note(_ field: String, _ message: String) { if problems[field] == nil { problems[field] = message } }
        let provider = names[appointment.providerID] ?? "The provider"
        let day = appointment.date.display
        for other in others.filter(appointment.overlaps).sorted(by: { $0.time.start < $1.time.start }) {
            let when = "\(other.time.display) on \(day) (\(other.kind.title.lowercased()))"
            if other.providerID == appointment.providerID { note("provider", "\(provider) is already booked \(when).") }
            if let room = other.roomID, room == appointment.roomID {
                note("room", "\(settings.room(room)?.name ?? "The room") is already booked \(when).")
            }
            if other.patientID == appointment.patientID { note("start", "The patient already has an appointment \(when).") }
        }
        if let site = appointment.site, let id = appointment.roomID, let room = settings.room(id) {
            let lacking = room.lacks(site.intervention.roomNeeds)
            if !lacking.isEmpty {
                note("room", "\(room.name) has no \(lacking.map(\.need).joined(separator: " or ")), which \(site.intervention.name) needs.")
            }
        }
        if let hours = settings.hours(of: appointment.providerID) {
            if let away = hours.timeOff(on: appointment.date) {
                let reason = away.note.isEmpty ? "" : " (\(away.note))"
                note("date", "\(provider) is away \(away.from.display)–\(away.to.display)\(reason).")
            } else if !hours.shifts.isEmpty {
                let shifts = hours.shifts(on: appointment.date)
                if shifts.isEmpty {
                    note("date", "\(provider) does not work on \(Weekday(appointment.date).title)s.")
                } else if !shifts.contains(where: { $0.contains(appointment.time) }) {
                    note("start", "\(appointment.time.display) is outside \(provider)'s hours on \(Weekday(appointment.date).title)s: "
                         + shifts.map(\.display).joined(separator: ", ") + ".")
                }
            }
        }
        return problems
    }
}
