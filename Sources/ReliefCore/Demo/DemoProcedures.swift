import Foundation

/// The demo's procedures done here: most patients whose plan holds a procedure had its first one about two
/// weeks after the plan started, recorded and signed, and followed up on the standard schedule since. Relief
/// follows each procedure kind's usual course (a share of responders, relief fading over months), and a few
/// follow-ups were lost or are still to call.
public enum DemoProcedures {
    public struct Done: Sendable {
        public let date: CalendarDate
        public let time: ClockRange
        public let note: ProcedureNote
        public let followUps: [FollowUp]
        public let baseline: ProcedureOutcome.Baseline
        /// The patient's main diagnosis when it was done.
        public let condition: String?

        public var outcome: ProcedureOutcome {
            let answered = followUps.last { $0.status == .done }?.daysAfter ?? -1
            return ProcedureOutcome(baseline: baseline, answers: followUps.compactMap(\.answers), performedOn: date,
                                    lost: followUps.contains { $0.status == .lost && $0.daysAfter > answered })
        }

        public var performed: PerformedProcedure {
            let course = ReliefCourse(points: followUps.compactMap { $0.answers.map { FollowUpPoint(answers: $0, performedOn: date) } })
            return PerformedProcedure(date: date, note: note, peakReliefPercent: course.peakReliefPercent, reliefWeeks: course.reliefWeeks)
        }
    }

    public struct FollowUp: Sendable {
        public let daysAfter: Int
        public let status: FollowUpStatus
        public let attempts: Int
        public let answers: FollowUpAnswers?
    }

    /// Probability of at least 50 % relief, and the months relief takes to halve, by kind (Relief's demo figures, not
    /// clinical data).
    static func course(of intervention: Intervention) -> (responders: Double, halfLifeMonths: ClosedRange<Double>) {
        switch intervention.category {
        case .epiduralSteroid: (0.6, 1.5...5)
        case .radiofrequency: (0.65, 6...14)
        case .facet, .sacroiliac: (0.55, 1...4)
        case .neuromodulation: (0.7, 12...36)
        default: (0.5, 1...6)
        }
    }

    public static func generate(index: Int, seed: UInt64, chart: DemoChart, today: CalendarDate) -> [Done] {
        var random = SeededGenerator(seed: (seed &* 3_367_900_313) ^ UInt64(index) &+ 0xD0E)
        guard random.chance(0.85), let plan = chart.plan, let site = plan.sequenced.lazy.compactMap(\.site).first(where: \.intervention.isProcedure) else { return [] }
        var date = plan.startOn.adding(days: Int(random.next() % 10))
        while date.weekday > 5 { date = date.adding(days: 1) }
        guard date < today else { return [] }
        let painBefore = Int(chart.scores.filter { $0.questionnaire == QuestionnaireCatalogue.painIntensity.id && $0.completedOn <= date }
            .max { $0.completedOn < $1.completedOn }?.score.score ?? 7)
        let before = chart.scores.filter { $0.completedOn <= date }.sorted { $0.completedOn < $1.completedOn }
        let scale = FunctionScale.forRegion(site.region)
        let baseline = ProcedureOutcome.Baseline(painBefore: painBefore, mme: OpioidSummary(chart.lists.medications).total,
                                                 peg: before.last { $0.questionnaire == QuestionnaireCatalogue.peg.id }?.score.score,
                                                 function: scale.flatMap { scale in before.last { $0.questionnaire == scale.questionnaire }?.score.score },
                                                 working: chart.visits.last?.content.workStatus.flatMap(WorkStatus.init(rawValue:))?.isWorking)
        return [done(site, on: date, slot: index, baseline: baseline, condition: chart.diagnoses.first(where: \.isCurrent)?.conditionCode,
                     today: today, random: &random)]
    }

