import Testing
@testable import ReliefCore

@Suite struct PasswordPolicyTests {
    @Test func elevenCharactersAreTooFewAndTwelveAreEnough() {
        // act / check
        #expect(PasswordPolicy.problem(with: "abcdefghijk") != nil)
        #expect(PasswordPolicy.problem(with: "abcdefghijkl") == nil)
    }

    @Test func oneRepeatedCharacterIsRefused() {
        // act / check
        #expect(PasswordPolicy.problem(with: String(repeating: "a", count: 20)) != nil)
    }

    @Test func theEmailAddressIsNotAPassword() {
        // act / check
        #expect(PasswordPolicy.problem(with: "nurse@clinic.org", email: "Nurse@Clinic.org") != nil)
    }

    @Test func overlongPasswordsAreRefused() {
        // act / check
        #expect(PasswordPolicy.problem(with: String(repeating: "ab", count: 65)) != nil)
    }
}

@Suite struct LoginThrottleTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func theFifthFailureLocksForFifteenMinutes() {
        // setup
        let throttle = LoginThrottle()
        // act
        let afterFour = throttle.lockUntil(afterFailures: 4, now: now)
        let afterFive = throttle.lockUntil(afterFailures: 5, now: now)
        // check
        #expect(afterFour == nil)
        #expect(afterFive == now.addingTimeInterval(15 * 60))
    }

    @Test func aLockEndsWhenItsTimeHasPassed() {
        // setup
        let throttle = LoginThrottle()
        let until = now.addingTimeInterval(60)
        // act / check
        #expect(throttle.isLocked(until: until, now: now))
        #expect(!throttle.isLocked(until: until, now: until))
        #expect(!throttle.isLocked(until: nil, now: now))
    }

    @Test func anAddressIsBlockedAtItsLimit() {
        // setup
        let throttle = LoginThrottle(maxFailuresPerAddress: 20)
        // act / check
        #expect(!throttle.addressBlocked(recentFailures: 19))
        #expect(throttle.addressBlocked(recentFailures: 20))
    }
}

import Foundation
