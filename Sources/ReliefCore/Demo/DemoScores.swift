/// The demo patients' questionnaires over time, clinically coherent: seen patients have a baseline at their first
/// visit (pain, PEG, PHQ-9, GAD-7, ODI or NDI, the Opioid Risk Tool when on an opioid) and follow-ups every six to
/// ten weeks with pain, PEG, the disability scale and % relief. Most improve after treatment, some do not, a few get worse.
/// Every answer set goes through the scoring engine, so stored scores are what the engine computes.
public enum DemoScores {
    /// About a third of a practice's registered patients have been seen; the rest are referrals still waiting.
    static let seenShare = 0.35

    /// `disability` is the function scale that fits the main diagnosis (ODI for the low back, NDI for the neck).
    public static func generate(index: Int, seed: UInt64, today: CalendarDate, male: Bool, onOpioid: Bool,
                                disability: QuestionnaireDefinition? = QuestionnaireCatalogue.oswestry) -> [QuestionnaireSubmission] {
        var random = SeededGenerator(seed: (seed &* 104_729) ^ UInt64(index) &+ 0x5C0E)
        guard random.chance(seenShare) else { return [] }
        let visits = Int.random(in: 1...4, using: &random)
        let firstVisit = Int.random(in: (visits * 50)...(visits * 70 + 60), using: &random)
        // Course: relative change of pain and disability by the last visit.
        let course = random.weighted([(-0.45, 55), (-0.2, 20), (0.0, 17), (0.15, 8)])
        let pain = Double.random(in: 5...9, using: &random)
        let disabilityLevel = Double.random(in: 24...62, using: &random)
        let mood = Int.random(in: 2...18, using: &random)
        var submissions: [QuestionnaireSubmission] = []
        func add(_ definition: QuestionnaireDefinition, _ answers: QuestionnaireAnswers, daysAgo: Int) {
            guard let score = try? QuestionnaireScorer.score(definition, answers) else { return }
            submissions.append(QuestionnaireSubmission(questionnaire: definition.id, answers: answers, score: score,
                                                    completedOn: today.adding(days: -daysAgo)))
        }
        var daysAgo = firstVisit
        for visit in 0..<visits {
            let progress = visits == 1 ? 0 : Double(visit) / Double(visits - 1)
            let factor = 1 + course * progress
            if visit > 0 { daysAgo = max(daysAgo - Int.random(in: 42...70, using: &random), 1) }
            let painNow = Int((pain * factor).rounded()).clamped(0...10)
            add(QuestionnaireCatalogue.painIntensity, ["pain-intensity-1": painNow], daysAgo: daysAgo)
            add(QuestionnaireCatalogue.peg, spread(QuestionnaireCatalogue.peg, total: painNow * 3 - 1, &random), daysAgo: daysAgo)
            if let scale = disability {
                // Both scales total 0–50 (ODI as a percentage ÷ 2, NDI as is).
                add(scale, spread(scale, total: Int(disabilityLevel * factor / 2), &random), daysAgo: daysAgo)
            }
            if visit == 0 {
                add(QuestionnaireCatalogue.phq9, spread(QuestionnaireCatalogue.phq9, total: mood, &random, keepLastAtZero: true), daysAgo: daysAgo)
                add(QuestionnaireCatalogue.gad7, spread(QuestionnaireCatalogue.gad7, total: max(mood - 2, 0), &random), daysAgo: daysAgo)
                if onOpioid { add(QuestionnaireCatalogue.opioidRiskTool, riskTool(male: male, &random), daysAgo: daysAgo) }
            } else {
                let relief = Int((-course * progress * 100 / 10).rounded()).clamped(0...10) * 10
                add(QuestionnaireCatalogue.percentRelief, ["percent-relief-1": relief], daysAgo: daysAgo)
            }
        }
        return submissions
    }

    /// A first visit's questionnaires on `day`: pain 7 of 10, PEG, the disability scale when given (at a moderate
    /// level), PHQ-9 at `mood` and GAD-7 just under it.
    static func firstVisit(index: Int, seed: UInt64, on day: CalendarDate, disability: QuestionnaireDefinition?, mood: Int) -> [QuestionnaireSubmission] {
        var random = SeededGenerator(seed: (seed &* 104_729) ^ UInt64(index) &+ 0x51CE)
        let sets: [(QuestionnaireDefinition, QuestionnaireAnswers)] = [
            (QuestionnaireCatalogue.painIntensity, ["pain-intensity-1": 7]),
            (QuestionnaireCatalogue.peg, spread(QuestionnaireCatalogue.peg, total: 20, &random)),
            (QuestionnaireCatalogue.phq9, spread(QuestionnaireCatalogue.phq9, total: mood, &random, keepLastAtZero: true)),
            (QuestionnaireCatalogue.gad7, spread(QuestionnaireCatalogue.gad7, total: max(mood - 2, 0), &random)),
        ] + (disability.map { [($0, spread($0, total: 19, &random))] } ?? [])
        return sets.compactMap { definition, answers in
            (try? QuestionnaireScorer.score(definition, answers)).map {
                QuestionnaireSubmission(questionnaire: definition.id, answers: answers, score: $0, completedOn: day)
            }
        }
    }

    /// Answers whose values add up to `total` (as far as the items allow), spread at random over the items.
    /// PHQ-9 item 9 stays 0 in the demo: a positive answer must raise an alert, which the demo does not stage.
    static func spread(_ definition: QuestionnaireDefinition, total: Int, _ random: inout SeededGenerator,
                       keepLastAtZero: Bool = false) -> QuestionnaireAnswers {
        var values = definition.items.map(\.valueRange.lowerBound)
        var open = Array(0..<(keepLastAtZero ? values.count - 1 : values.count))
        var rest = total
        while rest > 0, !open.isEmpty {
            let slot = Int.random(in: 0..<open.count, using: &random), index = open[slot]
            values[index] += 1
            rest -= 1
            if values[index] == definition.items[index].valueRange.upperBound { open.remove(at: slot) }
        }
        return Dictionary(uniqueKeysWithValues: zip(definition.items.map(\.linkId), values))
    }

    private static func riskTool(male: Bool, _ random: inout SeededGenerator) -> QuestionnaireAnswers {
        var answers: QuestionnaireAnswers = [OpioidRiskTool.sexItem: male ? OpioidRiskTool.male : OpioidRiskTool.female]
        for item in QuestionnaireCatalogue.opioidRiskTool.items.dropFirst() {
            answers[item.linkId] = random.chance(item.linkId == "ort-depression" ? 0.35 : 0.08) ? 1 : 0
        }
        return answers
    }
}

extension Comparable {
    func clamped(_ range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
