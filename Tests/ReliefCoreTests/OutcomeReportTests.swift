import Foundation
import Testing
@testable import ReliefCore

/// The practice's outcome report from four epidurals: responders, relief duration, changes from baseline, return to
/// work and complications, checked by hand.
@Suite struct OutcomeReportTests {
    private let performed = CalendarDate(year: 2026, month: 1, day: 5)!
    private let esi = "esi-transforaminal-lumbar"

    private func answer(_ day: Int, relief: Int, pain: Int, mme: Double? = nil, work: WorkStatus? = nil) -> FollowUpAnswers {
        FollowUpAnswers(completedOn: performed.adding(days: day), contact: .phone, reliefPercent: relief, painNow: pain, work: work,
                        newProblem: false, problemNote: "", medicationsReviewed: true, mme: mme, note: "")
    }

    private var outcomes: [ProcedureOutcome] {
        [
            // A: 80, 70, then 40 % at 3 months; pain 8 → 3 → 6; 60 → 40 MME; back at work.
            ProcedureOutcome(baseline: .init(painBefore: 8, mme: 60, working: false),
                             answers: [answer(14, relief: 80, pain: 2), answer(42, relief: 70, pain: 3), answer(91, relief: 40, pain: 6, mme: 40, work: .working)],
                             performedOn: performed, lost: false),
            // B: 30 % at 2 weeks, then nothing more.
            ProcedureOutcome(baseline: .init(painBefore: 7), answers: [answer(14, relief: 30, pain: 5)], performedOn: performed, lost: false),
            // C: never reached.
            ProcedureOutcome(baseline: .init(painBefore: 7), answers: [], performedOn: performed, lost: true),
            // D: 60 % at 6 weeks, pain 6 → 3, MME unchanged at 30, working before and after.
            ProcedureOutcome(baseline: .init(painBefore: 6, mme: 30, working: true), answers: [answer(42, relief: 60, pain: 3, mme: 30, work: .working)],
                             performedOn: performed, lost: false),
        ]
    }

    @Test func oneProceduresOutcomeReadsItsCourseAgainstItsBaseline() {
        // act
        let a = outcomes[0]
        // check: relief ends halfway between day 42 (70 %) and day 91 (40 %)
        #expect(a.peakRelief == 80 && a.reliefDays == 66 && a.reliefEnded == true && a.answered == 3)
        #expect(a.responded6w == true && a.responded3m == false && a.painReduced6w == true && a.painReduced3m == false)
        #expect(a.lastMME == 40 && a.lastWorking == true && outcomes[2].reliefDays == nil && outcomes[2].lost)
    }

    @Test func theReportSumsByInterventionWithKaplanMeierAndComplications() throws {
        // act
        let report = OutcomeReport(rows: outcomes.map { OutcomeReport.Row(intervention: esi, $0) }, patients: [esi: 3],
                                   complications: [esi: [.painFlare: 1, .duralPunctureHeadache: 2]])
        // check
        let line = try #require(report.lines.first)
        #expect(report.lines.count == 1 && line.totals.procedures == 4 && line.patients == 3 && line.totals.lost == 1 && line.followedUp == 3)
        #expect(line.totals.responders6w == .init(yes: 2, of: 2) && line.totals.responders3m == .init(yes: 0, of: 1))
        #expect(line.totals.painReduced6w == .init(yes: 2, of: 2) && line.totals.painReduced3m == .init(yes: 0, of: 1))
        #expect(line.totals.mmeChange.value == -10 && line.totals.returnedToWork == .init(yes: 1, of: 1))
        // B ends at 0 (never 50 %), D censored at 42, A ends at 66: 2/3 after day 0, 0 after day 66.
        #expect(line.duration.steps.map(\.time) == [0, 66] && abs(line.duration.survival(at: 10) - 2.0 / 3) < 1e-12 && line.duration.median == 66)
        #expect(line.complications.map(\.kind) == [.duralPunctureHeadache, .painFlare] && line.complicationRate(2) == 50)
    }

    @Test func theConsentShowsThePracticesOwnFiguresFromTwentyFollowedUp() throws {
        // setup: 12 of 20 at 70 % at 6 weeks and 40 % at 3 months, 8 at 20 % at 2 weeks
        func outcome(_ good: Bool) -> ProcedureOutcome {
            ProcedureOutcome(baseline: .init(painBefore: 7), answers: good ? [answer(42, relief: 70, pain: 2), answer(91, relief: 40, pain: 5)] : [answer(14, relief: 20, pain: 6)],
                             performedOn: performed, lost: false)
        }
        let twenty = (0..<20).map { OutcomeReport.Row(intervention: esi, outcome($0 < 12)) }
        // act
        let line = try #require(OutcomeReport(rows: twenty, patients: [:], complications: [:]).lines.first)
        let fewer = try #require(OutcomeReport(rows: Array(twenty.dropLast()), patients: [:], complications: [:]).lines.first)
        // check: 8 end at day 0, 12 at day 66 (halfway from 42 to 91): the median is 66
        let experience = try #require(PracticeExperience(line))
        #expect(PracticeExperience(fewer) == nil)
        #expect(experience.paragraph == "In this practice, 20 lumbar transforaminal epidural steroid injection procedures have been followed up: "
                + "60 % (12 of 20) brought at least half the pain relief; half brought it for 66 days or more.")
    }
}
