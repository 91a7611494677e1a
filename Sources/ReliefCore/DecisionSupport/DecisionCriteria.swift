/// A number the rules compare against: payer criteria (Medicare LCD defaults) and practice choices. Each ships with
/// its source; a physician may override it for the practice, and the override is what the rule then cites.
public enum Criterion: String, CaseIterable, Codable, Sendable {
    case esiPainWeeks = "esi-pain-weeks"
    case esiConservativeWeeks = "esi-conservative-weeks"
    case esiSessionsPerYear = "esi-sessions-per-year"
    case esiRepeatReliefPercent = "esi-repeat-relief-percent"
    case esiRepeatReliefWeeks = "esi-repeat-relief-weeks"
    case esiFailedRepeatDays = "esi-failed-repeat-days"
    case esiTransforaminalLevels = "esi-transforaminal-levels"
    case facetPainWeeks = "facet-pain-weeks"
    case facetBlockReliefPercent = "facet-block-relief-percent"
    case facetDiagnosticPerYear = "facet-diagnostic-per-year"
    case facetTherapeuticPerYear = "facet-therapeutic-per-year"
    case facetAblationPerYear = "facet-ablation-per-year"
    case facetRepeatReliefPercent = "facet-repeat-relief-percent"
    case facetTherapeuticRepeatWeeks = "facet-therapeutic-repeat-weeks"
    case facetAblationRepeatWeeks = "facet-ablation-repeat-weeks"
    case facetBlocksValidWeeks = "facet-blocks-valid-weeks"
    case facetLevels = "facet-levels"
    case trialReliefPercent = "trial-relief-percent"
    case psychologyScore = "psychology-score"
    case repeatsWithoutBenefit = "repeats-without-benefit"
    case steroidYearMilligrams = "steroid-year-milligrams"
    case lidocaineMinutes = "lidocaine-minutes"
    case bupivacaineMinutes = "bupivacaine-minutes"
    case ropivacaineMinutes = "ropivacaine-minutes"
    case opioidAgreementDays = "opioid-agreement-days"
    case drugScreenDays = "drug-screen-days"
    case pdmpCheckDays = "pdmp-check-days"
    case naloxoneOfferDays = "naloxone-offer-days"

    private static let esi = ClinicalSource("REFERENCE §2 ESI LCD L39240/A58993 [S8][S9]", .secondary)
    private static let facet = ClinicalSource("REFERENCE §2 facet LCD L38801/A58403 [S7]", .secondary)
    private static let scs = ClinicalSource("REFERENCE §4 SCS trial success ≥ 50 % [S17]", .secondary)
    private static let instruments = ClinicalSource("REFERENCE §5 PHQ-9 and GAD-7 ≥ 10 [S21]", .secondary)
    /// REFERENCE §2 asks relief "lasting as long as the anesthetic should" without saying how long.
    private static let anaesthetic = ClinicalSource("Relief's default for how long the local anaesthetic of a diagnostic block should act (REFERENCE §2 names no figure); verify", .unconfirmed)
    /// CDC 2022 Recommendations 8–10 ask for these "periodically" without an interval in REFERENCE.md.
    private static let opioidSafety = ClinicalSource("Relief's default interval for long-term opioid therapy's checks (CDC 2022 Rec. 8–10 are not in REFERENCE.md); verify", .unconfirmed)
    private static let practice = ClinicalSource("PRACTICE.md “Risks”: dependency on repeated interventions; the count is Relief's default, verify", .unconfirmed)

