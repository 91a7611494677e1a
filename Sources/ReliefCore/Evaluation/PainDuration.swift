/// How long the pain has lasted, from its onset to a given day.
public struct PainDuration: Hashable, Sendable {
    /// Pain is chronic once it has lasted three months (issue 3; the usual definition, e.g. IASP).
    public static let chronicAfterMonths = 3

    public let months: Int
    public let days: Int

    public init(onset: CalendarDate, on day: CalendarDate) {
        var months = (day.year - onset.year) * 12 + (day.month - onset.month)
        if day.day < onset.day { months -= 1 }
        self.months = max(0, months)
        days = max(0, day.daysSince(onset))
    }

    public var isChronic: Bool { months >= Self.chronicAfterMonths }

    /// "3 weeks", "5 months", "2 years 4 months".
    public var description: String {
        if months == 0 { return days < 14 ? plural(days, "day") : plural(days / 7, "week") }
        if months < 24 { return plural(months, "month") }
        let rest = months % 12
        return plural(months / 12, "year") + (rest == 0 ? "" : " " + plural(rest, "month"))
    }

    private func plural(_ count: Int, _ unit: String) -> String { "\(count) \(unit)\(count == 1 ? "" : "s")" }
}
