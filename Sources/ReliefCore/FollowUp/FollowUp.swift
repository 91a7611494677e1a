/// Where a follow-up stands (FHIR Task.status: requested, completed, failed, cancelled).
public enum FollowUpStatus: String, Coded, Codable {
    case due, done, lost, cancelled

    public var title: String {
        switch self {
        case .due: "Due"
        case .done: "Done"
        case .lost: "Lost to follow-up"
        case .cancelled: "Cancelled"
        }
    }

    public var fhir: String {
        switch self {
        case .due: "requested"
        case .done: "completed"
        case .lost: "failed"
        case .cancelled: "cancelled"
        }
    }
}

/// A call that did not reach the patient (or reached them and they declined).
public enum FollowUpAttemptOutcome: String, Coded, Codable {
    case noAnswer = "no-answer", leftMessage = "left-message", wrongNumber = "wrong-number", declined

    public var title: String {
        switch self {
        case .noAnswer: "No answer"
        case .leftMessage: "Left a message"
        case .wrongNumber: "Wrong or disconnected number"
        case .declined: "Reached, declined to answer"
        }
    }
}

extension FollowUpStatus {
    /// What unreached calls make of a due follow-up: after `limit` calls, or a refusal, it is lost.
    public static func after(attempts: Int, last: FollowUpAttemptOutcome, limit: Int) -> FollowUpStatus {
        last == .declined || attempts >= limit ? .lost : .due
    }
}

/// How the patient is getting on with everyday activities.
public enum ActivityReturn: String, Coded, Codable {
    case all, most, some, none

    public var title: String {
        switch self {
        case .all: "Back to all usual activities"
        case .most: "Most usual activities"
        case .some: "Some usual activities"
        case .none: "None of the usual activities"
        }
    }
}

extension WorkStatus: Codable {
    /// Working, on full or modified duty: "returned to work" when it was not so before.
    public var isWorking: Bool { self == .working || self == .modifiedDuty }
}

/// Patient Global Impression of Change, 1 (very much improved) to 7 (very much worse).
public enum GlobalImpression: Int, CaseIterable, Codable, Sendable {
    case veryMuchImproved = 1, muchImproved, minimallyImproved, noChange, minimallyWorse, muchWorse, veryMuchWorse

    public var title: String {
        switch self {
        case .veryMuchImproved: "Very much improved"
        case .muchImproved: "Much improved"
        case .minimallyImproved: "Minimally improved"
        case .noChange: "No change"
        case .minimallyWorse: "Minimally worse"
        case .muchWorse: "Much worse"
        case .veryMuchWorse: "Very much worse"
        }
    }
}

/// Who answered, and how.
public enum FollowUpContact: String, Coded, Codable {
    case phone, link, visit

    public var title: String {
        switch self {
        case .phone: "By phone"
        case .link: "By the patient, from a link"
        case .visit: "At a visit"
        }
    }
}

/// The small forms that change an open follow-up.
public enum FollowUpChange {
    /// `outcome` and an optional `note`.
    public static func attempt(_ fields: FormFields, today: CalendarDate) -> ((FollowUpAttemptOutcome, String)?, [String: String]) {
        var reader = FormReader(fields, today: today)
        let outcome = reader.one("outcome", FollowUpAttemptOutcome.self, required: "Choose what came of the call.")
        let note = reader.text("note", limit: 200)
        guard let outcome, reader.problems.isEmpty else { return (nil, reader.problems) }
        return ((outcome, note), [:])
    }

    /// `dueOn`: from the day after the procedure to two years after it.
    public static func move(_ fields: FormFields, today: CalendarDate, performedOn: CalendarDate) -> (CalendarDate?, [String: String]) {
        var reader = FormReader(fields, today: today)
        let day = reader.date("dueOn", what: "The new day", allowFuture: true, required: true)
        if let day, day <= performedOn { reader.problem("dueOn", "A follow-up comes after the procedure on \(performedOn.display).") }
        if let day, day.daysSince(performedOn) > FollowUpSchedule.longest { reader.problem("dueOn", "Keep it within two years of the procedure.") }
        return reader.problems.isEmpty ? (day, [:]) : (nil, reader.problems)
    }

    /// `procedure` (one of `procedures`: id → day done) and `dueOn` within its two years: a follow-up added for one
    /// patient beyond the practice's schedule (a check before a repeat, a longer course); the days after it.
    public static func add(_ fields: FormFields, today: CalendarDate, procedures: [String: CalendarDate]) -> ((procedure: String, daysAfter: Int)?, [String: String]) {
        let id = fields["procedure"]
        guard let performed = procedures[id] else {
            return (nil, ["procedure": id.isEmpty ? "Choose the procedure." : "Choose one of the listed procedures."])
        }
        let (day, problems) = move(fields, today: today, performedOn: performed)
        guard let day else { return (nil, problems) }
        return ((id, day.daysSince(performed)), [:])
    }

    /// `reason`, required.
    public static func cancel(_ fields: FormFields, today: CalendarDate) -> (String?, [String: String]) {
        var reader = FormReader(fields, today: today)
        let reason = reader.text("reason", limit: 200, required: "Say why it is cancelled.")
        return reader.problems.isEmpty ? (reason, [:]) : (nil, reader.problems)
    }
}
