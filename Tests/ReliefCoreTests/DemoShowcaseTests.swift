import Testing
@testable import ReliefCore

/// The showcase patients: each one's planned procedure is decided by the rule it was written for.
@Suite struct DemoShowcaseTests {
    private let today = CalendarDate(year: 2026, month: 11, day: 18)!
    private let criteria = DecisionCriteria(payers: DemoShowcase.payerCriteria)

    private func decision(_ index: Int) throws -> Decision {
        let chart = DemoChart.make(index: index, seed: DemoShowcaseTests.seed, today: today)
        let plan = try #require(chart.plan)
        let component = try #require(plan.sequenced.first { $0.site?.intervention.isProcedure == true })
        return DecisionSupport.decide(Candidate(component.site!, on: component.startOn!), for: chart.facts, criteria: criteria)
    }

    private static let seed: UInt64 = 20_261_123

    @Test(arguments: DemoShowcase.cases.indices)
    func eachShowcasePatientMeetsItsRule(index: Int) throws {
        // setup
        let shown = DemoShowcase.cases[index]
        // act
        let decision = try decision(index)
        // check
        let fired = decision.rules.filter { $0.id == shown.rule }
        #expect(fired.contains { $0.outcome == shown.outcome }, "\(shown.shows): \(decision.rules.map { "\($0.id)=\($0.outcome.rawValue)" })")
        if shown.outcome != .advice && shown.outcome != .met {
            #expect(decision.verdict == Verdict(shown.outcome), "\(shown.shows): \(decision.reasons.map(\.message))")
        } else {
            #expect(decision.verdict == .appropriate, "\(shown.shows): \(decision.reasons.map(\.message))")
        }
    }

    @Test(arguments: DemoShowcase.cases.indices)
    func eachShowcasePatientsDrugsAndDiagnosesAreInTheCatalogues(index: Int) {
        // setup
        let facts = DemoChart.make(index: index, seed: DemoShowcaseTests.seed, today: today).facts
        // act
        let unknownDrugs = facts.medications.compactMap(\.drugID).filter { DrugCatalogue.drug($0) == nil }
        let unknownCodes = facts.diagnoses.compactMap(\.conditionCode).filter { ConditionCatalogue.condition($0) == nil }
        // check
        #expect(unknownDrugs.isEmpty && unknownCodes.isEmpty, "\(DemoShowcase.cases[index].shows): \(unknownDrugs) \(unknownCodes)")
    }

    @Test func everyVerdictAndEveryRuleWithoutADoseIsShown() throws {
        // setup
        let decisions = try DemoShowcase.cases.indices.map(decision)
        // act
        let verdicts = Set(decisions.map(\.verdict))
        let shown = Set(DemoShowcase.cases.map(\.rule))
        // check
        #expect(verdicts == Set(Verdict.allCases))
        let rules: Set<String> = ["indication", "red-flags", "infection", "pregnancy", "allergy-contrast", "allergy-latex", "diabetes-steroid",
                                  "immunosuppression", "bleeding-risk", "anticoagulant-holds", "esi-conservative-care", "esi-imaging", "esi-frequency",
                                  "esi-repeat", "esi-levels", "facet-function-scale", "facet-second-block", "facet-diagnostic-blocks",
                                  "facet-frequency", "facet-levels", "implant-psychology", "implant-prerequisite", "repeats-without-benefit",
                                  "evidence", "psychology-referral", "payer-criteria"]
        #expect(rules.isSubset(of: shown), "\(rules.subtracting(shown))")
    }

    @Test func showcaseChartsAreWhatTheFormsWouldAccept() throws {
        for index in DemoShowcase.cases.indices {
            // setup
            let chart = DemoChart.make(index: index, seed: DemoShowcaseTests.seed, today: today)
            // act
            let plan = try #require(chart.plan)
            let (parsed, problems) = CarePlanContent.parse(plan.fields, today: plan.startOn, history: chart.priorProcedures.map(\.fact))
            // check
            #expect(problems.isEmpty && parsed != nil, "\(DemoShowcase.cases[index].shows): \(problems)")
            #expect(chart.registration.problems(today: today).isEmpty, "\(chart.registration.problems(today: today))")
            for entry in chart.priorProcedures { #expect(PriorProcedureEntry.parse(entry.fields, today: today).problems.isEmpty) }
            for entry in chart.coverages { #expect(CoverageEntry.parse(entry.fields, today: today).problems.isEmpty) }
        }
    }
}
