/// A procedure or plan component the clinician considers: where, when, and the steroid dose when one is planned.
public struct Candidate: Hashable, Sendable {
    public let site: InterventionSite
    public let date: CalendarDate
    public let steroid: SteroidDose?

    public init(_ site: InterventionSite, on date: CalendarDate, steroid: SteroidDose? = nil) {
        self.site = site
        self.date = date
        self.steroid = steroid
    }

    public var intervention: Intervention { site.intervention }

    /// Reads `intervention`, `region`, `levels`, `side`, `date` (today when empty), `steroid` and `steroidMg`.
    public static func parse(_ fields: FormFields, today: CalendarDate) -> (Candidate?, [String: String]) {
        var reader = FormReader(fields, today: today)
        let site = InterventionSite.read(&reader, procedures: false)
        let date = reader.date("date", what: "The planned date", allowFuture: true) ?? today
        let steroid = reader.one("steroid", Steroid.self)
        let milligrams = reader.decimal("steroidMg", in: 0.1...1000)
        if (steroid == nil) != (milligrams == nil) { reader.problem(steroid == nil ? "steroid" : "steroidMg", "Give both the steroid and its dose, or neither.") }
        if steroid != nil, let site, !site.intervention.usesSteroid { reader.problem("steroid", "\(site.intervention.name) does not use a steroid.") }
        guard reader.problems.isEmpty, let site else { return (nil, reader.problems) }
        return (Candidate(site, on: date, steroid: steroid.flatMap { steroid in milligrams.map { SteroidDose(steroid, $0) } }), [:])
    }
}

/// What one rule found, from "met" to "contraindicated"; `advice` recommends without changing the verdict.
public enum RuleOutcome: String, CaseIterable, Codable, Sendable {
    case met, advice, precaution
    case missing = "prerequisite-missing"
    case notCovered = "not-covered"
    case notIndicated = "not-indicated"
    case contraindicated

    public var title: String {
        switch self {
        case .met: "Met"
        case .advice: "Advice"
        case .precaution: "Precaution"
        case .missing: "Missing"
        case .notCovered: "Not covered"
        case .notIndicated: "Not indicated"
        case .contraindicated: "Contraindicated"
        }
    }
}

/// The answer for one candidate, the worst of its rules' outcomes.
public enum Verdict: String, Coded, Codable {
    case appropriate
    case appropriateWithPrecautions = "appropriate-with-precautions"
    case prerequisiteMissing = "prerequisite-missing"
    case notCovered = "not-covered"
    case notIndicated = "not-indicated"
    case contraindicated

    public var title: String {
        switch self {
        case .appropriate: "Appropriate"
        case .appropriateWithPrecautions: "Appropriate, with precautions"
        case .prerequisiteMissing: "Something is still missing"
        case .notCovered: "Not covered by the payer's criteria"
        case .notIndicated: "Not indicated"
        case .contraindicated: "Contraindicated for now"
        }
    }

    init(_ outcome: RuleOutcome) {
        switch outcome {
        case .met, .advice: self = .appropriate
        case .precaution: self = .appropriateWithPrecautions
        case .missing: self = .prerequisiteMissing
        case .notCovered: self = .notCovered
        case .notIndicated: self = .notIndicated
        case .contraindicated: self = .contraindicated
        }
    }

    /// Worse verdicts come later: a contraindication outweighs everything, a clinical "not indicated" outweighs a
    /// payer's refusal, which outweighs something that can still be supplied.
    var rank: Int { Self.allCases.firstIndex(of: self)! }
}

/// One rule as it fired: its id, what it found, why in plain words, the patient facts it used and its source.
public struct RuleResult: Hashable, Sendable {
    public let id: String
    public let outcome: RuleOutcome
    public let message: String
    public let facts: [String]
    public let source: ClinicalSource

    public init(_ id: String, _ outcome: RuleOutcome, _ message: String, facts: [String] = [], source: ClinicalSource) {
        self.id = id
        self.outcome = outcome
        self.message = message
        self.facts = facts
        self.source = source
    }
}

/// A medicine to stop (or decide about) before the procedure, with the dates that follow from the planned day.
public struct Hold: Hashable, Sendable {
    public let drugID: String
    public let medication: String
    public let duration: HoldDuration
    /// The last day it may be taken; nil when decided with the prescriber.
    public let lastDoseOn: CalendarDate?
    public let restartAfterHours: Int?
    public let restartOn: CalendarDate?
    public let checks: [String]
    public let note: String?
    public let source: ClinicalSource

    /// "Warfarin: stop 5 days before; last dose on 12/07/2026; restart 24 hours after, on 12/14/2026, if there is no bleeding."
    public var message: String {
        var parts = ["\(medication): \(duration.text)"]
        if let lastDoseOn {
            if case .hours(let hours) = duration {
                parts.append("last dose at least \(hours) hours before the procedure (on \(lastDoseOn.display) at the latest)")
            } else {
                parts.append("last dose on \(lastDoseOn.display)")
            }
        }
        if let restartAfterHours, let restartOn { parts.append("restart \(restartAfterHours) hours after, on \(restartOn.display), if there is no bleeding") }
        return parts.joined(separator: "; ") + "."
    }
}

public struct Decision: Hashable, Sendable {
    public let candidate: Candidate
    public let verdict: Verdict
    public let rules: [RuleResult]
    public let holds: [Hold]
    /// The class after ASRA's patient modifiers, for procedures.
    public let bleedingRisk: BleedingRisk?
    public let catalogueVersion: String

    /// The rules that decided the verdict: those with the worst outcome.
    public var reasons: [RuleResult] { rules.filter { Verdict($0.outcome) == verdict && $0.outcome != .met && $0.outcome != .advice } }

    /// Holds whose last dose falls before `today`: booked this soon, the patient cannot stop in time. Each with the
    /// first day that leaves time to.
    public func holdsTooSoon(today: CalendarDate) -> [(hold: Hold, earliest: CalendarDate)] {
        holds.compactMap { hold in
            guard let last = hold.lastDoseOn, last < today else { return nil }
            return (hold, candidate.date.adding(days: today.daysSince(last)))
        }
    }

    /// "Apixaban must stop 3 days before; its last dose would have been 2026-12-03: the first day that leaves time
    /// is 2026-12-10."
    public func tooSoonWarnings(today: CalendarDate) -> [String] {
        holdsTooSoon(today: today).map { hold, earliest in
            "\(hold.medication) must \(hold.duration.text); its last dose would have been \(hold.lastDoseOn!.display), already past: "
                + "the first day that leaves time is \(earliest.display). Move the appointment or ask the physician."
        }
    }
}
