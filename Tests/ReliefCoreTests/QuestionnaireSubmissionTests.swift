import Testing
@testable import ReliefCore

@Suite struct QuestionnaireSubmissionTests {
    private let today = CalendarDate(year: 2026, month: 11, day: 23)!

    private func fields(_ definition: QuestionnaireDefinition, _ values: [Int?], extra: [(String, String)] = []) -> FormFields {
        FormFields(zip(definition.items, values).compactMap { item, value in value.map { (item.linkId, String($0)) } } + extra)
    }

    @Test func aCompleteFormIsScoredAndDatedToday() {
        // setup
        let form = fields(QuestionnaireCatalogue.phq9, [1, 2, 1, 1, 0, 0, 1, 0, 1])
        // act
        let (submission, problems) = QuestionnaireSubmission.parse(QuestionnaireCatalogue.phq9, form, today: today)
        // check
        #expect(problems.isEmpty)
        #expect(submission?.score.score == 7)
        #expect(submission?.score.band?.id == "mild")
        #expect(submission?.score.alerts.map(\.linkId) == ["phq-9-9"])
        #expect(submission?.completedOn == today)
    }

    @Test func everyBlankItemOfASumIsNamed() {
        // setup
        let form = fields(QuestionnaireCatalogue.gad7, [1, nil, 1, 1, nil, 0, 0])
        // act
        let (submission, problems) = QuestionnaireSubmission.parse(QuestionnaireCatalogue.gad7, form, today: today)
        // check
        #expect(submission == nil)
        #expect(problems == ["gad-7-2": "Answer this question.", "gad-7-5": "Answer this question."])
    }

    @Test func oswestryScoresWithSectionsLeftBlankButNotWithNone() {
        // setup
        let some = fields(QuestionnaireCatalogue.oswestry, [2, 2, nil, 2, 2, 2, 2, 2, 2, nil])
        let none = fields(QuestionnaireCatalogue.oswestry, Array(repeating: nil, count: 10))
        // act
        let (scored, _) = QuestionnaireSubmission.parse(QuestionnaireCatalogue.oswestry, some, today: today)
        let (empty, problems) = QuestionnaireSubmission.parse(QuestionnaireCatalogue.oswestry, none, today: today)
        // check: 16 ÷ (5 × 8) × 100
        #expect(scored?.score.score == 40)
        #expect(scored?.score.missing == 2)
        #expect(empty == nil)
        #expect(problems == ["odi-1": "Answer at least one question."])
    }

    @Test(arguments: ["11", "-1", "seven", "3.5"])
    func anAnswerOutsideTheOptionsIsRefused(value: String) {
        // setup
        let form = FormFields([("pain-intensity-1", value)])
        // act
        let (submission, problems) = QuestionnaireSubmission.parse(QuestionnaireCatalogue.painIntensity, form, today: today)
        // check
        #expect(submission == nil)
        #expect(problems["pain-intensity-1"] == "Choose one of the answers.")
    }

    @Test func aPaperFormKeepsItsDateButNotOneAhead() {
        // setup
        let past = fields(QuestionnaireCatalogue.painIntensity, [6], extra: [(QuestionnaireSubmission.completedOnField, "11/02/2026")])
        let ahead = fields(QuestionnaireCatalogue.painIntensity, [6], extra: [(QuestionnaireSubmission.completedOnField, "2026-12-01")])
        // act
        let (dated, _) = QuestionnaireSubmission.parse(QuestionnaireCatalogue.painIntensity, past, today: today)
        let (refused, problems) = QuestionnaireSubmission.parse(QuestionnaireCatalogue.painIntensity, ahead, today: today)
        // check
        #expect(dated?.completedOn == CalendarDate(year: 2026, month: 11, day: 2))
        #expect(refused == nil)
        #expect(problems[QuestionnaireSubmission.completedOnField] == "The date completed cannot be after today.")
    }

    @Test func theCourseRunsFromTheFirstScoreToTheLatestAndJudgesTheChange() throws {
        // setup: entered out of order; ODI fell 24 points against a difference of 10
        let responses = [
            ScoredResponse(completedOn: CalendarDate(year: 2026, month: 10, day: 1)!, score: 30),
            ScoredResponse(completedOn: CalendarDate(year: 2026, month: 8, day: 1)!, score: 52),
            ScoredResponse(completedOn: CalendarDate(year: 2026, month: 11, day: 1)!, score: 28),
        ]
        // act
        let course = try #require(QuestionnaireCourse(QuestionnaireCatalogue.oswestry, responses, minimalImportantDifference: 10))
        let single = try #require(QuestionnaireCourse(QuestionnaireCatalogue.oswestry, [responses[0]], minimalImportantDifference: 10))
        // check
        #expect(course.baseline.score == 52)
        #expect(course.latest.score == 28)
        #expect(course.change?.change == -24)
        #expect(course.change?.verdict == .improved)
        #expect(single.change == nil)
        #expect(QuestionnaireCourse(QuestionnaireCatalogue.oswestry, [], minimalImportantDifference: 10) == nil)
    }
}

extension QuestionnaireSubmissionTests {
    @Test func aWrongAnswerAndBlankItemsAreReportedTogether() {
        // setup
        let form = FormFields([("peg-1", "4"), ("peg-2", "12")])
        // act
        let (_, problems) = QuestionnaireSubmission.parse(QuestionnaireCatalogue.peg, form, today: today)
        // check
        #expect(problems == ["peg-2": "Choose one of the answers.", "peg-3": "Answer this question."])
    }
}
