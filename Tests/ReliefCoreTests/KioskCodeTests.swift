import Testing
@testable import ReliefCore

@Suite struct KioskCodeTests {
    @Test func codesUseOnlyUnambiguousCharactersAndReadBackAsTyped() {
        // setup
        var generator = SeededGenerator(seed: 7)
        // act
        let codes = (0..<200).map { _ in KioskCode.make(using: &generator) }
        // check
        #expect(codes.allSatisfy { $0.count == 8 && !$0.contains { "01OIL".contains($0) } })
        #expect(Set(codes).count == codes.count)
        for code in codes.prefix(5) {
            #expect(KioskCode.normalize(KioskCode.display(code).lowercased()) == code)
            #expect(KioskCode.normalize(" \(code.prefix(4)) \(code.suffix(4)) ") == code)
        }
    }

    @Test(arguments: ["", "ABC", "ABCD-EFGHJ", "ABCD-EF0H", "ABCD EFG!"])
    func somethingThatCannotBeACodeIsRefused(typed: String) {
        // act / check
        #expect(KioskCode.normalize(typed) == nil)
    }
}

@Suite struct PatientAccessThrottleTests {
    @Test func theTenthWrongCodeFromOneTabletMakesItWaitAndTheFiftiethFromAnywhereIsABurst() {
        // setup
        let throttle = PatientAccessThrottle()
        // act / check
        #expect(!throttle.mustWait(addressFailures: 9) && throttle.mustWait(addressFailures: 10))
        #expect(!throttle.isBurst(failures: 49) && throttle.isBurst(failures: 50))
    }
}
