import Foundation

/// Slows password guessing without locking anyone out of their clinic. The source that keeps failing waits, not
/// the account: locking accounts would let anyone shut a colleague out with a few posts, and would tell which
/// addresses have accounts. An account that fails often, from wherever, is shown to the administrators instead.
public struct LoginThrottle: Sendable, Equatable {
    /// Failures naming one account (existing or not) from one address, since that account last signed in there,
    /// before that address must wait to try it again.
    public var maxFailuresPerAccount: Int
    /// Failures from one address, whatever account they name, before it must wait.
    public var maxFailuresPerAddress: Int
    /// How far back failures count.
    public var window: TimeInterval

    public init(maxFailuresPerAccount: Int = 5, maxFailuresPerAddress: Int = 20, window: TimeInterval = 15 * 60) {
        self.maxFailuresPerAccount = maxFailuresPerAccount
        self.maxFailuresPerAddress = maxFailuresPerAddress
        self.window = window
    }

    /// Whether the address must wait before trying again, given its recent failures overall and for this account.
    public func mustWait(addressFailures: Int, accountFailuresFromAddress: Int) -> Bool {
        addressFailures >= maxFailuresPerAddress || accountFailuresFromAddress >= maxFailuresPerAccount
    }

    /// Whether an account's recent failures, from all addresses together, are worth an administrator's look.
    public func alertsAdministrators(accountFailures: Int) -> Bool {
        accountFailures >= maxFailuresPerAccount
    }
}
