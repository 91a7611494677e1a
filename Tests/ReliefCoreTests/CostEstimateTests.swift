import Testing
@testable import ReliefCore

/// Money as typed, and the split of a procedure's cost between the patient and the payer.
@Suite struct CostEstimateTests {
    private func money(_ text: String) -> Money { Money(text)! }

    @Test func amountsAreReadAsPeopleWriteThemAndNothingElse() {
        // check
        #expect(Money("$1,234.50")?.cents == 123_450 && Money("1234.5")?.cents == 123_450 && Money(" 0.99 ")?.cents == 99)
        #expect(Money("1,000,000")?.cents == 100_000_000 && Money("1,000,000.01") == nil)
        for bad in ["", "-5", "1e3", "0x10", "1.234", "1.2.3", "1,23", ",123", "12,3456", "$", "１２", "5.", "NaN", "1 000", "12\u{0}"] {
            #expect(Money(bad) == nil, "\(bad)")
        }
        #expect(money("123456.8").description == "$123,456.80" && money("1000000").description == "$1,000,000.00" && money("7").plain == "7.00")
    }

    private let transforaminal = InterventionCatalogue.intervention("esi-transforaminal-lumbar")!.billing(for: .lumbar)!
    private var fees: [String: Money] { ["64483": money("400"), "64484": money("150")] }

    @Test func theDeductiblePartlyMetThenCoinsurance() {
        // setup: $550 allowed, $300 of the deductible left, 20 % coinsurance
        let benefits = Benefits(deductibleRemaining: money("300"), coinsurancePercent: 20)
        // act
        let estimate = CostEstimate(lines: transforaminal.lines(levels: 2, side: .left), fees: fees, benefits: benefits)
        // check
        #expect(estimate.allowed == money("550"))
        #expect(estimate.deductible == money("300") && estimate.coinsurance == money("50") && estimate.patient == money("350"))
        #expect(estimate.payer == money("200") && estimate.capped == .zero && estimate.unpriced.isEmpty)
    }

    @Test func theOutOfPocketMaximumCapsThePatientsShare() {
        // setup
        let benefits = Benefits(deductibleRemaining: money("1000"), coinsurancePercent: 30, copay: money("50"), outOfPocketRemaining: money("250"))
        // act
        let estimate = CostEstimate(lines: transforaminal.lines(levels: 1, side: .right), fees: fees, benefits: benefits)
        let exactly = CostEstimate(lines: transforaminal.lines(levels: 1, side: .right), fees: fees,
                                   benefits: Benefits(deductibleRemaining: money("400"), outOfPocketRemaining: money("400")))
        // check
        #expect(estimate.deductible == money("400") && estimate.patient == money("250") && estimate.capped == money("150"))
        #expect(estimate.payer == money("150"))
        #expect(exactly.patient == money("400") && exactly.capped == .zero && exactly.payer == .zero)
    }

    @Test func copayComesBeforeCoinsuranceAndRoundsToTheCent() {
        // setup
        let benefits = Benefits(coinsurancePercent: 15, copay: money("25.10"))
        // act
        let estimate = CostEstimate(lines: transforaminal.lines(levels: 1, side: .left), fees: ["64483": money("333.33")], benefits: benefits)
        // check: 15 % of 308.23 = 46.2345 → 46.23
        #expect(estimate.copay == money("25.10") && estimate.coinsurance == money("46.23") && estimate.patient == money("71.33"))
        #expect(estimate.patient + estimate.payer == estimate.allowed)
    }

    @Test func bothSidesPayOneAndAHalfAndUnpricedCodesAreNamed() {
        // setup
        let facet = InterventionCatalogue.intervention("facet-injection-lumbar")!.billing(for: .lumbar)!
        // act
        let estimate = CostEstimate(lines: facet.lines(levels: 2, side: .bilateral), fees: ["64493": money("200")], benefits: nil)
        // check: self-pay, 64493-50 at 150 %, 64494 not in the fee schedule
        #expect(estimate.allowed == money("300") && estimate.patient == money("300") && estimate.payer == .zero)
        #expect(estimate.unpriced == ["64494"])
        #expect(CostEstimate.bilateralPercent.source.needsVerification)
    }
}
