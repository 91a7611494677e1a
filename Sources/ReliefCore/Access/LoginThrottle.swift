import Foundation

/// Slows password guessing: an account locks after repeated failures, and one address may only fail so often.
public struct LoginThrottle: Sendable, Equatable {
    public var maxFailuresPerAccount: Int
    public var lockout: TimeInterval
    public var maxFailuresPerAddress: Int
    public var addressWindow: TimeInterval

    public init(maxFailuresPerAccount: Int = 5, lockout: TimeInterval = 15 * 60,
                maxFailuresPerAddress: Int = 20, addressWindow: TimeInterval = 15 * 60) {
        self.maxFailuresPerAccount = maxFailuresPerAccount
        self.lockout = lockout
        self.maxFailuresPerAddress = maxFailuresPerAddress
        self.addressWindow = addressWindow
    }

    /// After a failed attempt that brought the account to `failures` in a row: the time it stays locked until, if any.
    public func lockUntil(afterFailures failures: Int, now: Date) -> Date? {
        failures >= maxFailuresPerAccount ? now.addingTimeInterval(lockout) : nil
    }

    public func isLocked(until lockedUntil: Date?, now: Date) -> Bool {
        guard let lockedUntil else { return false }
        return lockedUntil > now
    }

    /// Whether an address that failed `recentFailures` times within `addressWindow` must wait.
    public func addressBlocked(recentFailures: Int) -> Bool {
        recentFailures >= maxFailuresPerAddress
    }
}