    /// The sites a synthetic practice does most, with how often (`relief demo --procedures`).
    static let commonSites: [(InterventionSite, Int)] = {
        func site(_ id: String, _ region: BodyArea, _ levels: [String] = [], _ side: Laterality? = nil) -> InterventionSite {
            InterventionSite(intervention: InterventionCatalogue.intervention(id)!, region: region, levels: levels.compactMap(ProcedureLevel.init), side: side)
        }
        return [(site("esi-transforaminal-lumbar", .lumbar, ["L5-S1"], .left), 20), (site("esi-interlaminar-lumbar", .lumbar, ["L4-L5"]), 15),
                (site("esi-interlaminar-cervical", .cervical, ["C6-C7"]), 8), (site("medial-branch-block-lumbar", .lumbar, ["L4-L5", "L5-S1"], .bilateral), 12),
                (site("facet-rfa-lumbar", .lumbar, ["L4-L5", "L5-S1"], .bilateral), 12), (site("si-joint-injection", .sacral, [], .right), 10),
                (site("trigger-point-injection", .lumbar), 10), (site("occipital-nerve-block", .head, [], .bilateral), 5),
                (site("stellate-ganglion-block", .cervical, [], .left), 3), (site("scs-trial", .thoracic), 3), (site("scs-implant", .thoracic), 2)]
    }()

    static let commonConditions = ["M51.16", "M48.062", "M47.816", "M46.1", "M50.122", "M54.50"]

    /// The `index`-th procedure of a synthetic practice: one of the common sites, on a weekday two to nine years ago
    /// (so its follow-ups are all due), with a baseline drawn at random and followed up since.
    public static func synthetic(index: Int, seed: UInt64, today: CalendarDate) -> Done {
        var random = SeededGenerator(seed: (seed &* 2_654_435_761) ^ UInt64(index) &+ 0x5EED)
        let site = random.weighted(commonSites)
        var date = today.adding(days: -731 - Int(random.next() % 2557))
        while date.weekday > 5 { date = date.adding(days: -1) }
        let baseline = ProcedureOutcome.Baseline(painBefore: 4 + Int(random.next() % 6), mme: random.chance(0.35) ? Double(15 * (1 + random.next() % 8)) : 0,
                                                 peg: Double(4 + random.next() % 6), function: random.chance(0.6) ? Double(20 + random.next() % 50) : nil,
                                                 working: random.chance(0.55))
        let days = site.intervention.purpose == .diagnostic ? FollowUpSchedule.diagnosticDays : syntheticDays
        return done(site, on: date, slot: index, baseline: baseline, condition: random.pick(commonConditions), followUpDays: days, today: today,
                    random: &random)
    }

    /// The synthetic practice follows its treatments to two years (18 and 24 months after the standard schedule), as a
    /// practice doing implants and ablations may: about five answers a procedure, as the benchmark asks.
    public static let syntheticDays = FollowUpSchedule.standardDays + [548, 730]

