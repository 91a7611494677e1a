import Testing
@testable import ReliefCore

/// Every scoring rule, band boundary and missing-item rule of REFERENCE §5.
@Suite struct QuestionnaireScoringTests {
    private func answers(_ definition: QuestionnaireDefinition, _ values: [Int]) -> QuestionnaireAnswers {
        Dictionary(uniqueKeysWithValues: zip(definition.items.map(\.linkId), values))
    }

    private func score(_ definition: QuestionnaireDefinition, _ values: [Int]) throws -> QuestionnaireScore {
        try QuestionnaireScorer.score(definition, answers(definition, values))
    }

    @Test func everyShippedDefinitionIsWellFormed() {
        // check
        #expect(Set(QuestionnaireCatalogue.all.map(\.id)).count == QuestionnaireCatalogue.all.count)
        for definition in QuestionnaireCatalogue.all {
            #expect(Set(definition.items.map(\.linkId)).count == definition.items.count, "\(definition.id)")
            for item in definition.items {
                #expect(Set(item.options.map(\.value)).count == item.options.count, "\(item.linkId)")
                #expect((item.text == nil) == (definition.wording == .licensed), "\(item.linkId)")
            }
            #expect(definition.bands.map(\.upTo) == definition.bands.map(\.upTo).sorted(), "\(definition.id)")
            #expect(definition.bands.last.map { $0.upTo == definition.scoreRange.upperBound } ?? true, "\(definition.id)")
        }
    }

    @Test(arguments: [(4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
                      (15, "moderately-severe"), (19, "moderately-severe"), (20, "severe"), (27, "severe")])
    func phq9Bands(total: Int, band: String) throws {
        // setup: spread the total over the nine items, item 9 left at 0
        var values = Array(repeating: 0, count: 9)
        var rest = total
        for index in 0..<9 where rest > 0 { values[index] = min(3, rest); rest -= values[index] }
        // act
        let result = try QuestionnaireScorer.score(QuestionnaireCatalogue.phq9, answers(QuestionnaireCatalogue.phq9, values))
        // check
        #expect(result.score == Double(total))
        #expect(result.band?.id == band)
    }

    @Test func phq9ItemNineRaisesTheSafetyAlertWhateverTheTotal() throws {
        // act
        let quiet = try score(QuestionnaireCatalogue.phq9, [0, 0, 0, 0, 0, 0, 0, 0, 0])
        let positive = try score(QuestionnaireCatalogue.phq9, [0, 0, 0, 0, 0, 0, 0, 0, 1])
        // check
        #expect(quiet.alerts.isEmpty)
        #expect(positive.alerts.map(\.linkId) == ["phq-9-9"])
        #expect(positive.band?.id == "minimal")
    }

    @Test func phq9NeedsEveryItem() {
        // setup
        var partial = answers(QuestionnaireCatalogue.phq9, Array(repeating: 1, count: 9))
        partial["phq-9-4"] = nil
        // act / check
        #expect(throws: ScoringError.missingItems(["phq-9-4"])) { try QuestionnaireScorer.score(QuestionnaireCatalogue.phq9, partial) }
    }

    @Test(arguments: [(4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"), (15, "severe"), (21, "severe")])
    func gad7Bands(total: Int, band: String) throws {
        // setup
        var values = Array(repeating: 0, count: 7)
        var rest = total
        for index in 0..<7 where rest > 0 { values[index] = min(3, rest); rest -= values[index] }
        // act
        let result = try score(QuestionnaireCatalogue.gad7, values)
        // check
        #expect(result.score == Double(total))
        #expect(result.band?.id == band)
        #expect(result.band?.concerning == (total >= 10))
    }

    @Test func pegIsTheMeanOfItsThreeItems() throws {
        // act
        let result = try score(QuestionnaireCatalogue.peg, [7, 6, 4])
        // check: 17 / 3 = 5.67, shown to one decimal
        #expect(result.score == 5.7)
        #expect(throws: ScoringError.missingItems(["peg-3"])) {
            try QuestionnaireScorer.score(QuestionnaireCatalogue.peg, ["peg-1": 5, "peg-2": 5])
        }
    }

    @Test func outOfRangeAndUnknownAnswersAreRefused() {
        // act / check
        #expect(throws: ScoringError.invalidAnswer(linkId: "pain-intensity-1", value: 11)) {
            try QuestionnaireScorer.score(QuestionnaireCatalogue.painIntensity, ["pain-intensity-1": 11])
        }
        #expect(throws: ScoringError.invalidAnswer(linkId: "percent-relief-1", value: 35)) {
            try QuestionnaireScorer.score(QuestionnaireCatalogue.percentRelief, ["percent-relief-1": 35])
        }
        #expect(throws: ScoringError.unknownItem("phq-9-10")) {
            try QuestionnaireScorer.score(QuestionnaireCatalogue.phq9, ["phq-9-10": 1])
        }
    }

