/// A questionnaire as filled in on its form — one field per item, named by the item's `linkId`, holding the chosen
/// option's value — checked and scored; it maps onto a FHIR `QuestionnaireResponse` with its score `Observation`.
public struct QuestionnaireSubmission: Hashable, Sendable {
    public let questionnaire: String
    public let answers: QuestionnaireAnswers
    public let score: QuestionnaireScore
    public let completedOn: CalendarDate

    /// Staff entering a paper form give the day it was filled in; left empty, it is today.
    public static let completedOnField = "completed-on"

    /// The submission, or one message per field: an unknown answer, a required item left blank, a date ahead.
    public static func parse(_ definition: QuestionnaireDefinition, _ fields: FormFields,
                             today: CalendarDate) -> (QuestionnaireSubmission?, [String: String]) {
        var reader = FormReader(fields, today: today)
        let completedOn = reader.date(completedOnField, what: "The date completed") ?? today
        var answers: QuestionnaireAnswers = [:]
        for item in definition.items where !fields[item.linkId].isEmpty {
            guard let value = PlainNumber.integer(fields[item.linkId]), item.option(value: value) != nil else {
                reader.problem(item.linkId, "Choose one of the answers.")
                continue
            }
            answers[item.linkId] = value
        }
        // An answer to an item whose condition the other answers do not meet was not asked for: it is dropped.
        for item in definition.items where !item.isEnabled(answers) { answers[item.linkId] = nil }
        let blank = definition.items.filter { $0.required && $0.isEnabled(answers) }.map(\.linkId).filter { answers[$0] == nil && fields[$0].isEmpty }
        if definition.scoring.allowsMissingItems {
            if !blank.isEmpty, blank.count == definition.items.count { reader.problem(blank[0], "Answer at least one question.") }
        } else {
            for linkId in blank { reader.problem(linkId, "Answer this question.") }
        }
        guard reader.problems.isEmpty else { return (nil, reader.problems) }
        do {
            let score = try QuestionnaireScorer.score(definition, answers)
            return (QuestionnaireSubmission(questionnaire: definition.id, answers: answers, score: score, completedOn: completedOn), [:])
        } catch {
            // Every answer was checked above; a rule refusing them anyway is named on its first item.
            reader.problem(definition.items[0].linkId, "These answers cannot be scored: \(error).")
            return (nil, reader.problems)
        }
    }
}

extension ScoringRule {
    /// Whether the rule scores a form with items left blank (REFERENCE §5: ODI and NDI have missing-item rules).
    public var allowsMissingItems: Bool { self == .oswestry || self == .neckDisability }
}

/// One stored score of a questionnaire, as the chart and its trend use it.
public struct ScoredResponse: Hashable, Sendable {
    public let completedOn: CalendarDate
    public let score: Double

    public init(completedOn: CalendarDate, score: Double) {
        self.completedOn = completedOn
        self.score = score
    }
}

/// A patient's course on one questionnaire: the first score (baseline), the latest, and the change judged against the
/// minimal important difference the practice uses.
public struct QuestionnaireCourse: Hashable, Sendable {
    public let baseline: ScoredResponse
    public let latest: ScoredResponse
    /// Nil until there are two scores.
    public let change: ScoreChange?

    /// `responses` in any order; nil when there are none.
    public init?(_ definition: QuestionnaireDefinition, _ responses: [ScoredResponse], minimalImportantDifference: Double?) {
        let ordered = responses.enumerated().sorted { ($0.element.completedOn, $0.offset) < ($1.element.completedOn, $1.offset) }.map(\.element)
        guard let first = ordered.first, let last = ordered.last else { return nil }
        baseline = first
        latest = last
        change = ordered.count > 1
            ? ScoreChange(definition, baseline: first.score, latest: last.score, minimalImportantDifference: minimalImportantDifference)
            : nil
    }
}
