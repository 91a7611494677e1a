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

/// How often a dose is taken. As-needed doses count at their prescribed maximum for the daily dose, as CDC's
/// MME guidance does.
public enum DoseFrequency: String, CaseIterable, Codable, Sendable {
    case daily, twiceDaily = "bid", threeTimesDaily = "tid", fourTimesDaily = "qid"
    case every4Hours = "q4h", every6Hours = "q6h", every8Hours = "q8h", every12Hours = "q12h"
    case atBedtime = "qhs", every72Hours = "q72h", weekly, asNeeded = "prn"

    public var title: String {
        switch self {
        case .daily: "Once daily"
        case .twiceDaily: "Twice daily"
        case .threeTimesDaily: "Three times daily"
        case .fourTimesDaily: "Four times daily"
        case .every4Hours: "Every 4 hours"
        case .every6Hours: "Every 6 hours"
        case .every8Hours: "Every 8 hours"
        case .every12Hours: "Every 12 hours"
        case .atBedtime: "At bedtime"
        case .every72Hours: "Every 72 hours"
        case .weekly: "Weekly"
        case .asNeeded: "As needed"
        }
    }

    /// Scheduled administrations a day; nil for as-needed, whose maximum is recorded separately.
    public var perDay: Double? {
        switch self {
        case .daily, .atBedtime: 1
        case .twiceDaily, .every12Hours: 2
        case .threeTimesDaily, .every8Hours: 3
        case .fourTimesDaily, .every6Hours: 4
        case .every4Hours: 6
        case .every72Hours: 1.0 / 3
        case .weekly: 1.0 / 7
        case .asNeeded: nil
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
