import Foundation

/// A medication's daily morphine milligram equivalents, or why there is none.
public enum DailyMME: Hashable, Sendable {
    case notAnOpioid
    case value(Double, explanation: String, source: ClinicalSource)
    case notComputable(reason: String)

    public var amount: Double? {
        if case .value(let amount, _, _) = self { amount } else { nil }
    }
}

/// Daily MME with the CDC 2022 factors (REFERENCE §3). CDC: MME estimates total opioid exposure; it is not a
/// table for converting one opioid into another.
public enum MorphineEquivalents {
    /// REFERENCE §3: at ≥ 50 MME/day pause and reassess, and offer naloxone (V1 [S14]).
    public static let reassessThreshold = SourcedValue(50.0, ClinicalSource("CDC 2022, REFERENCE §3 [S14]", .primary))

    public static func daily(_ drug: Drug?, _ dosage: Dosage?) -> DailyMME {
        guard let drug, drug.isA(.opioid) else { return .notAnOpioid }
        guard let mme = drug.mme else { return .notComputable(reason: "CDC gives no MME factor for \(drug.name.lowercased()).") }
        guard let dosage else { return .notComputable(reason: "No structured dose recorded.") }
        guard dosage.strength > 0, dosage.unitsPerDose > 0 else { return .notComputable(reason: "The dose is zero.") }
        let perDose = dosage.strength * dosage.unitsPerDose
        let amount: Double, unit: String, steps: String
        switch (mme.basis, dosage.unit) {
        case (.microgramPerHour, .microgramPerHour):
            // A patch delivers continuously: the rate is the daily dose's measure, whatever the change interval.
            (amount, unit, steps) = (perDose, "mcg/h", "\(Figures.text(dosage.strength)) mcg/h × \(Figures.text(dosage.unitsPerDose)) patch(es)")
        case (.milligram, .milligram), (.milligram, .milligramPerMillilitre), (.milligram, .microgram), (.microgram, .microgram),
             (.microgram, .milligram):
            guard let perDay = dosage.dosesPerDay else {
                return .notComputable(reason: "As needed without a maximum number of doses a day.")
            }
            let scale = switch (mme.basis, dosage.unit) {
            case (.milligram, .microgram): 0.001
            case (.microgram, .milligram): 1000.0
            default: 1.0
            }
            let base = mme.basis == .milligram ? "mg" : "mcg"
            amount = perDose * perDay * scale
            unit = "\(base)/day"
            let per = dosage.unit == .milligramPerMillilitre ? "mL" : "unit(s)"
            steps = "\(Figures.text(dosage.strength)) \(dosage.unit.rawValue) × \(Figures.text(dosage.unitsPerDose)) \(per) × \(Figures.text(perDay))/day"
        default:
            return .notComputable(reason: "A strength in \(dosage.unit.rawValue) cannot be converted for \(drug.name.lowercased()).")
        }
        let result = QuestionnaireScorer.rounded(amount * mme.factor)
        let explanation = "\(steps) = \(Figures.text(amount)) \(unit) × factor \(Figures.text(mme.factor)) = \(Figures.text(result)) MME/day"
        return .value(result, explanation: explanation, source: mme.source)
    }
}

/// The opioid picture of a medication list: per-medication MME, the total, and the alerts it raises.
public struct OpioidSummary: Hashable, Sendable {
    public struct Line: Hashable, Sendable {
        public let label: String
        public let mme: DailyMME
    }

    public enum Alert: Hashable, Sendable {
        case atOrAboveReassessThreshold(total: Double, threshold: Double, source: ClinicalSource)
        case opioidWithBenzodiazepine(opioids: [String], benzodiazepines: [String], source: ClinicalSource)
        /// Some opioid's MME could not be computed, so the total is a floor.
        case incompleteTotal(labels: [String])

        public var source: ClinicalSource? {
            switch self {
            case .atOrAboveReassessThreshold(_, _, let source), .opioidWithBenzodiazepine(_, _, let source): source
            case .incompleteTotal: nil
            }
        }

        public var message: String {
            switch self {
            case .atOrAboveReassessThreshold(let total, let threshold, _):
                "Daily opioid dose \(Figures.text(total)) MME is at or above \(Figures.text(threshold)) MME/day: reassess benefits and risks, offer naloxone."
            case .opioidWithBenzodiazepine(let opioids, let benzodiazepines, _):
                "Opioid (\(opioids.joined(separator: ", "))) together with a benzodiazepine (\(benzodiazepines.joined(separator: ", "))): avoid the combination where possible; offer naloxone."
            case .incompleteTotal(let labels):
                "The total leaves out \(labels.joined(separator: ", ")): no MME could be computed."
            }
        }
    }

    /// CDC 2022 Recommendation 11. Not yet in REFERENCE.md, so shown with "verify against current guideline".
    public static let benzodiazepineSource = ClinicalSource("CDC 2022 clinical practice guideline, Recommendation 11", .unconfirmed)

    public let lines: [Line]
    public let total: Double
    public let alerts: [Alert]

    /// Some opioid's MME could not be computed, so `total` is a floor.
    public var isIncomplete: Bool { alerts.contains { if case .incompleteTotal = $0 { true } else { false } } }

    /// Each opioid's share of the total in one line, as the MME history keeps it: "Oxycodone: 60; Buprenorphine: not computable".
    public var breakdown: String {
        lines.map { "\($0.label): \($0.mme.amount.map(Figures.text) ?? "not computable")" }.joined(separator: "; ")
    }

    /// `medications` are the active entries: their display label, catalogue drug (nil for free text) and dose.
    /// `rules` says whether the practice shows the unconfirmed opioid-with-benzodiazepine alert.
    public init(_ medications: [(label: String, drug: Drug?, dosage: Dosage?)], reassessThreshold: Double = MorphineEquivalents.reassessThreshold.value,
                rules: PracticeRules = PracticeRules()) {
        lines = medications.compactMap { medication in
            let mme = MorphineEquivalents.daily(medication.drug, medication.dosage)
            return mme == .notAnOpioid ? nil : Line(label: medication.label, mme: mme)
        }
        total = QuestionnaireScorer.rounded(lines.compactMap(\.mme.amount).reduce(0, +))
        var alerts: [Alert] = []
        if total >= reassessThreshold {
            alerts.append(.atOrAboveReassessThreshold(total: total, threshold: reassessThreshold,
                                                      source: MorphineEquivalents.reassessThreshold.source))
        }
        let benzodiazepines = medications.filter { $0.drug?.isA(.benzodiazepine) ?? false }.map(\.label)
        if rules.showsOpioidBenzodiazepineAlert, !lines.isEmpty, !benzodiazepines.isEmpty {
            alerts.append(.opioidWithBenzodiazepine(opioids: lines.map(\.label), benzodiazepines: benzodiazepines,
                                                    source: Self.benzodiazepineSource))
        }
        let unknown = lines.filter { $0.mme.amount == nil }.map(\.label)
        if !unknown.isEmpty { alerts.append(.incompleteTotal(labels: unknown)) }
        self.alerts = alerts
    }
}
