import Foundation
import Testing
@testable import ReliefCore

/// Kaplan–Meier against a hand-computed example with censoring: 8 procedures, relief ending on days 3, 5, 5, 9 and 12,
/// last seen still relieved on days 4, 8 and 12.
@Suite struct KaplanMeierTests {
    private let estimate = KaplanMeier(observations: [(3, true), (4, false), (5, true), (5, true), (8, false), (9, true), (12, true), (12, false)])

    @Test func theCurveStepsAtEachEndWithThoseStillAtRisk() {
        // check: 7/8; × 4/6 (one censored at 4); × 2/3 (one censored at 8); × 1/2
        #expect(estimate.steps.map(\.time) == [3, 5, 9, 12] && estimate.steps.map(\.atRisk) == [8, 6, 3, 2])
        let expected = [0.875, 0.875 * 4 / 6, 0.875 * 4 / 6 * 2 / 3, 0.875 * 4 / 6 * 2 / 3 / 2]
        for (step, value) in zip(estimate.steps, expected) { #expect(abs(step.survival - value) < 1e-12) }
        #expect(estimate.count == 8 && estimate.events == 5 && estimate.survival(at: 2) == 1 && estimate.survival(at: 6) == expected[1])
    }

    @Test func theLimitsFollowGreenwoodOnTheLogLogScale() {
        // check: at day 5, Greenwood's sum 1/(8·7) + 2/(6·4) = 0.10119…, S = 0.58333…
        let step = estimate.steps[1]
        let spread = KaplanMeier.z95 * sqrt(1.0 / 56 + 2.0 / 24) / abs(log(step.survival))
        #expect(abs(step.lower - pow(step.survival, exp(spread))) < 1e-12 && abs(step.lower - 0.180189) < 1e-6)
        #expect(abs(step.upper - 0.844069) < 1e-6)
    }

    @Test func theMedianAndItsLimits() {
        // check: the curve first reaches one half at day 9; the lower band at day 3; the upper band never (0.563 at day 12)
        #expect(estimate.median == 9 && estimate.medianLimits.lower == 3 && estimate.medianLimits.upper == nil)
        #expect(KaplanMeier(observations: [(10, false), (20, false)]).median == nil, "all censored: not reached")
        #expect(KaplanMeier([]).steps.isEmpty && KaplanMeier([]).median == nil)
        #expect(KaplanMeier([.init(time: 5, events: 2, censored: 0), .init(time: 5, events: 0, censored: 1), .init(time: 7, events: 1, censored: 0)])
            .steps.map(\.atRisk) == [4, 1], "tallies of one time add up")
    }
}
