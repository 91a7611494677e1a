/// The unit a medication's strength is written in.
public enum StrengthUnit: String, CaseIterable, Codable, Sendable {
    case milligram = "mg"
    case microgram = "mcg"
    case microgramPerHour = "mcg/h"
    /// Oral solutions: the units per dose are then millilitres.
    case milligramPerMillilitre = "mg/mL"
    case gram = "g"
    case internationalUnit = "IU"
    case percent = "%"
}

public enum MedicationRoute: String, CaseIterable, Codable, Sendable {
    case oral, sublingual, buccal, transdermal, topical, intranasal, subcutaneous, intramuscular, intravenous, rectal,
         intrathecal

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// How often a dose is taken: any number of times a day (1–12), every so many hours (1–72), at bedtime, weekly, or
/// as needed. As-needed doses count at their prescribed maximum for the daily dose, as CDC's MME guidance does.
/// Stored and sent as a code: "daily", "bid", "tid", "qid" and "5x-daily" … "12x-daily"; "q1h" … "q72h"; "qhs",
/// "weekly", "prn" (the codes of the earlier fixed list mean what they meant).
public enum DoseFrequency: Hashable, Sendable {
    case timesDaily(Int)
    case everyHours(Int)
    case atBedtime, weekly, asNeeded

    public static let timesDailyRange = 1...12
    public static let everyHoursRange = 1...72

    public static let daily = timesDaily(1), twiceDaily = timesDaily(2), threeTimesDaily = timesDaily(3), fourTimesDaily = timesDaily(4)
    public static let every4Hours = everyHours(4), every6Hours = everyHours(6), every8Hours = everyHours(8)
    public static let every12Hours = everyHours(12), every72Hours = everyHours(72)

    public var title: String {
        switch self {
        case .timesDaily(1): "Once daily"
        case .timesDaily(2): "Twice daily"
        case .timesDaily(3): "Three times daily"
        case .timesDaily(4): "Four times daily"
        case .timesDaily(let count): "\(count) times daily"
        case .everyHours(1): "Every hour"
        case .everyHours(let hours): "Every \(hours) hours"
        case .atBedtime: "At bedtime"
        case .weekly: "Weekly"
        case .asNeeded: "As needed"
        }
    }

    /// Scheduled administrations a day; nil for as-needed, whose maximum is recorded separately.
    public var perDay: Double? {
        switch self {
        case .timesDaily(let count): Double(count)
        case .everyHours(let hours): 24 / Double(hours)
        case .atBedtime: 1
        case .weekly: 1.0 / 7
        case .asNeeded: nil
        }
    }
}

extension DoseFrequency: RawRepresentable, Codable {
    private static let named: [String: DoseFrequency] = [
        "daily": .daily, "bid": .twiceDaily, "tid": .threeTimesDaily, "qid": .fourTimesDaily, "qhs": .atBedtime,
        "weekly": .weekly, "prn": .asNeeded,
    ]

    public init?(rawValue: String) {
        if let named = Self.named[rawValue] {
            self = named
        } else if rawValue.hasSuffix("x-daily"), let count = PlainNumber.integer(String(rawValue.dropLast("x-daily".count))),
                  Self.timesDailyRange.contains(count) {
            self = .timesDaily(count)
        } else if rawValue.hasPrefix("q"), rawValue.hasSuffix("h"), let hours = PlainNumber.integer(String(rawValue.dropFirst().dropLast())),
                  Self.everyHoursRange.contains(hours) {
            self = .everyHours(hours)
        } else {
            return nil
        }
    }

    /// Written out case by case: `==` on a RawRepresentable type compares raw values, so it cannot be used here.
    public var rawValue: String {
        switch self {
        case .timesDaily(1): "daily"
        case .timesDaily(2): "bid"
        case .timesDaily(3): "tid"
        case .timesDaily(4): "qid"
        case .timesDaily(let count): "\(count)x-daily"
        case .everyHours(let hours): "q\(hours)h"
        case .atBedtime: "qhs"
        case .weekly: "weekly"
        case .asNeeded: "prn"
        }
    }
}

/// The choices of the form's "How often" list: the usual schedules, and two that take a number
/// (`DoseFrequencyChoice.read`).
public enum DoseFrequencyChoice: String, Coded {
    case daily, twiceDaily = "bid", threeTimesDaily = "tid", fourTimesDaily = "qid"
    case every4Hours = "q4h", every6Hours = "q6h", every8Hours = "q8h", every12Hours = "q12h"
    case atBedtime = "qhs", every72Hours = "q72h", weekly, asNeeded = "prn"
    case timesDaily = "times-daily", everyHours = "every-hours"

    public var title: String {
        switch self {
        case .timesDaily: "Another number of times a day…"
        case .everyHours: "Every other number of hours…"
        default: DoseFrequency(rawValue: rawValue)?.title ?? rawValue
        }
    }

    /// The frequency from the form's "frequency" and, for the two open choices, "frequencyCount" (ignored with the
    /// others). Nil when empty, or with a problem recorded when it does not add up.
    public static func read(_ reader: inout FormReader) -> DoseFrequency? {
        guard let choice = reader.one("frequency", Self.self) else { return nil }
        switch choice {
        case .timesDaily:
            let range = DoseFrequency.timesDailyRange
            return reader.integer("frequencyCount", in: range, required: "Say how many times a day (\(range.lowerBound)–\(range.upperBound)).")
                .map(DoseFrequency.timesDaily)
        case .everyHours:
            let range = DoseFrequency.everyHoursRange
            return reader.integer("frequencyCount", in: range, required: "Say every how many hours (\(range.lowerBound)–\(range.upperBound)).")
                .map(DoseFrequency.everyHours)
        default:
            return DoseFrequency(rawValue: choice.rawValue)
        }
    }

    /// The form's two fields for a frequency: a listed code, or an open choice with its number.
    public static func fields(_ frequency: DoseFrequency?) -> (code: String?, count: String?) {
        guard let frequency else { return (nil, nil) }
        if Self(rawValue: frequency.rawValue) != nil { return (frequency.rawValue, nil) }
        switch frequency {
        case .timesDaily(let count): return (Self.timesDaily.rawValue, String(count))
        case .everyHours(let hours): return (Self.everyHours.rawValue, String(hours))
        default: return (frequency.rawValue, nil)
        }
    }
}

/// A dose as prescribed: "oxycodone 5 mg, 2 tablets every 6 hours", "fentanyl 25 mcg/h, 1 patch every 72 hours",
/// "morphine 2 mg/mL, 5 mL as needed up to 4 times a day".
public struct Dosage: Hashable, Codable, Sendable {
    public var strength: Double
    public var unit: StrengthUnit
    /// Tablets, patches worn at once, or millilitres of a solution.
    public var unitsPerDose: Double
    public var frequency: DoseFrequency
    /// For as-needed doses: the most doses allowed in a day.
    public var maxDosesPerDay: Double?

    public init(strength: Double, unit: StrengthUnit, unitsPerDose: Double = 1, frequency: DoseFrequency,
                maxDosesPerDay: Double? = nil) {
        self.strength = strength
        self.unit = unit
        self.unitsPerDose = unitsPerDose
        self.frequency = frequency
        self.maxDosesPerDay = maxDosesPerDay
    }

    /// Doses a day: the schedule, or the as-needed maximum.
    public var dosesPerDay: Double? { frequency.perDay ?? maxDosesPerDay }
}
