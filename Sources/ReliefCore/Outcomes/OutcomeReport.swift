/// The practice's outcomes by intervention: how many procedures and patients, responders at 6 weeks and 3 months
/// (≥ 50 % relief; ≥ 30 % less pain), how long relief lasted (Kaplan–Meier, censored at the last answer or a loss to
/// follow-up), complications by kind, the mean change in MME, PEG and function, and return to work. Built from rows
/// the database has already summed by intervention and relief duration, so the report reads one row per group rather
/// than one per procedure.
public struct OutcomeReport: Sendable {
    /// Procedures of one intervention with one relief duration (nil: never answered), summed.
    public struct Row: Hashable, Sendable {
        public var intervention: String
        public var reliefDays: Int?
        public var reliefEnded: Bool?
        public var procedures = 0
        public var lost = 0
        /// At least 50 % relief at any answer, of those answered.
        public var peakResponders = Ratio()
        public var responders6w = Ratio()
        public var responders3m = Ratio()
        public var painReduced6w = Ratio()
        public var painReduced3m = Ratio()
        public var mmeChange = Mean()
        public var pegChange = Mean()
        public var functionChange = Mean()
        /// Of those not working before, how many were working at their last answer.
        public var returnedToWork = Ratio()

        public init(intervention: String, reliefDays: Int?, reliefEnded: Bool?) {
            self.intervention = intervention
            self.reliefDays = reliefDays
            self.reliefEnded = reliefEnded
        }

        /// One procedure's outcome as a row of its own (what the database sums).
        public init(intervention: String, _ outcome: ProcedureOutcome) {
            self.init(intervention: intervention, reliefDays: outcome.reliefDays, reliefEnded: outcome.reliefEnded)
            procedures = 1
            lost = outcome.lost ? 1 : 0
            peakResponders = Ratio(outcome.peakRelief.map { $0 >= ReliefCourse.meaningfulRelief })
            responders6w = Ratio(outcome.responded6w)
            responders3m = Ratio(outcome.responded3m)
            painReduced6w = Ratio(outcome.painReduced6w)
            painReduced3m = Ratio(outcome.painReduced3m)
            mmeChange = Mean(difference(outcome.lastMME, outcome.baseline.mme))
            pegChange = Mean(difference(outcome.lastPEG, outcome.baseline.peg))
            functionChange = Mean(difference(outcome.lastFunction, outcome.baseline.function))
            returnedToWork = outcome.baseline.working == false ? Ratio(outcome.lastWorking) : Ratio()
        }

        mutating func add(_ other: Row) {
            procedures += other.procedures
            lost += other.lost
            peakResponders.add(other.peakResponders)
            responders6w.add(other.responders6w)
            responders3m.add(other.responders3m)
            painReduced6w.add(other.painReduced6w)
            painReduced3m.add(other.painReduced3m)
            mmeChange.add(other.mmeChange)
            pegChange.add(other.pegChange)
            functionChange.add(other.functionChange)
            returnedToWork.add(other.returnedToWork)
        }
    }

    /// Yes out of answered.
    public struct Ratio: Hashable, Sendable {
        public var yes = 0
        public var of = 0

        public init(yes: Int = 0, of: Int = 0) {
            self.yes = yes
            self.of = of
        }

        init(_ answer: Bool?) { self.init(yes: answer == true ? 1 : 0, of: answer == nil ? 0 : 1) }

        mutating func add(_ other: Ratio) {
            yes += other.yes
            of += other.of
        }

        public var percent: Double? { of == 0 ? nil : Double(yes) * 100 / Double(of) }
    }

    public struct Mean: Hashable, Sendable {
        public var sum = 0.0
        public var count = 0

        public init(sum: Double = 0, count: Int = 0) {
            self.sum = sum
            self.count = count
        }

        init(_ value: Double?) { self.init(sum: value ?? 0, count: value == nil ? 0 : 1) }

        mutating func add(_ other: Mean) {
            sum += other.sum
            count += other.count
        }

        public var value: Double? { count == 0 ? nil : sum / Double(count) }
    }

    /// One intervention's figures.
    public struct Line: Sendable {
        public let intervention: String
        public var name: String { InterventionCatalogue.intervention(intervention)?.name ?? intervention }
        public internal(set) var totals: Row
        public internal(set) var patients = 0
        /// Procedures with at least one answer: what the Kaplan–Meier estimate and the consent's figures rest on.
        public internal(set) var followedUp = 0
        public internal(set) var duration = KaplanMeier([])
        /// Complications by kind, most frequent first.
        public internal(set) var complications: [(kind: ComplicationKind, count: Int)] = []

        public func complicationRate(_ count: Int) -> Double { totals.procedures == 0 ? 0 : Double(count) * 100 / Double(totals.procedures) }
    }

    public let lines: [Line]

    /// `rows` summed by intervention and relief duration; `patients` and `complications` by intervention.
    public init(rows: [Row], patients: [String: Int], complications: [String: [ComplicationKind: Int]]) {
        var byIntervention: [String: (Row, [KaplanMeier.Tally], Int)] = [:]
        for row in rows {
            var entry = byIntervention[row.intervention] ?? (Row(intervention: row.intervention, reliefDays: nil, reliefEnded: nil), [], 0)
            entry.0.add(row)
            if let days = row.reliefDays, let ended = row.reliefEnded {
                entry.1.append(KaplanMeier.Tally(time: days, events: ended ? row.procedures : 0, censored: ended ? 0 : row.procedures))
                entry.2 += row.procedures
            }
            byIntervention[row.intervention] = entry
        }
        lines = byIntervention.map { intervention, entry in
            var line = Line(intervention: intervention, totals: entry.0)
            line.patients = patients[intervention] ?? 0
            line.duration = KaplanMeier(entry.1)
            line.followedUp = entry.2
            line.complications = (complications[intervention] ?? [:]).map { ($0.key, $0.value) }.sorted { ($1.count, $0.kind.rawValue) < ($0.count, $1.kind.rawValue) }
            return line
        }.sorted { ($1.totals.procedures, $0.name) < ($0.totals.procedures, $1.name) }
    }

}

/// The practice's own results with one intervention, for the consent's realistic expectations: shown beside the
/// catalogue's text only once at least 20 of its procedures were followed up (fewer would mislead).
public struct PracticeExperience: Hashable, Sendable {
    public static let minimum = 20

    public let name: String
    public let followedUp: Int
    public let responders: OutcomeReport.Ratio
    public let medianDays: Int?

    public init?(_ line: OutcomeReport.Line) {
        guard line.followedUp >= Self.minimum else { return nil }
        name = line.name
        followedUp = line.followedUp
        responders = line.totals.peakResponders
        medianDays = line.duration.median
    }

    /// "In this practice, 34 … procedures have been followed up: 62 % (21 of 34) brought at least half the pain relief; half
    /// brought it for 66 days or more."
    public var paragraph: String {
        let responded = "\(Int((responders.percent ?? 0).rounded())) % (\(responders.yes) of \(responders.of)) brought at least half the pain relief"
        let lasted: String? = switch medianDays {
        case nil: "more than half still had it at their last answer"
        case 0?: nil
        case let days?: "half brought it for \(days) days or more"
        }
        return "In this practice, \(followedUp) \(name.lowercased()) procedures have been followed up: " + ([responded, lasted].compactMap { $0 }.joined(separator: "; ")) + "."
    }
}

private func difference(_ last: Double?, _ before: Double?) -> Double? {
    guard let last, let before else { return nil }
    return last - before
}