    @Test func oswestryDividesByFivePerAnsweredSection() throws {
        // setup
        var partial = answers(QuestionnaireCatalogue.oswestry, Array(repeating: 2, count: 10))
        partial["odi-3"] = nil
        partial["odi-7"] = nil
        // act
        let complete = try score(QuestionnaireCatalogue.oswestry, Array(repeating: 2, count: 10))
        let missingTwo = try QuestionnaireScorer.score(QuestionnaireCatalogue.oswestry, partial)
        // check: 20 / 50 = 40%; 16 / 40 = 40%
        #expect(complete.score == 40)
        #expect(missingTwo.score == 40)
        #expect(missingTwo.missing == 2 && missingTwo.answered == 8)
        #expect(throws: ScoringError.self) { try QuestionnaireScorer.score(QuestionnaireCatalogue.oswestry, [:]) }
    }

    @Test(arguments: [(20.0, "minimal"), (22.0, "moderate"), (40.0, "moderate"), (42.0, "severe"), (60.0, "severe"),
                      (62.0, "crippled"), (80.0, "crippled"), (82.0, "bed-bound"), (100.0, "bed-bound")])
    func oswestryBands(percent: Double, band: String) {
        // check
        #expect(QuestionnaireCatalogue.oswestry.band(for: percent)?.id == band)
    }

    @Test func oswestryBandBoundaryFromAnswers() throws {
        // setup: 10 sections summing to 10 → 20%; 11 → 22%
        let twenty = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
        let twentyTwo = [2, 1, 1, 1, 1, 1, 1, 1, 1, 1]
        // act / check
        #expect(try score(QuestionnaireCatalogue.oswestry, twenty).band?.id == "minimal")
        #expect(try score(QuestionnaireCatalogue.oswestry, twentyTwo).band?.id == "moderate")
    }

    @Test func neckDisabilityAddsTheMeanOfAnsweredItemsForEachMissingOne() throws {
        // setup: nine items answered summing to 18 (mean 2), one missing
        var partial = answers(QuestionnaireCatalogue.neckDisability, [2, 2, 2, 2, 2, 2, 2, 2, 2, 0])
        partial["ndi-10"] = nil
        // act
        let result = try QuestionnaireScorer.score(QuestionnaireCatalogue.neckDisability, partial)
        // check: 18 + 2 = 20 of 50, 40%
        #expect(result.score == 20)
        #expect(result.subscores["percent"] == 40)
        #expect(result.missing == 1)
        #expect(result.band?.id == "moderate")
    }

    @Test(arguments: [(4.0, "none"), (5.0, "mild"), (14.0, "mild"), (15.0, "moderate"), (24.0, "moderate"),
                      (25.0, "severe"), (34.0, "severe"), (35.0, "complete"), (50.0, "complete")])
    func neckDisabilityBands(total: Double, band: String) {
        // check
        #expect(QuestionnaireCatalogue.neckDisability.band(for: total)?.id == band)
    }

    @Test func neckDisabilityMinimalImportantDifferenceIsFivePoints() {
        // setup
        let ndi = QuestionnaireCatalogue.neckDisability
        // act
        let four = ScoreChange(ndi, baseline: 30, latest: 26, minimalImportantDifference: ndi.minimalImportantDifference?.value)
        let five = ScoreChange(ndi, baseline: 30, latest: 25, minimalImportantDifference: ndi.minimalImportantDifference?.value)
        let worse = ScoreChange(ndi, baseline: 20, latest: 25, minimalImportantDifference: ndi.minimalImportantDifference?.value)
        // check
        #expect(four.verdict == .unchanged)
        #expect(five.verdict == .improved && five.change == -5)
        #expect(worse.verdict == .worsened)
    }

    @Test func changeWhereHigherIsBetterAndWithoutAMinimalImportantDifference() {
        // act
        let relief = ScoreChange(QuestionnaireCatalogue.returnToActivities, baseline: 25, latest: 50, minimalImportantDifference: 20)
        let peg = ScoreChange(QuestionnaireCatalogue.peg, baseline: 7, latest: 3, minimalImportantDifference: nil)
        // check
        #expect(relief.verdict == .improved)
        #expect(peg.verdict == .notJudged && peg.change == -4)
    }

    @Test func startBackLowAtThreeOrLess() throws {
        // setup: three agreements and bothersomeness "moderately" (not counted)
        let result = try score(QuestionnaireCatalogue.startBack, [1, 1, 1, 0, 0, 0, 0, 0, 2])
        // check
        #expect(result.score == 3)
        #expect(result.band?.id == "low")
    }

