/// One questionnaire, in a shape that maps onto FHIR R4 `Questionnaire` (items with `linkId`, answer options
/// with an ordinal value) and whose answers map onto `QuestionnaireResponse`.
public struct QuestionnaireDefinition: Sendable, Identifiable {
    /// Stable id, also the tail of the FHIR canonical URL.
    public let id: String
    public let title: String
    /// What the score is, e.g. "total 0–27" or "% disability".
    public let scoreLabel: String
    public let instructions: String?
    public let items: [QuestionnaireItem]
    public let scoring: ScoringRule
    public let scoreRange: ClosedRange<Double>
    /// Bands in ascending order of score; each covers scores up to and including `upTo`.
    public let bands: [ScoreBand]
    public let higherIsBetter: Bool
    public let minimalImportantDifference: SourcedValue<Double>?
    public let alerts: [ItemAlertRule]
    public let wording: Wording
    /// The notice the questionnaire's owner asks for, shown with it.
    public let attribution: String
    public let source: ClinicalSource
    /// LOINC code of the total score, when there is one (for FHIR Observations).
    public let loinc: String?
    /// An imported questionnaire's canonical URL (with `|version`); nil for Relief's own (`urn:relief:questionnaire:{id}`).
    public var canonical: String? = nil
    /// Imported by the practice from a FHIR Questionnaire (`ImportedQuestionnaire`).
    public var isImported = false

    public enum Wording: String, Sendable {
        /// Relief ships the text (public domain, our own, or licence permits).
        case shipped
        /// Only the scoring ships; a practice imports the wording it has licensed.
        case licensed
    }

    public func item(_ linkId: String) -> QuestionnaireItem? { items.first { $0.linkId == linkId } }

    /// Whether every item has its text: shipped, or a licensed questionnaire whose wording the practice imported.
    /// Without it staff can still enter values from a paper form, but a patient cannot answer alone.
    public var hasWording: Bool { items.allSatisfy { $0.text != nil } }

    /// The band a score falls in.
    public func band(for score: Double) -> ScoreBand? {
        bands.first { score <= $0.upTo } ?? bands.last
    }

    public func band(id: String) -> ScoreBand? { bands.first { $0.id == id } }

    /// A new form: each item's initial answer, where it has one.
    public var initialFields: FormFields {
        FormFields(items.compactMap { item in item.initial.map { (item.linkId, String($0)) } })
    }

    /// When an item is asked only after certain answers, in words: "Answer only if question 3 is “Yes”."
    public func condition(of item: QuestionnaireItem) -> String? {
        guard let condition = item.enableWhen else { return nil }
        let parts = condition.tests.map { test -> String in
            let number = (items.firstIndex { $0.linkId == test.linkId } ?? 0) + 1
            let answer = self.item(test.linkId)?.option(value: test.value)?.text ?? String(test.value)
            switch test.op {
            case .equal: return "question \(number) is “\(answer)”"
            case .notEqual: return "question \(number) is not “\(answer)”"
            case .exists: return test.value == 1 ? "question \(number) is answered" : "question \(number) is not answered"
            }
        }
        return "Answer only if " + parts.joined(separator: condition.all ? " and " : " or ") + "."
    }
}

public struct QuestionnaireItem: Sendable {
    public let linkId: String
    /// Nil for licensed questionnaires until the practice imports its wording.
    public let text: String?
    public let options: [AnswerOption]
    /// Opioid Risk Tool points for a "yes", which differ by sex.
    public let weight: SexWeight?
    /// Relief's own questionnaires ask every item and count it; an imported one may leave some optional, some out of
    /// the total (a "how difficult" question after PHQ-9), and some asked only after certain answers.
    public let required: Bool
    public let scored: Bool
    public let enableWhen: ItemCondition?
    /// The option a new form starts with.
    public let initial: Int?

