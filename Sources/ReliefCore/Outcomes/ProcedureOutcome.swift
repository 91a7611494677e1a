/// What one procedure came to, as the practice's report counts it: its baseline when signed (pain just before, the
/// daily MME, the latest PEG and function score, whether the patient was working) and what its follow-ups said since
/// (the relief course, responders at 6 weeks and 3 months, the last MME, PEG, function and work).
public struct ProcedureOutcome: Hashable, Sendable {
    public struct Baseline: Hashable, Sendable {
        public var painBefore: Int?
        public var mme: Double?
        public var peg: Double?
        public var function: Double?
        public var working: Bool?

        public init(painBefore: Int? = nil, mme: Double? = nil, peg: Double? = nil, function: Double? = nil, working: Bool? = nil) {
            self.painBefore = painBefore
            self.mme = mme
            self.peg = peg
            self.function = function
            self.working = working
        }
    }

    public let baseline: Baseline
    public let answered: Int
    public let lost: Bool
    public let peakRelief: Int?
    /// Days of at least 50 % relief and whether it ended there (false: censored); nil before any answer.
    public let reliefDays: Int?
    public let reliefEnded: Bool?
    public let responded6w: Bool?
    public let responded3m: Bool?
    public let painReduced6w: Bool?
    public let painReduced3m: Bool?
    public let lastMME: Double?
    public let lastPEG: Double?
    public let lastFunction: Double?
    public let lastWorking: Bool?

    /// `answers` after a procedure done on `performedOn`; `lost`: a follow-up lost with none answered after it.
    public init(baseline: Baseline, answers: [FollowUpAnswers], performedOn: CalendarDate, lost: Bool) {
        self.baseline = baseline
        self.lost = lost
        let ordered = answers.sorted { $0.completedOn < $1.completedOn }
        answered = ordered.count
        let course = ReliefCourse(points: ordered.map { FollowUpPoint(answers: $0, performedOn: performedOn) }, painBefore: baseline.painBefore)
        peakRelief = course.peakReliefPercent
        reliefDays = course.duration?.days
        reliefEnded = course.duration?.ended
        responded6w = course.responded(at: .sixWeeks)
        responded3m = course.responded(at: .threeMonths)
        painReduced6w = course.painReduced(at: .sixWeeks)
        painReduced3m = course.painReduced(at: .threeMonths)
        lastMME = ordered.last { $0.mme != nil }?.mme
        lastPEG = ordered.last { $0.peg != nil }?.peg
        lastFunction = ordered.last { $0.function != nil }?.function
        lastWorking = ordered.last { $0.work != nil }?.work?.isWorking
    }
}
