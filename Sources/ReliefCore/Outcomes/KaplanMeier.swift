import Foundation

/// The Kaplan–Meier estimate of how long something lasts when some observations end before it does (censored):
/// here, days of at least 50 % relief, censored at the last answer or a loss to follow-up. Confidence limits by
/// Greenwood's variance on the log(−log) scale (Kalbfleisch and Prentice), which keeps them within 0 and 1; the
/// median's limits are where those bands cross one half (Brookmeyer and Crowley).
public struct KaplanMeier: Hashable, Sendable {
    /// Observations ending at `time`: `events` ended there, `censored` were last seen there.
    public struct Tally: Hashable, Sendable {
        public let time: Int
        public var events: Int
        public var censored: Int

        public init(time: Int, events: Int, censored: Int) {
            self.time = time
            self.events = events
            self.censored = censored
        }
    }

    /// The estimate just after `time`, with its 95 % limits.
    public struct Step: Hashable, Sendable {
        public let time: Int
        public let atRisk: Int
        public let events: Int
        public let survival: Double
        public let lower: Double
        public let upper: Double
    }

    public static let z95 = 1.959963984540054

    public let steps: [Step]
    public let count: Int
    public let events: Int

    /// From tallies in any order, several per time allowed.
    public init(_ tallies: [Tally]) {
        var byTime: [Int: Tally] = [:]
        for tally in tallies {
            byTime[tally.time, default: Tally(time: tally.time, events: 0, censored: 0)].events += tally.events
            byTime[tally.time, default: Tally(time: tally.time, events: 0, censored: 0)].censored += tally.censored
        }
        let ordered = byTime.values.sorted { $0.time < $1.time }
        count = ordered.reduce(0) { $0 + $1.events + $1.censored }
        events = ordered.reduce(0) { $0 + $1.events }
        var atRisk = count, survival = 1.0, greenwood = 0.0
        var steps: [Step] = []
        for tally in ordered {
            if tally.events > 0 {
                survival *= 1 - Double(tally.events) / Double(atRisk)
                if atRisk > tally.events { greenwood += Double(tally.events) / Double(atRisk * (atRisk - tally.events)) }
                let (lower, upper) = Self.limits(survival, greenwood)
                steps.append(Step(time: tally.time, atRisk: atRisk, events: tally.events, survival: survival, lower: lower, upper: upper))
            }
            atRisk -= tally.events + tally.censored
        }
        self.steps = steps
    }

    /// From (time, ended) pairs.
    public init(observations: [(time: Int, ended: Bool)]) {
        self.init(observations.map { Tally(time: $0.time, events: $0.ended ? 1 : 0, censored: $0.ended ? 0 : 1) })
    }

    private static func limits(_ survival: Double, _ greenwood: Double) -> (Double, Double) {
        guard survival > 0, survival < 1 else { return (survival, survival) }
        let spread = z95 * sqrt(greenwood) / abs(log(survival))
        return (pow(survival, exp(spread)), pow(survival, exp(-spread)))
    }

    /// The estimate at `time` (1 before the first event).
    public func survival(at time: Int) -> Double { steps.last { $0.time <= time }?.survival ?? 1 }

    /// The first time the curve reaches one half or below; nil while it stays above.
    public var median: Int? { steps.first { $0.survival <= 0.5 }?.time }

    /// The median's 95 % limits: the first times the lower and then the upper band reach one half (each nil while
    /// its band stays above: not reached).
    public var medianLimits: (lower: Int?, upper: Int?) {
        (steps.first { $0.lower <= 0.5 }?.time, steps.first { $0.upper <= 0.5 }?.time)
    }
}
