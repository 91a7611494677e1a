import Testing
@testable import ReliefCore

@Suite struct PracticeRulesTests {
    private let today = CalendarDate(year: 2026, month: 11, day: 23)!

    @Test func emptyFieldsKeepEveryShippedDefault() throws {
        // act
        let (rules, problems) = PracticeRules.parse(FormFields(), today: today)
        // check
        let parsed = try #require(rules, "\(problems)")
        #expect(parsed == PracticeRules() && parsed.showsOpioidBenzodiazepineAlert)
        #expect(parsed.workupDeadlines == WorkupDeadlines())
    }

    @Test(arguments: [("0", false), ("1", true), ("365", true), ("366", false), ("two", false)])
    func deadlinesAreWholeDaysFromOneToAYear(value: String, accepted: Bool) {
        // act
        let (rules, problems) = PracticeRules.parse(FormFields([("workupOpenDays", value), ("workupReviewDays", value)]), today: today)
        // check
        #expect((rules != nil) == accepted)
        #expect((problems["workupOpenDays"] == nil) == accepted && (problems["workupReviewDays"] == nil) == accepted)
        if accepted { #expect(rules?.workupDeadlines == WorkupDeadlines(openDays: Int(value)!, reviewDays: Int(value)!)) }
    }

    @Test func thePracticeCanTurnOffTheUnconfirmedBenzodiazepineAlertOnly() throws {
        // setup
        let (off, _) = PracticeRules.parse(FormFields([(PracticeRules.alertField, "off")]), today: today)
        let (_, unknown) = PracticeRules.parse(FormFields([(PracticeRules.alertField, "sometimes")]), today: today)
        let oxycodone = try #require(DrugCatalogue.drug("oxycodone")), alprazolam = try #require(DrugCatalogue.drug("alprazolam"))
        let list: [(label: String, drug: Drug?, dosage: Dosage?)] = [
            ("Oxycodone", oxycodone, Dosage(strength: 20, unit: .milligram, frequency: .every6Hours)),
            ("Alprazolam", alprazolam, Dosage(strength: 0.5, unit: .milligram, frequency: .twiceDaily)),
        ]
        // act
        let shipped = OpioidSummary(list)
        let practice = OpioidSummary(list, rules: try #require(off))
        // check
        #expect(OpioidSummary.benzodiazepineSource.needsVerification)
        #expect(shipped.alerts.contains { if case .opioidWithBenzodiazepine = $0 { true } else { false } })
        #expect(!practice.alerts.contains { if case .opioidWithBenzodiazepine = $0 { true } else { false } })
        #expect(practice.alerts.contains { if case .atOrAboveReassessThreshold = $0 { true } else { false } }, "the V1 threshold stays")
        #expect(unknown[PracticeRules.alertField] != nil)
        #expect(PracticeRules.parse(try #require(off).fields, today: today).0 == off)
    }
}
