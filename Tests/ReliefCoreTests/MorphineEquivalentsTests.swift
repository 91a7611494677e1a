import Testing
@testable import ReliefCore

/// MME for each opioid of REFERENCE §3 and the alerts of a medication list.
@Suite struct MorphineEquivalentsTests {
    private func mme(_ id: String, _ dosage: Dosage) -> Double? {
        MorphineEquivalents.daily(DrugCatalogue.drug(id), dosage).amount
    }

    /// 10 mg four times daily = 40 mg a day, times the CDC 2022 factor.
    @Test(arguments: [("codeine", 6.0), ("hydrocodone", 40.0), ("hydromorphone", 200.0), ("methadone", 188.0),
                      ("morphine", 40.0), ("oxycodone", 60.0), ("oxymorphone", 120.0), ("tapentadol", 16.0), ("tramadol", 8.0)])
    func dailyMMEWithTheCDC2022Factor(drug: String, expected: Double) {
        // act
        let value = mme(drug, Dosage(strength: 10, unit: .milligram, frequency: .fourTimesDaily))
        // check
        #expect(value == expected)
    }

    @Test func fentanylPatchCountsItsHourlyRate() {
        // act: 25 mcg/h changed every 72 hours; two 50 mcg/h patches worn together
        let one = mme("fentanyl-transdermal", Dosage(strength: 25, unit: .microgramPerHour, frequency: .every72Hours))
        let two = mme("fentanyl-transdermal", Dosage(strength: 50, unit: .microgramPerHour, unitsPerDose: 2, frequency: .every72Hours))
        // check: 25 × 2.4 = 60; 100 × 2.4 = 240
        #expect(one == 60)
        #expect(two == 240)
    }

    @Test func tabletsSolutionsAndAsNeededMaximums() {
        // act
        let twoTablets = mme("oxycodone", Dosage(strength: 5, unit: .milligram, unitsPerDose: 2, frequency: .every6Hours))
        let solution = mme("morphine", Dosage(strength: 2, unit: .milligramPerMillilitre, unitsPerDose: 5, frequency: .asNeeded, maxDosesPerDay: 3))
        let buccal = mme("fentanyl-buccal", Dosage(strength: 100, unit: .microgram, frequency: .asNeeded, maxDosesPerDay: 4))
        // check: 5 × 2 × 4 × 1.5 = 60; 2 × 5 × 3 = 30; 400 mcg × 0.13 = 52
        #expect(twoTablets == 60)
        #expect(solution == 30)
        #expect(buccal == 52)
    }

    @Test func whatCannotBeComputedSaysWhy() {
        // act
        let asNeeded = MorphineEquivalents.daily(DrugCatalogue.drug("oxycodone"), Dosage(strength: 5, unit: .milligram, frequency: .asNeeded))
        let buprenorphine = MorphineEquivalents.daily(DrugCatalogue.drug("buprenorphine"), Dosage(strength: 10, unit: .microgramPerHour, frequency: .weekly))
        let patchInMilligrams = MorphineEquivalents.daily(DrugCatalogue.drug("fentanyl-transdermal"), Dosage(strength: 25, unit: .milligram, frequency: .daily))
        let gabapentin = MorphineEquivalents.daily(DrugCatalogue.drug("gabapentin"), Dosage(strength: 300, unit: .milligram, frequency: .threeTimesDaily))
        // check
        #expect(asNeeded == .notComputable(reason: "As needed without a maximum number of doses a day."))
        if case .notComputable = buprenorphine {} else { Issue.record("buprenorphine has no CDC factor") }
        if case .notComputable = patchInMilligrams {} else { Issue.record("a patch needs mcg/h") }
        #expect(gabapentin == .notAnOpioid)
    }

    @Test func theExplanationShowsEveryStep() {
        // act
        let result = MorphineEquivalents.daily(DrugCatalogue.drug("oxycodone"), Dosage(strength: 7.5, unit: .milligram, frequency: .every8Hours))
        // check
        guard case .value(let amount, let explanation, let source) = result else { Issue.record("no value"); return }
        #expect(amount == 33.8)
        #expect(explanation == "7.5 mg × 1 unit(s) × 3/day = 22.5 mg/day × factor 1.5 = 33.8 MME/day")
        #expect(source.evidence == .primary)
    }

    @Test func reassessAlertFromFiftyMME() {
        // setup: oxycodone 5 mg QID = 30 MME plus hydrocodone 5 mg × 4 = 20 or 19
        let oxycodone = (label: "Oxycodone", drug: DrugCatalogue.drug("oxycodone"), dosage: Dosage(strength: 5, unit: .milligram, frequency: .fourTimesDaily) as Dosage?)
        let fifty = (label: "Hydrocodone", drug: DrugCatalogue.drug("hydrocodone"), dosage: Dosage(strength: 5, unit: .milligram, frequency: .fourTimesDaily) as Dosage?)
        let fortyNine = (label: "Hydrocodone", drug: DrugCatalogue.drug("hydrocodone"), dosage: Dosage(strength: 4.75, unit: .milligram, frequency: .fourTimesDaily) as Dosage?)
        // act
        let atFifty = OpioidSummary([oxycodone, fifty])
        let belowFifty = OpioidSummary([oxycodone, fortyNine])
        // check
        #expect(atFifty.total == 50)
        #expect(atFifty.alerts.contains { if case .atOrAboveReassessThreshold = $0 { true } else { false } })
        #expect(belowFifty.total == 49)
        #expect(belowFifty.alerts.isEmpty)
    }

    @Test func opioidWithBenzodiazepineAndIncompleteTotals() {
        // setup
        let tramadol = (label: "Tramadol", drug: DrugCatalogue.drug("tramadol"), dosage: Dosage(strength: 50, unit: .milligram, frequency: .twiceDaily) as Dosage?)
        let buprenorphine = (label: "Buprenorphine", drug: DrugCatalogue.drug("buprenorphine"), dosage: nil as Dosage?)
        let lorazepam = (label: "Lorazepam", drug: DrugCatalogue.drug("lorazepam"), dosage: nil as Dosage?)
        // act
        let combined = OpioidSummary([tramadol, buprenorphine, lorazepam])
        let benzodiazepineAlone = OpioidSummary([lorazepam])
        // check
        #expect(combined.total == 20)
        #expect(combined.lines.map(\.label) == ["Tramadol", "Buprenorphine"])
        #expect(combined.alerts == [
            .opioidWithBenzodiazepine(opioids: ["Tramadol", "Buprenorphine"], benzodiazepines: ["Lorazepam"], source: OpioidSummary.benzodiazepineSource),
            .incompleteTotal(labels: ["Buprenorphine"]),
        ])
        #expect(benzodiazepineAlone.alerts.isEmpty && benzodiazepineAlone.lines.isEmpty)
    }
}
