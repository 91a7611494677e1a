/// What a link given to a patient opens on their own phone or computer: a diagnostic block's pain diary, or one
/// follow-up's questions. Nothing else of the chart is reachable through it.
public enum PatientLinkPurpose: String, Coded, Codable {
    case diary
    case followUp = "follow-up"

    public var title: String {
        switch self {
        case .diary: "Pain diary after the block"
        case .followUp: "Follow-up questions"
        }
    }
}

/// How long a patient link lives, and the check that opens it.
public enum PatientLinkTerms {
    /// Two weeks to answer a follow-up: time to find the message, short enough that an old one opens nothing.
    public static let followUpDays = 14

    /// The last day the link opens or takes answers: a diary's own last day (entries after it are refused anyway);
    /// a follow-up's two weeks from today.
    public static func lastDay(_ purpose: PatientLinkPurpose, performedOn: CalendarDate, today: CalendarDate) -> CalendarDate {
        switch purpose {
        case .diary: BlockDiary.lastDay(after: performedOn)
        case .followUp: today.adding(days: followUpDays)
        }
    }

    /// Whether the birth date typed (MM/DD/YYYY or YYYY-MM-DD) is the one on record. A link forwarded or read over a
    /// shoulder is not enough to open someone's diary.
    public static func confirms(_ typed: String, birthDate: CalendarDate) -> Bool {
        CalendarDate(typed) == birthDate
    }
}
