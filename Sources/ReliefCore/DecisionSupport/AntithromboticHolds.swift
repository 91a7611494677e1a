/// How long a drug is held before a procedure, by the procedure's bleeding-risk class.
public enum HoldDuration: Hashable, Sendable {
    case days(Int)
    case hours(Int)
    /// Taken as usual.
    case `continue`
    /// Decided with the prescriber from the reason the drug is taken; no default.
    case sharedAssessment

    public var text: String {
        switch self {
        case .days(let days): "stop \(days) day\(days == 1 ? "" : "s") before"
        case .hours(let hours): "stop \(hours) hours before"
        case .continue: "continue"
        case .sharedAssessment: "shared assessment with the prescriber"
        }
    }
}

/// One drug's row of REFERENCE §1b: the hold for each procedure class, when it may restart, and what must be
/// checked before the procedure (an INR).
public struct HoldRule: Hashable, Sendable {
    public let high: HoldDuration
    public let intermediate: HoldDuration
    public let low: HoldDuration
    /// Hours after the procedure, by class; nil where the source gives none.
    public let restartHours: [BleedingRisk: Int]
    public let checks: [String]
    public let note: String?
    public let source: ClinicalSource

    /// The practice's own hold in days before high- and intermediate-risk procedures, in place of a value the
    /// reference leaves to verify; a class the drug is continued for stays so.
    public func holding(days: Int) -> HoldRule {
        let practice = { (shipped: HoldDuration) in shipped == .continue ? shipped : .days(days) }
        return HoldRule(high: practice(high), intermediate: practice(intermediate), low: low, restartHours: restartHours, checks: checks,
                        note: note, source: DecisionCriteria.practiceSource)
    }

    public func hold(for risk: BleedingRisk) -> HoldDuration {
        switch risk {
        case .high: high
        case .intermediate: intermediate
        case .low: low
        }
    }
}

/// Holds for blood thinners, NSAIDs and supplements before pain procedures (ASRA 2018 via REFERENCE §1b). Rows the
/// reference marks UNCONFIRMED carry the commonly cited value as a default to verify.
public enum AntithromboticHolds {
    private static let table = ClinicalSource("REFERENCE §1b ASRA 2018 hold and restart times [S3]", .primary)
    private static let commonlyCited = ClinicalSource("REFERENCE §1b: commonly cited 2018 values, UNCONFIRMED", .unconfirmed)
    private static let supplements = ClinicalSource("REFERENCE §1b supplements, ASRA News 2016 [S5]", .secondary)
    private static let notInReference = ClinicalSource("Not in REFERENCE §1b: shared assessment until the practice sets a value", .unconfirmed)

    private static func every(_ hours: Int) -> [BleedingRisk: Int] { [.low: hours, .intermediate: hours, .high: hours] }
    /// The check a vitamin K antagonist's hold asks for on the day (REFERENCE §1b "INR").
    public static let inr = "INR within normal limits on the day (≤ 1.4 by the ASRA neuraxial guideline)"
    /// The highest INR the ASRA neuraxial guideline takes; the pain guideline asks a normal INR (REFERENCE §1b).
    public static let inrLimit = SourcedValue(1.4, ClinicalSource("REFERENCE §1b INR: ≤ 1.4, ASRA regional guideline [S4]; pain guideline: normal INR [S3]",
                                                                  .secondary))

    /// NSAID hold days before a high-risk procedure, by about five half-lives (REFERENCE §1b).
    private static let nsaidDays: [String: Int] = [
        "diclofenac": 1, "ketorolac": 1, "ibuprofen": 1, "etodolac": 2, "indomethacin": 2, "naproxen": 4, "meloxicam": 4, "nabumetone": 6,
    ]

