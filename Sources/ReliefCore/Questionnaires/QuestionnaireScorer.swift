/// Answers by item `linkId`: the chosen option's value. Items left out are unanswered.
public typealias QuestionnaireAnswers = [String: Int]

public struct QuestionnaireScore: Hashable, Sendable {
    public let score: Double
    public let band: ScoreBand?
    public let answered: Int
    /// Items whose value the rule filled in (NDI) or left out of the denominator (ODI).
    public let missing: Int
    /// Named parts of the score, e.g. STarT Back's psychosocial subscale.
    public let subscores: [String: Double]
    public let alerts: [ItemAlertRule]
}

public enum ScoringError: Error, Hashable, Sendable {
    case unknownItem(String)
    case invalidAnswer(linkId: String, value: Int)
    /// The rule cannot score with these items missing.
    case missingItems([String])
}

/// The one scoring engine for every questionnaire definition.
public enum QuestionnaireScorer {
    public static func score(_ definition: QuestionnaireDefinition, _ answers: QuestionnaireAnswers) throws(ScoringError) -> QuestionnaireScore {
        for (linkId, value) in answers {
            guard let item = definition.item(linkId) else { throw .unknownItem(linkId) }
            guard item.option(value: value) != nil else { throw .invalidAnswer(linkId: linkId, value: value) }
        }
        // An item not asked (its condition unmet) or optional is not missing; one outside the total is not counted.
        let missing = definition.items.filter { $0.required && $0.isEnabled(answers) && answers[$0.linkId] == nil }.map(\.linkId)
        let values = definition.items.filter(\.scored).compactMap { answers[$0.linkId] }
        let alerts = definition.alerts.filter { rule in answers[rule.linkId].map { $0 >= rule.minimumValue } ?? false }
        var subscores: [String: Double] = [:]
        var bandID: String?
        let score: Double

        switch definition.scoring {
        case .single, .sum:
            guard missing.isEmpty else { throw .missingItems(missing) }
            score = Double(values.reduce(0, +))
        case .mean:
            guard missing.isEmpty else { throw .missingItems(missing) }
            score = rounded(Double(values.reduce(0, +)) / Double(values.count))
        case .meanPercent:
            guard missing.isEmpty else { throw .missingItems(missing) }
            let highest = definition.items.map { $0.valueRange.upperBound }.reduce(0, +)
            score = rounded(Double(values.reduce(0, +)) / Double(highest) * 100)
        case .oswestry:
            // REFERENCE §5 (ODI): each missing section takes 5 off the denominator.
            guard !values.isEmpty else { throw .missingItems(missing) }
            score = rounded(Double(values.reduce(0, +)) / Double(5 * values.count) * 100)
        case .neckDisability:
            // REFERENCE §5 (NDI): a missing item adds the mean of the answered items.
            guard !values.isEmpty else { throw .missingItems(missing) }
            let sum = Double(values.reduce(0, +))
            score = rounded(sum + Double(missing.count) * sum / Double(values.count))
            subscores["percent"] = rounded(score * 2)
        case .startBack:
            guard missing.isEmpty else { throw .missingItems(missing) }
            let (total, psychosocial) = startBack(definition, answers)
            score = Double(total)
            subscores["psychosocial"] = Double(psychosocial)
            // REFERENCE §5 (STarT Back): 0–3 low; otherwise psychosocial ≥ 4 high, else medium.
            bandID = total <= 3 ? "low" : psychosocial >= 4 ? "high" : "medium"
        case .opioidRiskTool:
            guard missing.isEmpty else { throw .missingItems(missing) }
            let male = answers[OpioidRiskTool.sexItem] == OpioidRiskTool.male
            score = Double(definition.items.reduce(0) { total, item in
                guard let weight = item.weight, answers[item.linkId] == 1 else { return total }
                return total + (male ? weight.male : weight.female)
            })
        }
        let band = bandID.flatMap(definition.band(id:)) ?? (bandID == nil ? definition.band(for: score) : nil)
        return QuestionnaireScore(score: score, band: band, answered: values.count, missing: missing.count,
                               subscores: subscores, alerts: alerts)
    }

    /// STarT Back's total and psychosocial subscale (items 5–9); the bothersomeness item counts as one point
    /// when it is "very much" or "extremely" (REFERENCE §5).
    private static func startBack(_ definition: QuestionnaireDefinition, _ answers: QuestionnaireAnswers) -> (Int, Int) {
        let points = definition.items.map { item -> Int in
            let value = answers[item.linkId]!
            return item.linkId == StartBack.bothersomeItem ? (value >= StartBack.bothersomePositive ? 1 : 0) : value
        }
        return (points.reduce(0, +), points[4...].reduce(0, +))
    }

    /// Scores are shown to one decimal; rounding here keeps stored, shown and compared values the same.
    static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}

public enum OpioidRiskTool {
    public static let sexItem = "ort-sex"
    static let female = 0
    static let male = 1

    /// The answer to the sex item from the registration, so the form starts in the right scoring column.
    public static func sexAnswer(_ sex: SexAtBirth) -> Int? {
        switch sex {
        case .female: female
        case .male: male
        case .unknown: nil
        }
    }
}

enum StartBack {
    static let bothersomeItem = "sbst-9"
    /// Option values of the bothersomeness item: 0 not at all … 3 very much, 4 extremely.
    static let bothersomePositive = 3
}