    @Test func startBackMediumWhenPsychosocialBelowFour() throws {
        // setup: physical items 1–4 agreed, psychosocial 5–9: one agreement, bothersomeness "slightly"
        let result = try score(QuestionnaireCatalogue.startBack, [1, 1, 1, 1, 1, 0, 0, 0, 1])
        // check
        #expect(result.score == 5)
        #expect(result.subscores["psychosocial"] == 1)
        #expect(result.band?.id == "medium")
    }

    @Test func startBackHighWhenPsychosocialReachesFourCountingVeryMuchBothersome() throws {
        // act: psychosocial items 5–7 agreed plus bothersomeness "very much" (3) → 4; "moderately" (2) → 3
        let high = try score(QuestionnaireCatalogue.startBack, [0, 0, 0, 0, 1, 1, 1, 0, 3])
        let medium = try score(QuestionnaireCatalogue.startBack, [1, 0, 0, 0, 1, 1, 1, 0, 2])
        let extremely = try score(QuestionnaireCatalogue.startBack, [0, 0, 0, 0, 1, 1, 1, 0, 4])
        // check
        #expect(high.score == 4 && high.subscores["psychosocial"] == 4 && high.band?.id == "high")
        #expect(medium.score == 4 && medium.subscores["psychosocial"] == 3 && medium.band?.id == "medium")
        #expect(extremely.band?.id == "high")
    }

    @Test func dn4PositiveFromFour() throws {
        // act
        let three = try score(QuestionnaireCatalogue.dn4, [1, 1, 1, 0, 0, 0, 0, 0, 0, 0])
        let four = try score(QuestionnaireCatalogue.dn4, [1, 1, 1, 0, 0, 0, 0, 0, 0, 1])
        // check
        #expect(three.band?.id == "negative")
        #expect(four.band?.id == "positive")
        #expect(throws: ScoringError.self) { try QuestionnaireScorer.score(QuestionnaireCatalogue.dn4, ["dn4-1": 1]) }
    }

    @Test func opioidRiskToolWeightsDifferBySex() throws {
        // setup: family history of alcohol and preadolescent sexual abuse
        let female = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0]
        var male = female
        male[0] = 1
        // act
        let her = try score(QuestionnaireCatalogue.opioidRiskTool, female)
        let him = try score(QuestionnaireCatalogue.opioidRiskTool, male)
        // check: female 1 + 3 = 4 (moderate); male 3 + 0 = 3 (low)
        #expect(her.score == 4 && her.band?.id == "moderate")
        #expect(him.score == 3 && him.band?.id == "low")
    }

    /// REFERENCE §5 ORT, female/male points for each factor on its own.
    @Test(arguments: [
        ("ort-family-alcohol", 1, 3), ("ort-family-illegal", 2, 3), ("ort-family-prescription", 4, 4),
        ("ort-personal-alcohol", 3, 3), ("ort-personal-illegal", 4, 4), ("ort-personal-prescription", 5, 5),
        ("ort-age", 1, 1), ("ort-preadolescent-abuse", 3, 0), ("ort-psychological", 2, 2), ("ort-depression", 1, 1),
    ])
    func opioidRiskToolWeight(linkId: String, female: Int, male: Int) throws {
        // setup
        let ort = QuestionnaireCatalogue.opioidRiskTool
        var answers = Dictionary(uniqueKeysWithValues: ort.items.map { ($0.linkId, 0) })
        answers[linkId] = 1
        var maleAnswers = answers
        maleAnswers["ort-sex"] = 1
        // act
        let her = try QuestionnaireScorer.score(ort, answers)
        let him = try QuestionnaireScorer.score(ort, maleAnswers)
        // check
        #expect(her.score == Double(female))
        #expect(him.score == Double(male))
    }

    @Test(arguments: [
        ([0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0], 3.0, "low"),
        ([0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0], 4.0, "moderate"),
        ([0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0], 7.0, "moderate"),
        ([0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0], 8.0, "high"),
    ])
    func opioidRiskToolBands(values: [Int], total: Double, band: String) throws {
        // act
        let result = try score(QuestionnaireCatalogue.opioidRiskTool, values)
        // check
        #expect(result.score == total)
        #expect(result.band?.id == band)
    }

    @Test func ownItems() throws {
        // act
        let relief = try score(QuestionnaireCatalogue.percentRelief, [70])
        let activities = try score(QuestionnaireCatalogue.returnToActivities, [4, 2, 1, 3])
        // check: 10 of 16 = 62.5%
        #expect(relief.score == 70 && relief.band == nil)
        #expect(activities.score == 62.5)
    }
}
