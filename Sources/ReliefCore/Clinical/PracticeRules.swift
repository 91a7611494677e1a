/// The practice's own choices about rules Relief ships as defaults: whether the unconfirmed opioid-with-benzodiazepine
/// alert is shown, and when work-up items count as overdue. A value left unset keeps the shipped default, so a
/// later correction of the default reaches every practice that never chose otherwise.
public struct PracticeRules: Hashable, Codable, Sendable {
    public var opioidBenzodiazepineAlert: Bool?
    public var workupOpenDays: Int?
    public var workupReviewDays: Int?

    public init(opioidBenzodiazepineAlert: Bool? = nil, workupOpenDays: Int? = nil, workupReviewDays: Int? = nil) {
        self.opioidBenzodiazepineAlert = opioidBenzodiazepineAlert
        self.workupOpenDays = workupOpenDays
        self.workupReviewDays = workupReviewDays
    }

    /// On unless the practice turned it off: the rule is unconfirmed (`OpioidSummary.benzodiazepineSource`), and
    /// an alert shown in doubt costs less than one missed.
    public var showsOpioidBenzodiazepineAlert: Bool { opioidBenzodiazepineAlert ?? true }

    public var workupDeadlines: WorkupDeadlines {
        let shipped = WorkupDeadlines()
        return WorkupDeadlines(openDays: workupOpenDays ?? shipped.openDays, reviewDays: workupReviewDays ?? shipped.reviewDays)
    }

    public static let alertField = "opioidBenzodiazepineAlert"
    public static let deadlineRange = 1...365

    /// Reads the settings form: the alert as "on"/"off" (empty keeps the default), each deadline in days (empty keeps
    /// the default).
    public static func parse(_ fields: FormFields, today: CalendarDate) -> (PracticeRules?, [String: String]) {
        var reader = FormReader(fields, today: today)
        var rules = PracticeRules()
        rules.opioidBenzodiazepineAlert = reader.one(alertField, Switch.self).map { $0 == .on }
        rules.workupOpenDays = reader.integer("workupOpenDays", in: deadlineRange)
        rules.workupReviewDays = reader.integer("workupReviewDays", in: deadlineRange)
        return reader.problems.isEmpty ? (rules, [:]) : (nil, reader.problems)
    }

    public var fields: FormFields {
        var fields = FormFields()
        fields.set([(Self.alertField, opioidBenzodiazepineAlert.map { ($0 ? Switch.on : .off).rawValue }),
                    ("workupOpenDays", workupOpenDays.map(String.init)), ("workupReviewDays", workupReviewDays.map(String.init))])
        return fields
    }

    public enum Switch: String, Coded {
        case on, off

        public var title: String { self == .on ? "Show it" : "Do not show it" }
    }
}
