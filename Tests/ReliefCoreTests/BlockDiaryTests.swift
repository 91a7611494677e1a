import Testing
@testable import ReliefCore

/// The diagnostic block's diary: relief against the pain before, held for as long as the anaesthetic should act,
/// judged against the practice's threshold at and just below it.
@Suite struct BlockDiaryTests {
    private let lidocaine = [InjectedMedication(.lidocaine, concentration: 20, volume: 0.5)]
    private let bupivacaine = [InjectedMedication(.lidocaine, concentration: 10, volume: 1), InjectedMedication(.bupivacaine, concentration: 5, volume: 0.5)]

    private func reading(_ pains: [Int: Int], before: Int = 10, _ medications: [InjectedMedication], threshold: Int = 80) -> DiaryReading {
        var criteria = DecisionCriteria()
        criteria.overrides[.facetBlockReliefPercent] = threshold
        return BlockDiary(pains: pains).reading(painBefore: before, medications: medications, criteria: criteria)
    }

    @Test func eightyPercentHeldThroughTheAnaestheticIsPositiveAndJustBelowIsNot() {
        // setup: pain 10 before; 2 at 15 and 30 minutes and at 1 hour: 80 % held through lidocaine's hour
        let held = [15: 2, 30: 2, 60: 2]
        // act / check: at the threshold, and with the threshold one above (79 % of what is asked)
        #expect(reading(held, lidocaine).positive == true && reading(held, lidocaine).sustained == 80)
        #expect(reading(held, lidocaine, threshold: 81).positive == false)
        #expect(reading(held, lidocaine).summary == "Positive: relief of at least 80 % held through 1 hour (lidocaine), 80 % at the least.")
    }

    @Test func theLongerActingAnaestheticSetsHowLongReliefMustLast() {
        // setup: 90 % for an hour, then back to 6/10 at 2 hours
        let fading = [15: 1, 60: 1, 120: 6, 240: 7]
        // act
        let short = reading(fading, lidocaine), long = reading(fading, bupivacaine)
        let early = reading([15: 1, 60: 1], bupivacaine)
        // check: lidocaine's hour is met; bupivacaine's 3 hours are not (40 % at 2 hours, 30 % at 4)
        #expect(short.positive == true && long.anaesthetic == .bupivacaine && long.expectedMinutes == 180)
        #expect(long.positive == false && long.sustained == 30 && long.summary.hasPrefix("Negative: relief fell to 30 % within 3 hours (bupivacaine)"))
        #expect(early.positive == nil && early.summary.hasPrefix("Not judged yet"))
        #expect(long.sources.contains { $0.needsVerification }, "the anaesthetic durations ship unconfirmed")
    }

    @Test func withoutPainBeforeOrALocalAnaestheticTheDiaryCannotBeJudged() {
        // check
        #expect(reading([15: 0, 60: 0], before: 0, lidocaine).positive == nil)
        #expect(reading([15: 0, 60: 0], before: 0, lidocaine).summary.hasPrefix("No pain was recorded just before the block"))
        #expect(reading([15: 0, 60: 0], [InjectedMedication(.triamcinolone, concentration: 40, volume: 1)]).positive == nil)
    }

    @Test func theFormKeepsEarlierEntriesAndRefusesPainOutsideTheScale() throws {
        // setup
        let diary = BlockDiary(pains: [15: 2])
        let today = CalendarDate(year: 2026, month: 11, day: 18)!
        // act
        let (next, _) = diary.parse(FormFields([("pain.30", "3")]), today: today)
        let refused = diary.parse(FormFields([("pain.60", "11"), ("pain.120", "0x2")]), today: today).1
        // check
        #expect(try #require(next).pains == [15: 2, 30: 3] && refused.keys.sorted() == ["pain.120", "pain.60"])
        #expect(BlockDiary.applies(to: InterventionCatalogue.intervention("medial-branch-block-lumbar")!))
        #expect(!BlockDiary.applies(to: InterventionCatalogue.intervention("esi-transforaminal-lumbar")!))
    }
}