    /// The shipped value, or nil where nothing is shipped and the rule waits for the practice to set one.
    public var shipped: SourcedValue<Int>? {
        switch self {
        case .esiPainWeeks: SourcedValue(4, Self.esi)
        case .esiConservativeWeeks: SourcedValue(4, Self.esi)
        case .esiSessionsPerYear: SourcedValue(4, Self.esi)
        case .esiRepeatReliefPercent: SourcedValue(50, Self.esi)
        // 3 months: 13 weeks is the first whole week count that reaches 90 days.
        case .esiRepeatReliefWeeks: SourcedValue(13, Self.esi)
        case .esiFailedRepeatDays: SourcedValue(14, Self.esi)
        case .esiTransforaminalLevels: SourcedValue(2, Self.esi)
        case .facetPainWeeks: SourcedValue(13, Self.facet)
        case .facetBlockReliefPercent: SourcedValue(80, Self.facet)
        case .facetDiagnosticPerYear: SourcedValue(4, Self.facet)
        case .facetTherapeuticPerYear: SourcedValue(4, Self.facet)
        case .facetAblationPerYear: SourcedValue(2, Self.facet)
        case .facetRepeatReliefPercent: SourcedValue(50, Self.facet)
        case .facetTherapeuticRepeatWeeks: SourcedValue(13, Self.facet)
        case .facetAblationRepeatWeeks: SourcedValue(26, Self.facet)
        case .facetBlocksValidWeeks: SourcedValue(104, Self.facet)
        case .facetLevels: SourcedValue(2, Self.facet)
        case .trialReliefPercent: SourcedValue(50, Self.scs)
        case .psychologyScore: SourcedValue(10, Self.instruments)
        case .repeatsWithoutBenefit: SourcedValue(2, Self.practice)
        case .steroidYearMilligrams: nil
        case .lidocaineMinutes: SourcedValue(60, Self.anaesthetic)
        case .bupivacaineMinutes: SourcedValue(180, Self.anaesthetic)
        case .ropivacaineMinutes: SourcedValue(120, Self.anaesthetic)
        case .opioidAgreementDays: SourcedValue(365, Self.opioidSafety)
        case .drugScreenDays: SourcedValue(365, Self.opioidSafety)
        case .pdmpCheckDays: SourcedValue(90, Self.opioidSafety)
        case .naloxoneOfferDays: SourcedValue(365, Self.opioidSafety)
        }
    }

    public var title: String {
        switch self {
        case .esiPainWeeks: "Epidural: weeks of radicular pain before the first injection"
        case .esiConservativeWeeks: "Epidural: weeks of failed conservative care"
        case .esiSessionsPerYear: "Epidural: sessions per region in 12 months"
        case .esiRepeatReliefPercent: "Epidural: relief (%) the last injection needs for a repeat"
        case .esiRepeatReliefWeeks: "Epidural: weeks that relief must have lasted"
        case .esiFailedRepeatDays: "Epidural: days after a failed injection before another approach"
        case .esiTransforaminalLevels: "Epidural: transforaminal levels per session"
        case .facetPainWeeks: "Facet: weeks of axial pain"
        case .facetBlockReliefPercent: "Facet: relief (%) each diagnostic block needs"
        case .facetDiagnosticPerYear: "Facet: diagnostic sessions per region in 12 months"
        case .facetTherapeuticPerYear: "Facet: therapeutic injections per region in 12 months"
        case .facetAblationPerYear: "Facet: ablations per region in 12 months"
        case .facetRepeatReliefPercent: "Facet: relief (%) the last treatment needs for a repeat"
        case .facetTherapeuticRepeatWeeks: "Facet: weeks that relief must have lasted before another injection"
        case .facetAblationRepeatWeeks: "Facet: weeks that relief must have lasted before another ablation"
        case .facetBlocksValidWeeks: "Facet: weeks after an ablation when diagnostic blocks must be repeated"
        case .facetLevels: "Facet: levels per session"
        case .trialReliefPercent: "Implants: relief (%) the trial needs"
        case .psychologyScore: "PHQ-9 or GAD-7 score that recommends a psychology referral"
        case .repeatsWithoutBenefit: "Procedures in a region in 12 months without lasting benefit before a review is advised"
        case .steroidYearMilligrams: "Steroid ceiling in 12 months (triamcinolone-equivalent mg)"
        case .lidocaineMinutes: "Diagnostic block: minutes lidocaine's relief should last"
        case .bupivacaineMinutes: "Diagnostic block: minutes bupivacaine's relief should last"
        case .ropivacaineMinutes: "Diagnostic block: minutes ropivacaine's relief should last"
        case .opioidAgreementDays: "Opioids: days an opioid agreement holds before renewal"
        case .drugScreenDays: "Opioids: days between urine drug screens"
        case .pdmpCheckDays: "Opioids: days between prescription-monitoring (PDMP) checks"
        case .naloxoneOfferDays: "Opioids: days before naloxone is offered again"
        }
    }

    /// The criteria that are a payer's coverage policy rather than the practice's clinical limits: these a payer's
    /// own criteria may replace (`PayerCriteria`).
    public var isPayerPolicy: Bool {
        switch self {
        case .psychologyScore, .repeatsWithoutBenefit, .steroidYearMilligrams, .lidocaineMinutes, .bupivacaineMinutes, .ropivacaineMinutes,
             .opioidAgreementDays, .drugScreenDays, .pdmpCheckDays, .naloxoneOfferDays: false
        default: true
        }
    }

