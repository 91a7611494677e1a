import Foundation

/// When the practice asks how a procedure worked: days after it, by kind of procedure. Defaults follow the issue's
/// outcome horizon (2 weeks, 6 weeks, 3, 6 and 12 months); a diagnostic block is judged by its diary, so one call two
/// weeks later asks how it went on. The practice edits them by category; each patient's follow-ups move one by one.
public struct FollowUpSchedule: Hashable, Codable, Sendable {
    public static let standardDays = [14, 42, 91, 183, 365]
    public static let diagnosticDays = [14]
    /// Unreached calls after which a follow-up is recorded as lost (and censored in the statistics).
    public static let defaultAttempts = 3
    public static let longest = 730

    /// Days by `InterventionCategory` raw value; a category not named takes the default.
    public var days: [String: [Int]]
    public var attempts: Int

    public init(days: [String: [Int]] = [:], attempts: Int = Self.defaultAttempts) {
        self.days = days
        self.attempts = attempts
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        days = try container.decodeIfPresent([String: [Int]].self, forKey: .days) ?? [:]
        attempts = try container.decodeIfPresent(Int.self, forKey: .attempts) ?? Self.defaultAttempts
    }

    public static func defaultDays(for intervention: Intervention) -> [Int] {
        intervention.purpose == .diagnostic ? diagnosticDays : standardDays
    }

    public func days(for intervention: Intervention) -> [Int] {
        days[intervention.category.rawValue] ?? Self.defaultDays(for: intervention)
    }

    /// The due dates after a procedure done on `date`.
    public func dueDates(for intervention: Intervention, after date: CalendarDate) -> [(days: Int, due: CalendarDate)] {
        days(for: intervention).map { ($0, date.adding(days: $0)) }
    }

    /// "2 weeks, 6 weeks, 3 months": whole months and weeks where the days make them, else days.
    public static func describe(_ days: [Int]) -> String {
        days.map { day in
            if let months = monthDays.first(where: { $0.value == day })?.key { return months == 1 ? "1 month" : "\(months) months" }
            if day % 7 == 0 { return day == 7 ? "1 week" : "\(day / 7) weeks" }
            return day == 1 ? "1 day" : "\(day) days"
        }.joined(separator: ", ")
    }

    /// Months as days, as the defaults count them (3 months = 91 days, 12 months = 365).
    private static let monthDays: [Int: Int] = Dictionary(uniqueKeysWithValues: (1...24).map { ($0, Int((Double($0) * 365 / 12).rounded())) })

    /// Reads "2 weeks, 6 weeks, 3 months" or "14, 42, 91": each term a number of days, weeks or months, in order,
    /// each after the one before, none beyond two years.
    public static func parseDays(_ text: String) -> Result<[Int], FollowUpScheduleProblem> {
        let terms = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !terms.isEmpty else { return .failure(.empty) }
        var days: [Int] = []
        for term in terms {
            let words = term.lowercased().split(separator: " ")
            guard (1...2).contains(words.count), let number = PlainNumber.integer(String(words[0])), number > 0 else { return .failure(.unreadable(term)) }
            let unit = words.count == 2 ? String(words[1]) : "days"
            let day: Int
            switch unit {
            case "day", "days", "d": day = number
            case "week", "weeks", "w": day = number * 7
            case "month", "months", "m": day = monthDays[number] ?? Int((Double(number) * 365 / 12).rounded())
            default: return .failure(.unreadable(term))
            }
            guard day <= longest else { return .failure(.tooLate(term)) }
            if let last = days.last, day <= last { return .failure(.notAscending(term)) }
            days.append(day)
        }
        return .success(days)
    }
}

public enum FollowUpScheduleProblem: Error, Equatable {
    case empty, unreadable(String), tooLate(String), notAscending(String)

    public var message: String {
        switch self {
        case .empty: "Enter at least one follow-up, like 2 weeks, 6 weeks, 3 months."
        case .unreadable(let term): "“\(term)” is not a number of days, weeks or months."
        case .tooLate(let term): "“\(term)” is more than two years after the procedure."
        case .notAscending(let term): "List the follow-ups in order: “\(term)” does not come after the one before."
        }
    }
}

extension FollowUpSchedule {
    /// The categories of procedure a schedule is set for.
    public static let categories = InterventionCategory.allCases.filter(\.isProcedure)

    public static func daysField(_ category: InterventionCategory) -> String { "days.\(category.rawValue)" }

    /// Reads the settings form: `days.<category>` ("2 weeks, 6 weeks, 3 months"; empty keeps the default) and
    /// `attempts` (1 to 10 unreached calls before a follow-up is lost).
    public static func parse(_ fields: FormFields, today: CalendarDate) -> (FollowUpSchedule?, [String: String]) {
        var reader = FormReader(fields, today: today)
        var days: [String: [Int]] = [:]
        for category in categories {
            let name = daysField(category)
            let text = reader.text(name, limit: 200)
            guard !text.isEmpty else { continue }
            switch parseDays(text) {
            case .success(let parsed): days[category.rawValue] = parsed
            case .failure(let problem): reader.problem(name, problem.message)
            }
        }
        let attempts = reader.integer("attempts", in: 1...10, required: "Enter after how many unreached calls a follow-up is lost.")
        guard reader.problems.isEmpty, let attempts else { return (nil, reader.problems) }
        return (FollowUpSchedule(days: days, attempts: attempts), [:])
    }

    public var fields: FormFields {
        var fields = FormFields()
        for (category, days) in days { fields.set("days.\(category)", Self.describe(days)) }
        fields.set("attempts", String(attempts))
        return fields
    }
}
