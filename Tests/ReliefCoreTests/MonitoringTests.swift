import Testing
@testable import ReliefCore

/// The monitoring alerts: no meaningful relief, a repeat worth considering, repeats without benefit, a rising MME and
/// follow-ups overdue, each at its boundary.
@Suite struct MonitoringTests {
    private let today = CalendarDate(year: 2026, month: 12, day: 14)!
    private let site = InterventionSite(intervention: InterventionCatalogue.intervention("esi-transforaminal-lumbar")!, region: .lumbar,
                                        levels: [ProcedureLevel("L4-L5")!], side: .left)

    private func procedure(daysAgo: Int, _ points: [(Int, Int)]) -> MonitoredProcedure {
        MonitoredProcedure(site: site, date: today.adding(days: -daysAgo), course: ReliefCourse(points: points.map { FollowUpPoint(day: $0.0, reliefPercent: $0.1, painNow: 5) }))
    }

    private func alerts(_ procedures: [MonitoredProcedure], mme: [(on: CalendarDate, total: Double)] = [], open: [CalendarDate] = []) -> [MonitoringAlert] {
        var facts = Fixtures.radicular
        facts.procedures = procedures.map { ProcedureFact(intervention: $0.site.intervention.id, region: .lumbar, levels: $0.site.levels, side: .left, date: $0.date,
                                                          peakReliefPercent: $0.course.peakReliefPercent, reliefWeeks: $0.course.reliefWeeks) }
        return Monitoring.alerts(procedures: procedures, mme: mme, openFollowUps: open, facts: facts, criteria: DecisionCriteria(), today: today)
    }

    @Test func noMeaningfulReliefIsJudgedFromFourWeeks() {
        // act
        let judged = alerts([procedure(daysAgo: 60, [(14, 20), (42, 30)])])
        let early = alerts([procedure(daysAgo: 20, [(14, 20)])])
        // check
        #expect(judged.map(\.kind) == [.noRelief] && judged.first?.facts == ["14 days: 20 % relief, pain 5/10", "42 days: 30 % relief, pain 5/10"])
        #expect(early.isEmpty)
    }

    @Test func reliefThatLastedAndWanedSuggestsARepeatWhenTheRulesAllowIt() {
        // setup: 80 % then 70 % to 3 months, 30 % at 5 months (relief ended halfway: about 17 weeks, over the 13 the LCD asks)
        let waned = procedure(daysAgo: 160, [(14, 80), (91, 70), (150, 30)])
        let lasting = procedure(daysAgo: 160, [(14, 80), (91, 70), (150, 60)])
        // act / check
        #expect(alerts([waned]).map(\.kind) == [.considerRepeat])
        #expect(alerts([waned]).first?.message.hasPrefix("Relief after the Lumbar transforaminal epidural steroid injection, L4-L5, left on 07/07/2026 lasted about 17 weeks") == true)
        #expect(alerts([lasting]).isEmpty)
    }

    @Test func repeatsWithoutBenefitComeFromTheDecisionRule() {
        // act
        let repeated = alerts([procedure(daysAgo: 200, [(14, 40), (42, 30)]), procedure(daysAgo: 100, [(14, 35), (42, 30)])])
        // check: the latest has no relief, and two in 12 months without lasting benefit
        #expect(repeated.map(\.kind) == [.noRelief, .repeatsWithoutBenefit] && repeated.last?.facts.count == 2)
    }

    @Test func aRisingDoseAndOverdueFollowUpsAreNamed() {
        // act
        let rising = alerts([], mme: [(today.adding(days: -120), 30), (today.adding(days: -95), 40), (today.adding(days: -3), 50)])
        let small = alerts([], mme: [(today.adding(days: -95), 40), (today.adding(days: -3), 49)])
        let overdue = alerts([], open: [today.adding(days: -8), today.adding(days: -7), today.adding(days: 10)])
        // check: from the last dose on or before 90 days ago (40), +10 and +25 %
        #expect(rising.map(\.kind) == [.mmeRising] && rising.first?.facts == ["09/10/2026: 40 MME", "12/11/2026: 50 MME"])
        #expect(small.isEmpty && rising.first?.source.needsVerification == true)
        #expect(overdue.map(\.message) == ["1 follow-up overdue, the first due 12/06/2026."])
    }
}
