/// What came of reminding a patient of an appointment (by phone now; by e-mail once the practice's mail server is
/// set up). A confirmed reminder confirms the appointment.
public enum ReminderOutcome: String, Coded, Codable {
    case confirmed, leftMessage = "left-message", noAnswer = "no-answer", wrongNumber = "wrong-number"

    public var title: String {
        switch self {
        case .confirmed: "Reached: coming"
        case .leftMessage: "Left a message"
        case .noAnswer: "No answer"
        case .wrongNumber: "Wrong or no number"
        }
    }
}

/// Which appointments the front desk calls to remind: booked (not yet confirmed) ones on the next two working days.
public enum ReminderCalls {
    public static let workingDaysAhead = 2

    /// The last day of the calls due `today`: the second weekday after it.
    public static func lastDay(after today: CalendarDate) -> CalendarDate {
        var day = today, left = workingDaysAhead
        while left > 0 {
            day = day.adding(days: 1)
            if day.weekday <= 5 { left -= 1 }
        }
        return day
    }

    /// Reads a call's `outcome` and `note`.
    public static func parse(_ fields: FormFields, today: CalendarDate) -> ((outcome: ReminderOutcome, note: String)?, [String: String]) {
        var reader = FormReader(fields, today: today)
        let outcome = reader.one("outcome", ReminderOutcome.self, required: "Choose what came of the call.")
        let note = reader.text("note", limit: 200)
        guard let outcome, reader.problems.isEmpty else { return (nil, reader.problems) }
        return ((outcome, note), [:])
    }

    /// Those of `appointments` to call about today, in time order.
    public static func due(_ appointments: [Appointment], today: CalendarDate) -> [Appointment] {
        let last = lastDay(after: today)
        return appointments.filter { $0.status == .booked && $0.date > today && $0.date <= last }
            .sorted { ($0.date, $0.time.start) < ($1.date, $1.time.start) }
    }
}
