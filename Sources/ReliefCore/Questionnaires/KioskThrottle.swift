/// Wrong codes on the tablet: an address that keeps failing must wait, and a burst from anywhere is shown to staff.
/// Codes are random, single-use and live for an hour, so guessing one is out of reach for one source; the burst
/// warning covers many sources at once.
public struct KioskThrottle: Sendable, Equatable {
    public var maxFailuresPerAddress = 10
    public var burst = 50
    public var window: Double = 15 * 60

    public init() {}

    public func mustWait(addressFailures: Int) -> Bool { addressFailures >= maxFailuresPerAddress }
    public func isBurst(failures: Int) -> Bool { failures >= burst }
}
