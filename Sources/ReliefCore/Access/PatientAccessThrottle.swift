/// Wrong codes on the tablet and wrong links or birth dates from patients' own devices: an address that keeps
/// failing must wait, a link whose birth date keeps being guessed must wait, and a burst from anywhere is shown to
/// staff. Codes and links are random, single-use and short-lived, so guessing one is out of reach for one source;
/// the per-link limit stops guessing a birth date (36,500 candidates a century) from many addresses at once.
public struct PatientAccessThrottle: Sendable, Equatable {
    public var maxFailuresPerAddress = 10
    public var maxFailuresPerLink = 10
    public var burst = 50
    public var window: Double = 15 * 60

    public init() {}

    public func mustWait(addressFailures: Int) -> Bool { addressFailures >= maxFailuresPerAddress }
    public func linkMustWait(failures: Int) -> Bool { failures >= maxFailuresPerLink }
    public func isBurst(failures: Int) -> Bool { failures >= burst }

    /// "15 minutes", for the pages that ask to wait.
    public var windowText: String { "\(Int(window / 60)) minutes" }
}
