/// One answered follow-up as the statistics read it: days after the procedure and what was measured.
public struct FollowUpPoint: Hashable, Sendable {
    public let day: Int
    public let reliefPercent: Int
    public let painNow: Int
    public let peg: Double?
    public let mme: Double?
    public let function: Double?
    public let working: Bool?

    public init(day: Int, reliefPercent: Int, painNow: Int, peg: Double? = nil, mme: Double? = nil, function: Double? = nil, working: Bool? = nil) {
        self.day = day
        self.reliefPercent = reliefPercent
        self.painNow = painNow
        self.peg = peg
        self.mme = mme
        self.function = function
        self.working = working
    }

    public init(answers: FollowUpAnswers, performedOn: CalendarDate) {
        self.init(day: answers.completedOn.daysSince(performedOn), reliefPercent: answers.reliefPercent, painNow: answers.painNow, peg: answers.peg,
                  mme: answers.mme, function: answers.function, working: answers.work.map(\.isWorking))
    }
}

/// How relief ran after one procedure, from its answered follow-ups: the peak, and how long relief of at least 50 %
/// lasted. Answers come at intervals, so the end is placed halfway between the last answer at 50 % or more and the
/// first below it (an event); relief never reaching 50 % lasted 0 days; relief still at 50 % at the last answer is
/// censored there, as it is at a loss to follow-up.
public struct ReliefCourse: Hashable, Sendable {
    /// "≥ 50 % relief" is the repeat criterion of the ESI and facet LCDs (REFERENCE §2) and the responder definition.
    public static let meaningfulRelief = 50
    /// A ≥ 30 % fall in pain from before the procedure, the second responder definition the practice reports.
    public static let meaningfulPainReduction = 0.3

    public let points: [FollowUpPoint]
    public let painBefore: Int?

    public init(points: [FollowUpPoint], painBefore: Int? = nil) {
        self.points = points.sorted { $0.day < $1.day }
        self.painBefore = painBefore
    }

    public var peakReliefPercent: Int? { points.map(\.reliefPercent).max() }

    /// Days of relief of at least 50 %, and whether it ended (false: censored); nil before any answer.
    public var duration: (days: Int, ended: Bool)? {
        guard !points.isEmpty else { return nil }
        var lastGood = 0, hadGood = false
        for point in points {
            if point.reliefPercent >= Self.meaningfulRelief {
                lastGood = point.day
                hadGood = true
            } else {
                return (hadGood ? (lastGood + point.day) / 2 : 0, true)
            }
        }
        return (lastGood, false)
    }

    public var reliefWeeks: Int? { duration.map { $0.days / 7 } }

    /// The answer nearest `target` days within `window`.
    public func point(near target: Int, within window: ClosedRange<Int>) -> FollowUpPoint? {
        points.filter { window.contains($0.day) }.min { abs($0.day - target) < abs($1.day - target) }
    }

    /// The report's time points: 6 weeks and 3 months, each with the answers that count for it.
    public enum Horizon: String, CaseIterable, Sendable {
        case sixWeeks = "6w", threeMonths = "3m"

        public var target: Int { self == .sixWeeks ? 42 : 91 }
        public var window: ClosedRange<Int> { self == .sixWeeks ? 29...63 : 64...135 }
        public var title: String { self == .sixWeeks ? "6 weeks" : "3 months" }
    }

    /// At least 50 % relief at the horizon; nil when not answered then.
    public func responded(at horizon: Horizon) -> Bool? {
        point(near: horizon.target, within: horizon.window).map { $0.reliefPercent >= Self.meaningfulRelief }
    }

    /// Pain at least 30 % below the pain before the procedure at the horizon; nil when not answered or no pain before.
    public func painReduced(at horizon: Horizon) -> Bool? {
        guard let painBefore, painBefore > 0, let point = point(near: horizon.target, within: horizon.window) else { return nil }
        return Double(painBefore - point.painNow) / Double(painBefore) >= Self.meaningfulPainReduction
    }
}
