/// What the course of a patient's procedures and medication calls attention to (issue "continuous monitoring"):
/// no meaningful relief, relief waned with the repeat criteria met, repeated procedures without lasting benefit, a
/// rising daily MME, follow-ups overdue. Each says the facts it read and its source; the clinician decides.
public struct MonitoringAlert: Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case noRelief = "no-relief", considerRepeat = "consider-repeat", repeatsWithoutBenefit = "repeats-without-benefit"
        case mmeRising = "mme-rising", followUpsOverdue = "follow-ups-overdue"
    }

    public let kind: Kind
    public let message: String
    public let facts: [String]
    public let source: ClinicalSource
    /// The catalogue entry and day of the procedure it is about, if any.
    public let procedure: (intervention: String, date: CalendarDate)?
}

/// A procedure done here with the relief its follow-ups told.
public struct MonitoredProcedure: Sendable {
    public let site: InterventionSite
    public let date: CalendarDate
    public let course: ReliefCourse

    public init(site: InterventionSite, date: CalendarDate, course: ReliefCourse) {
        self.site = site
        self.date = date
        self.course = course
    }
}

public enum Monitoring {
    /// Relief is judged once an answer four weeks or more after the procedure is in.
    public static let judgedAfterDays = 28
    /// A follow-up this many days past its day and still open is overdue.
    public static let overdueDays = 7
    /// A rise in daily MME over the last 90 days worth a look: at least 10 MME/day and at least a fifth.
    public static let mmeRise = SourcedValue(10.0, ClinicalSource("CDC 2022 (REFERENCE §3): reassess with every dose increase; the 10 MME/day and 20 % thresholds are Relief's defaults, verify", .unconfirmed))
    public static let mmeWindowDays = 90
    static let relief = ClinicalSource("REFERENCE §2: at least 50 % relief is the repeat criterion of the ESI and facet LCDs [S7][S8]", .secondary)

    /// The alerts for a patient: `procedures` done here, the daily MME `history` (oldest first), the open follow-ups'
    /// due days, and decision support's inputs for a repeat today.
    public static func alerts(procedures: [MonitoredProcedure], mme history: [(on: CalendarDate, total: Double)], openFollowUps: [CalendarDate],
                              facts: PatientFacts, criteria: DecisionCriteria, today: CalendarDate) -> [MonitoringAlert] {
        var alerts: [MonitoringAlert] = []
        let latest = Dictionary(grouping: procedures, by: \.site.intervention.id).values.compactMap { $0.max { $0.date < $1.date } }
        for procedure in latest.sorted(by: { $0.date > $1.date }) {
            let name = "\(procedure.site.label) on \(procedure.date.display)", about = (procedure.site.intervention.id, procedure.date)
            let answers = procedure.course.points.map { "\($0.day) days: \($0.reliefPercent) % relief, pain \($0.painNow)/10" }
            let decision = DecisionSupport.decide(Candidate(procedure.site, on: today), for: facts, criteria: criteria)
            if let peak = procedure.course.peakReliefPercent, peak < ReliefCourse.meaningfulRelief,
               procedure.course.points.contains(where: { $0.day >= judgedAfterDays }) {
                alerts.append(MonitoringAlert(kind: .noRelief, message: "No meaningful relief after the \(name) (at most \(peak) %): reassess the diagnosis and the plan.",
                                              facts: answers, source: relief, procedure: about))
            } else if let duration = procedure.course.duration, duration.ended, duration.days > 0,
                      [.appropriate, .appropriateWithPrecautions].contains(decision.verdict) {
                alerts.append(MonitoringAlert(kind: .considerRepeat,
                                              message: "Relief after the \(name) lasted about \(duration.days / 7) weeks and has waned; decision support finds a repeat today \(decision.verdict.title.lowercased()): consider a repeat.",
                                              facts: answers, source: relief, procedure: about))
            }
            if let rule = decision.rules.first(where: { $0.id == "repeats-without-benefit" }) {
                alerts.append(MonitoringAlert(kind: .repeatsWithoutBenefit, message: rule.message, facts: rule.facts, source: rule.source, procedure: about))
            }
        }
        if let alert = mmeRising(history, today: today) { alerts.append(alert) }
        let overdue = openFollowUps.filter { today.daysSince($0) > overdueDays }.sorted()
        if let first = overdue.first {
            alerts.append(MonitoringAlert(kind: .followUpsOverdue, message: "\(overdue.count) follow-up\(overdue.count == 1 ? "" : "s") overdue, the first due \(first.display).",
                                          facts: overdue.map(\.display), source: ClinicalSource("Relief: a follow-up open \(overdueDays) days past its day", .secondary), procedure: nil))
        }
        return alerts
    }

    static func mmeRising(_ history: [(on: CalendarDate, total: Double)], today: CalendarDate) -> MonitoringAlert? {
        guard let now = history.last else { return nil }
        let start = today.adding(days: -mmeWindowDays)
        guard let before = history.last(where: { $0.on <= start }) ?? history.first, before.on < now.on else { return nil }
        let rise = now.total - before.total
        guard rise >= mmeRise.value, now.total >= before.total * 1.2 else { return nil }
        return MonitoringAlert(kind: .mmeRising, message: "Daily opioid dose rose from \(Figures.text(before.total)) to \(Figures.text(now.total)) MME since \(before.on.display): reassess.",
                               facts: ["\(before.on.display): \(Figures.text(before.total)) MME", "\(now.on.display): \(Figures.text(now.total)) MME"],
                               source: mmeRise.source, procedure: nil)
    }
}