    public init(_ linkId: String, _ text: String?, options: [AnswerOption], weight: SexWeight? = nil, required: Bool = true, scored: Bool = true,
                enableWhen: ItemCondition? = nil, initial: Int? = nil) {
        self.initial = initial
        self.linkId = linkId
        self.text = text
        self.options = options
        self.weight = weight
        self.required = required
        self.scored = scored
        self.enableWhen = enableWhen
    }

    /// Whether the item is asked, given the answers so far.
    public func isEnabled(_ answers: QuestionnaireAnswers) -> Bool { enableWhen?.holds(answers) ?? true }

    public func option(value: Int) -> AnswerOption? { options.first { $0.value == value } }
    public var valueRange: ClosedRange<Int> { options.map(\.value).min()!...options.map(\.value).max()! }
}

/// When an item is asked (FHIR's `enableWhen`): any or all of its tests on earlier answers.
public struct ItemCondition: Hashable, Codable, Sendable {
    public struct Test: Hashable, Codable, Sendable {
        public enum Operator: String, Codable, Sendable { case equal = "=", notEqual = "!=", exists }
        public let linkId: String
        public let op: Operator
        /// The answer's value compared (for `exists`, 1 asks that it was answered, 0 that it was not).
        public let value: Int

        public init(_ linkId: String, _ op: Operator, _ value: Int) {
            self.linkId = linkId
            self.op = op
            self.value = value
        }

        func holds(_ answers: QuestionnaireAnswers) -> Bool {
            switch op {
            case .equal: answers[linkId] == value
            case .notEqual: answers[linkId].map { $0 != value } ?? false
            case .exists: (answers[linkId] != nil) == (value == 1)
            }
        }
    }

    public let tests: [Test]
    public let all: Bool

    public init(_ tests: [Test], all: Bool) {
        self.tests = tests
        self.all = all
    }

    public func holds(_ answers: QuestionnaireAnswers) -> Bool {
        all ? tests.allSatisfy { $0.holds(answers) } : tests.contains { $0.holds(answers) }
    }
}

public struct AnswerOption: Hashable, Sendable {
    /// The ordinal value that scoring adds up; unique within an item.
    public let value: Int
    public let text: String?

    public init(_ value: Int, _ text: String?) {
        self.value = value
        self.text = text
    }

    /// Options 0...n with no text, for licensed questionnaires and numeric scales.
    public static func scale(_ range: ClosedRange<Int>, step: Int = 1, labels: [Int: String] = [:]) -> [AnswerOption] {
        stride(from: range.lowerBound, through: range.upperBound, by: step).map { AnswerOption($0, labels[$0]) }
    }
}

public struct SexWeight: Hashable, Sendable {
    public let female: Int
    public let male: Int
}

public struct ScoreBand: Hashable, Sendable {
    public let id: String
    public let label: String
    public let upTo: Double
    /// Whether the band calls for the clinician's attention (drawn as a warning).
    public let concerning: Bool

    public init(_ id: String, _ label: String, upTo: Double, concerning: Bool = false) {
        self.id = id
        self.label = label
        self.upTo = upTo
        self.concerning = concerning
    }
}

/// An answer that needs a person's attention whatever the total, such as PHQ-9 item 9.
public struct ItemAlertRule: Hashable, Sendable {
    public let linkId: String
    public let minimumValue: Int
    public let message: String
    public let source: ClinicalSource
}

/// How answers become a score. One engine (`QuestionnaireScorer`) implements every rule.
public enum ScoringRule: String, Sendable {
    /// The one item's value (pain now, % relief).
    case single
    /// Sum of all items; every item required.
    case sum
    /// Mean of all items; every item required (PEG).
    case mean
    /// Mean of all items as a percentage of the highest answer; every item required.
    case meanPercent
    /// Oswestry: sum ÷ (5 × sections answered) × 100.
    case oswestry
    /// Neck Disability Index: each missing item takes the mean of the answered ones; total 0–50.
    case neckDisability
    /// STarT Back: total and psychosocial subscale decide low, medium or high risk.
    case startBack
    /// Opioid Risk Tool: points for each "yes" by sex.
    case opioidRiskTool
}
