/// The e-mail that reminds a patient of an appointment: when, where and with whom, and how to change it. It names no
/// procedure or diagnosis: an inbox may be read by others, and the appointment is all the patient needs reminding of.
public struct ReminderEmail: Hashable, Sendable {
    public let subject: String
    public let body: String

    public static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// `practice` signs it; `phone` is where to call to change it; `place` the room or facility; `provider` the clinician.
    public init(practice: String, phone: String?, givenName: String, date: CalendarDate, time: ClockTime, place: String?, provider: String?) {
        let day = "\(Self.weekdays[date.weekday - 1]) \(date.display)"
        subject = "Reminder: your appointment on \(day) at \(time.display)"
        var lines = ["Dear \(givenName.isEmpty ? "patient" : givenName),", "",
                     "This is a reminder of your appointment at \(practice) on \(day) at \(time.display)"
                         + (provider.map { " with \($0)" } ?? "") + "."]
        if let place, !place.isEmpty { lines.append("Where: \(place).") }
        lines += ["", phone.map { "If you cannot come or need to change the time, please call us at \($0)." }
                      ?? "If you cannot come or need to change the time, please call us.",
                  "", "\(practice)", "", "This message was sent automatically; replies may not be read."]
        body = lines.joined(separator: "\n")
    }
}
