import Testing
@testable import ReliefCore

@Suite struct PainMapComparisonTests {
    private func mark(_ region: String, _ side: BodySide, _ intensity: Int) -> PainMark {
        PainMark(region: region, side: side, intensity: intensity)!
    }

    @Test func eachRegionOfEitherDateShowsHowItChanged() {
        // setup
        let before = [mark("lower-back", .left, 8), mark("buttock", .left, 6), mark("calf", .left, 5)]
        let after = [mark("lower-back", .left, 4), mark("buttock", .left, 6), mark("neck", .right, 3)]
        // act
        let comparison = PainMapComparison(before: before, after: after)
        // check
        let changes = Dictionary(uniqueKeysWithValues: comparison.rows.map { ($0.label, $0.change) })
        #expect(changes == ["Left lower back": "eased by 4", "Left buttock": "unchanged", "Left calf": "gone", "Right front of neck": "new"])
        #expect(comparison.summary == "Regions marked: 3 → 3; highest intensity: 8/10 → 6/10.")
        #expect(PainMapComparison(before: [], after: []).summary == "Regions marked: 0 → 0; highest intensity: none → none.")
    }
}
