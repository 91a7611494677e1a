import Testing
@testable import ReliefCore

@Suite struct KioskHandoutTests {
    private let listed = ["pain-intensity", "peg", "phq-9", "gad-7"]

    @Test func numberedQuestionnairesComeFirstThenTheRestAsTicked() {
        // act
        let (order, _) = KioskHandout.order(["gad-7", "phq-9", "peg"], among: listed, numbers: ["phq-9": "1", "gad-7": " 2 "])
        // check
        #expect(order == ["phq-9", "gad-7", "peg"])
    }

    @Test func equalNumbersKeepTheTickedOrder() {
        // act
        let (order, _) = KioskHandout.order(["gad-7", "peg"], among: listed, numbers: ["peg": "1", "gad-7": "1"])
        // check
        #expect(order == ["gad-7", "peg"])
    }

    @Test(arguments: ["0", "-1", "0x1", "1e1", "１", "123", "1\u{0}"])
    func anythingButASmallWholeNumberIsRefused(typed: String) {
        // act
        let (order, problem) = KioskHandout.order(["peg"], among: listed, numbers: ["peg": typed])
        // check
        #expect(order == nil && problem.hasPrefix("Number the order"))
    }

    @Test func nothingTickedAnUnlistedOneOrATwiceTickedOneIsRefused() {
        // act
        let outcomes = [[], ["odi"], ["peg", "peg"]].map { KioskHandout.order($0, among: listed, numbers: [:]) }
        // check
        #expect(outcomes.allSatisfy { $0.order == nil && $0.problem.hasPrefix("Choose at least one") })
    }
}