    public static var payerPolicies: [Criterion] { allCases.filter(\.isPayerPolicy) }

    public var range: ClosedRange<Int> {
        switch self {
        case .esiRepeatReliefPercent, .facetBlockReliefPercent, .facetRepeatReliefPercent, .trialReliefPercent: 1...100
        case .psychologyScore: 1...27
        case .steroidYearMilligrams: 1...2000
        case .lidocaineMinutes, .bupivacaineMinutes, .ropivacaineMinutes: 1...1440
        case .opioidAgreementDays, .drugScreenDays, .pdmpCheckDays, .naloxoneOfferDays: 7...730
        default: 1...520
        }
    }
}

extension Criterion: CodingKeyRepresentable {}

/// One payer's own coverage policy where it differs from the Medicare LCD defaults, as the practice recorded it from
/// the payer's published policy. It applies to patients whose coverage on the planned day is with this payer.
public struct PayerCriteria: Hashable, Codable, Sendable {
    /// As the front desk writes it on coverages; matched ignoring case, accents, spaces and punctuation.
    public var payer: String
    public var overrides: [Criterion: Int]

    public init(payer: String, overrides: [Criterion: Int]) {
        self.payer = payer
        self.overrides = overrides
    }

    public func matches(_ payerName: String) -> Bool {
        let key = SearchKey.fold(payer)
        return !key.isEmpty && key == SearchKey.fold(payerName)
    }

    public var source: ClinicalSource { ClinicalSource("\(payer)'s own criteria, as the practice recorded them (clinical settings)", .secondary) }

    /// Reads the payer's name and its numbers (one field per payer policy, by raw value); empty keeps the default.
    public static func parse(_ fields: FormFields, today: CalendarDate) -> (PayerCriteria?, [String: String]) {
        var reader = FormReader(fields, today: today)
        let payer = reader.text("payer", limit: 120, required: "Name the payer, as it is written on the patients' coverages.")
        if !payer.isEmpty, SearchKey.fold(payer).isEmpty { reader.problem("payer", "Write the payer's name with letters or digits.") }
        var overrides: [Criterion: Int] = [:]
        for criterion in Criterion.payerPolicies {
            overrides[criterion] = reader.integer(criterion.rawValue, in: criterion.range)
        }
        if reader.problems.isEmpty, overrides.isEmpty {
            reader.problem("payer", "Set at least one number that differs for this payer, or remove its criteria.")
        }
        return reader.problems.isEmpty ? (PayerCriteria(payer: payer, overrides: overrides), [:]) : (nil, reader.problems)
    }

    public var fields: FormFields {
        var fields = FormFields()
        fields.set([("payer", payer)] + Criterion.payerPolicies.map { ($0.rawValue, overrides[$0].map(String.init)) })
        return fields
    }
}

extension [PayerCriteria] {
    /// The list with `criteria` added, or replacing the payer of the same name; sorted by name.
    public func saving(_ criteria: PayerCriteria) -> [PayerCriteria] {
        (filter { !$0.matches(criteria.payer) } + [criteria]).sorted { $0.payer.lowercased() < $1.payer.lowercased() }
    }
}

/// The criteria in force: shipped defaults, overridden where the practice chose otherwise, and the practice's own
/// hold days for drugs whose shipped hold is unconfirmed. Stored as the overrides alone, so a later correction of a
/// default reaches every practice that never chose otherwise. For one patient, the criteria of the payer covering
/// the planned day (`forPayer`) come before the practice's.
public struct DecisionCriteria: Hashable, Sendable {
    public var overrides: [Criterion: Int]
    /// Days, by drug id (`AntithromboticHolds.adjustable`).
    public var holdDays: [String: Int]
    /// Every payer with criteria of its own.
    public var payers: [PayerCriteria]
    /// The payer whose criteria are in force, once chosen with `forPayer`.
    public private(set) var payer: PayerCriteria?

    public init(overrides: [Criterion: Int] = [:], holdDays: [String: Int] = [:], payers: [PayerCriteria] = []) {
        self.overrides = overrides
        self.holdDays = holdDays
        self.payers = payers
    }

    /// These criteria with the payer's own in force, when the practice recorded some for it.
    public func forPayer(_ name: String?) -> DecisionCriteria {
        var criteria = self
        criteria.payer = name.flatMap { name in payers.first { $0.matches(name) } }
        return criteria
    }