    /// A procedure at `site` on `date` and its follow-ups up to today, relief following its kind's usual course.
    static func done(_ site: InterventionSite, on date: CalendarDate, slot: Int, baseline: ProcedureOutcome.Baseline, condition: String?,
                     followUpDays: [Int]? = nil, today: CalendarDate, random: inout SeededGenerator) -> Done {
        let painBefore = baseline.painBefore ?? 7
        let note = record(site, painBefore: painBefore, random: &random)
        let (responders, halfLife) = course(of: site.intervention)
        let peak = random.chance(responders) ? 50 + Int(random.next() % 46) : Int(random.next() % 45)
        let months = Double.random(in: halfLife, using: &random)
        let working = baseline.working
        let mme = baseline.mme ?? 0
        var followUps: [FollowUp] = []
        for days in followUpDays ?? FollowUpSchedule().days(for: site.intervention) {
            let due = date.adding(days: days)
            guard due <= today else { break }
            if today.daysSince(due) < 21, random.chance(0.7) {
                followUps.append(FollowUp(daysAfter: days, status: .due, attempts: Int(random.next() % 2), answers: nil))
            } else if random.chance(0.08) {
                followUps.append(FollowUp(daysAfter: days, status: .lost, attempts: FollowUpSchedule.defaultAttempts, answers: nil))
            } else {
                let fading = Double(peak) * pow(0.5, Double(days) / (months * 30.4))
                let relief = max(0, min(100, Int((fading / 5).rounded()) * 5 + Int(random.next() % 3) * 5 - 5))
                let now = max(0, min(10, Int((Double(painBefore) * (1 - Double(relief) / 100)).rounded())))
                let answered = min(due.adding(days: Int(random.next() % 4)), today)
                let work: WorkStatus? = working.map { $0 || relief >= 50 ? (random.chance(0.8) ? .working : .modifiedDuty) : .offWork }
                followUps.append(FollowUp(daysAfter: days, status: .done, attempts: 0, answers: FollowUpAnswers(
                    completedOn: answered, contact: .phone, reliefPercent: relief, painNow: now, painAverage: min(10, now + 1),
                    enjoyment: min(10, now + Int(random.next() % 3)), activity: min(10, now + Int(random.next() % 3)),
                    function: baseline.function.map { max(0, $0 * (1 - Double(relief) / 200)) },
                    activities: relief >= 70 ? .all : relief >= 50 ? .most : relief >= 20 ? .some : ActivityReturn.none, work: work,
                    impression: GlobalImpression(rawValue: relief >= 70 ? 2 : relief >= 50 ? 3 : relief >= 20 ? 4 : 5),
                    satisfaction: relief >= 50 ? 4 + Int(random.next() % 2) : 2 + Int(random.next() % 2), medicationsReviewed: true,
                    mme: mme > 0 ? max(0, mme - (relief >= 50 ? 15 : 0)) : nil)))
            }
        }
        let start = ClockTime(hour: DemoSchedule.hours[slot % DemoSchedule.hours.count], minute: 0)!
        return Done(date: date, time: ClockRange(start, start.adding(minutes: AppointmentKind.procedure.defaultMinutes)!)!, note: note, followUps: followUps,
                    baseline: baseline, condition: condition)
    }

    /// The record as the physician would sign it: the usual guidance and anaesthesia, the catalogue's aftercare, a
    /// steroid where it uses one, a local anaesthetic, pain before and a few points lower after.
    static func record(_ site: InterventionSite, painBefore: Int, random: inout SeededGenerator) -> ProcedureNote {
        let intervention = site.intervention, guidance = intervention.guidance.first ?? .none
        var medications: [InjectedMedication] = []
        if intervention.usesContrast { medications.append(InjectedMedication(.contrast, concentration: 0, volume: 1)) }
        if intervention.usesSteroid { medications.append(InjectedMedication(.dexamethasone, concentration: 10, volume: 1)) }
        if intervention.usesLocalAnaesthetic { medications.append(InjectedMedication(.lidocaine, concentration: 10, volume: 2)) }
        let start = ClockTime(hour: 9, minute: 5)!
        return ProcedureNote(intervention: intervention.id, region: site.region.rawValue, levels: site.storedLevels, side: site.side?.rawValue ?? "",
                             assistants: "", start: start, end: start.adding(minutes: 15 + Int(random.next() % 20))!, approach: "",
                             guidance: guidance, fluoroscopySeconds: guidance.usesRadiation ? 20 + Int(random.next() % 60) : nil, doseMilligray: nil,
                             sedation: intervention.anaesthesia, medications: medications, painBefore: painBefore,
                             painAfter: max(0, painBefore - 2 - Int(random.next() % 4)), events: [], eventNote: "",
                             disposition: intervention.anaesthesia.isSedation ? .homeWithEscort : .home,
                             instructions: intervention.aftercare.joined(separator: "\n"))
    }
}
