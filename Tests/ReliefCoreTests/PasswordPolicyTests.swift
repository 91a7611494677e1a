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
    @Test func theFifthFailureForOneAccountFromOneAddressMakesThatAddressWait() {
        // setup
        let throttle = LoginThrottle()
        // act / check
        #expect(!throttle.mustWait(addressFailures: 4, accountFailuresFromAddress: 4))
        #expect(throttle.mustWait(addressFailures: 5, accountFailuresFromAddress: 5))
    }

    @Test func anAddressWaitsAtItsLimitWhateverAccountsItNames() {
        // setup
        let throttle = LoginThrottle(maxFailuresPerAddress: 20)
        // act / check
        #expect(!throttle.mustWait(addressFailures: 19, accountFailuresFromAddress: 1))
        #expect(throttle.mustWait(addressFailures: 20, accountFailuresFromAddress: 1))
    }

    @Test func administratorsAreToldFromTheFifthFailureOfAnAccount() {
        // setup
        let throttle = LoginThrottle()
        // act / check
        #expect(!throttle.alertsAdministrators(accountFailures: 4))
        #expect(throttle.alertsAdministrators(accountFailures: 5))
    }
}

import Foundation