    private static let rules: [String: HoldRule] = {
        var rules: [String: HoldRule] = [
            "aspirin": HoldRule(high: .days(6), intermediate: .sharedAssessment, low: .continue, restartHours: every(24),
                                checks: ["Ask why it is taken: for secondary prevention (stent, stroke, heart attack) decide with the prescriber instead of stopping"],
                                note: "6 days for primary prevention", source: table),
            "cilostazol": HoldRule(high: .days(2), intermediate: .continue, low: .continue, restartHours: every(24), checks: [], note: nil, source: table),
            "dipyridamole": HoldRule(high: .days(2), intermediate: .continue, low: .continue, restartHours: [:], checks: [], note: nil, source: table),
            "warfarin": HoldRule(high: .days(5), intermediate: .days(5), low: .sharedAssessment, restartHours: every(24), checks: [inr],
                                 note: "Restart 24 h by most summaries (the source table prints 6 h): verify", source: table),
            "heparin": HoldRule(high: .hours(24), intermediate: .hours(6), low: .hours(6), restartHours: [.low: 2, .intermediate: 2, .high: 6], checks: [],
                                note: "Subcutaneous 2–3 times daily; an intravenous infusion stops 6 h before", source: table),
            "enoxaparin-prophylactic": HoldRule(high: .hours(12), intermediate: .hours(12), low: .hours(12), restartHours: [.low: 4, .intermediate: 24, .high: 24],
                                                checks: [], note: "Prophylactic dose", source: table),
            "enoxaparin": HoldRule(high: .hours(24), intermediate: .hours(24), low: .hours(24), restartHours: [.low: 4, .intermediate: 24, .high: 24],
                                   checks: [], note: "Therapeutic dose", source: table),
            "clopidogrel": HoldRule(high: .days(7), intermediate: .days(7), low: .continue, restartHours: every(24), checks: [], note: nil, source: commonlyCited),
            "prasugrel": HoldRule(high: .days(7), intermediate: .days(7), low: .continue, restartHours: every(24), checks: [],
                                  note: "7–10 days commonly cited", source: commonlyCited),
            "ticagrelor": HoldRule(high: .days(5), intermediate: .days(5), low: .continue, restartHours: every(24), checks: [], note: nil, source: commonlyCited),
            "dabigatran": HoldRule(high: .days(4), intermediate: .days(4), low: .sharedAssessment, restartHours: every(24), checks: [],
                                   note: "6 days with renal impairment", source: commonlyCited),
            "rivaroxaban": HoldRule(high: .days(3), intermediate: .days(3), low: .sharedAssessment, restartHours: every(24), checks: [], note: nil, source: commonlyCited),
            "apixaban": HoldRule(high: .days(3), intermediate: .days(3), low: .sharedAssessment, restartHours: every(24), checks: [],
                                 note: "3–5 days commonly cited", source: commonlyCited),
            "edoxaban": HoldRule(high: .days(3), intermediate: .days(3), low: .sharedAssessment, restartHours: every(24), checks: [], note: nil, source: commonlyCited),
            "fondaparinux": HoldRule(high: .sharedAssessment, intermediate: .sharedAssessment, low: .sharedAssessment, restartHours: [:], checks: [],
                                     note: nil, source: notInReference),
            "garlic": HoldRule(high: .days(7), intermediate: .continue, low: .continue, restartHours: [:], checks: [], note: nil, source: supplements),
            "ginkgo": HoldRule(high: .hours(36), intermediate: .continue, low: .continue, restartHours: [:], checks: [], note: nil, source: supplements),
        ]
        rules["dalteparin"] = rules["enoxaparin"]
        for (drug, days) in nsaidDays {
            rules[drug] = HoldRule(high: .days(days), intermediate: .continue, low: .continue, restartHours: every(24), checks: [], note: nil, source: table)
        }
        // Other bleeding supplements: 7 days lets haemostasis recover after most herbs; fish oil and vitamin E unconfirmed.
        for drug in ["ginseng", "danshen", "dong-quai"] {
            rules[drug] = HoldRule(high: .days(7), intermediate: .continue, low: .continue, restartHours: [:], checks: [], note: nil, source: supplements)
        }
        for drug in ["fish-oil", "vitamin-e"] {
            rules[drug] = HoldRule(high: .days(7), intermediate: .continue, low: .continue, restartHours: [:], checks: [], note: nil, source: commonlyCited)
        }
        return rules
    }()

    /// A daily enoxaparin dose above this counts as therapeutic (the usual prophylactic dose is 40 mg once daily).
    public static let prophylacticEnoxaparinMilligrams = 40.0

    /// The rule for a catalogue drug at its daily dose, or nil for drugs that are not held (celecoxib, a COX-2
    /// inhibitor, spares platelets).
    /// `practiceDays`: the practice's hold in days for a drug whose shipped value is unconfirmed (`adjustable`).
    public static func rule(drugID: String, dailyMilligrams: Double? = nil, practiceDays: [String: Int] = [:]) -> HoldRule? {
        if drugID == "enoxaparin", let daily = dailyMilligrams, daily <= prophylacticEnoxaparinMilligrams { return rules["enoxaparin-prophylactic"] }
        guard let rule = rules[drugID] else { return nil }
        return practiceDays[drugID].map(rule.holding(days:)) ?? rule
    }

    /// Drugs whose hold ships as a value to verify, which the practice may set itself: the longest a drug may be held
    /// is a month.
    public static var adjustable: [String] { drugIDs.filter { rules[$0]?.source.needsVerification == true } }
    public static let practiceDaysRange = 1...30

    /// Drugs the table knows, for settings pages and tests.
    public static var drugIDs: [String] { rules.keys.filter { DrugCatalogue.drug($0) != nil }.sorted() }
}