    public static func holdField(_ drugID: String) -> String { "hold-" + drugID }

    /// As stored: one flat map of criterion ids and `hold-` fields to whole numbers; unknown keys are dropped.
    public init(stored: [String: Int]) {
        overrides = Dictionary(uniqueKeysWithValues: stored.compactMap { key, value in Criterion(rawValue: key).map { ($0, value) } })
        holdDays = Dictionary(uniqueKeysWithValues: AntithromboticHolds.adjustable.compactMap { drug in stored[Self.holdField(drug)].map { (drug, $0) } })
        payers = []
    }

    public var stored: [String: Int] {
        Dictionary(uniqueKeysWithValues: overrides.map { ($0.key.rawValue, $0.value) } + holdDays.map { (Self.holdField($0.key), $0.value) })
    }

    /// Reads the settings form: one whole number per criterion by its raw value, and per adjustable drug by its
    /// `hold-` field; empty keeps the default.
    public static func parse(_ fields: FormFields, today: CalendarDate) -> (DecisionCriteria?, [String: String]) {
        var reader = FormReader(fields, today: today)
        var overrides: [Criterion: Int] = [:]
        for criterion in Criterion.allCases {
            overrides[criterion] = reader.integer(criterion.rawValue, in: criterion.range)
        }
        var holdDays: [String: Int] = [:]
        for drug in AntithromboticHolds.adjustable {
            holdDays[drug] = reader.integer(holdField(drug), in: AntithromboticHolds.practiceDaysRange)
        }
        return reader.problems.isEmpty ? (DecisionCriteria(overrides: overrides, holdDays: holdDays), [:]) : (nil, reader.problems)
    }

    public var fields: FormFields {
        var fields = FormFields()
        fields.set(Criterion.allCases.map { ($0.rawValue, overrides[$0].map(String.init)) }
                   + AntithromboticHolds.adjustable.map { (Self.holdField($0), holdDays[$0].map(String.init)) })
        return fields
    }

    public static let practiceSource = ClinicalSource("The practice's own setting (clinical settings page)", .secondary)

    public func value(_ criterion: Criterion) -> Int? { payer?.overrides[criterion] ?? overrides[criterion] ?? criterion.shipped?.value }

    public func source(_ criterion: Criterion) -> ClinicalSource {
        if let payer, payer.overrides[criterion] != nil { return payer.source }
        return overrides[criterion] != nil ? Self.practiceSource : criterion.shipped?.source ?? Self.practiceSource
    }

    /// For rules whose criterion always ships a value.
    subscript(_ criterion: Criterion) -> Int { value(criterion) ?? 0 }
}

/// Steroids given in pain procedures, with the LCD's per-injection ceilings and their potency against triamcinolone
/// for a 12-month total.
public enum Steroid: String, Coded, Codable {
    case triamcinolone, methylprednisolone, betamethasone, dexamethasone

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// The most one epidural injection may carry (REFERENCE §2, ESI steroid ceilings [S8]).
    public var ceiling: SourcedValue<Double> {
        switch self {
        case .triamcinolone: SourcedValue(80, Self.lcd)
        case .betamethasone: SourcedValue(12, Self.lcd)
        case .dexamethasone: SourcedValue(15, Self.lcd)
        case .methylprednisolone: SourcedValue(80, ClinicalSource("Not in REFERENCE §2; commonly cited as equal to triamcinolone, verify", .unconfirmed))
        }
    }

    /// Milligrams of triamcinolone one milligram equals (anti-inflammatory potency: triamcinolone and
    /// methylprednisolone 4 mg ≈ dexamethasone 0.75 mg ≈ betamethasone 0.6 mg).
    public var triamcinoloneFactor: Double {
        switch self {
        case .triamcinolone, .methylprednisolone: 1
        case .dexamethasone: 4 / 0.75
        case .betamethasone: 4 / 0.6
        }
    }

    public static let potencySource = ClinicalSource("Corticosteroid equivalence tables; not in REFERENCE.md, verify", .unconfirmed)
    private static let lcd = ClinicalSource("REFERENCE §2 ESI steroid ceilings [S8]", .secondary)
}

public struct SteroidDose: Hashable, Sendable {
    public let steroid: Steroid
    public let milligrams: Double

    public init(_ steroid: Steroid, _ milligrams: Double) {
        self.steroid = steroid
        self.milligrams = milligrams
    }

    public var triamcinoloneEquivalent: Double { milligrams * steroid.triamcinoloneFactor }
}
