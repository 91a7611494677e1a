import Foundation
import Testing
@testable import ReliefCore

/// Follow-ups after a procedure: when they fall, when an unreached one is lost, what the answers accept, and how long
/// relief lasted.
@Suite struct FollowUpTests {
    private let performed = CalendarDate(year: 2026, month: 10, day: 1)!
    private let today = CalendarDate(year: 2026, month: 11, day: 18)!

    @Test func theScheduleFollowsThePurposeUnlessThePracticeSetsItsOwn() throws {
        // setup
        let esi = try #require(InterventionCatalogue.intervention("esi-transforaminal-lumbar"))
        let block = try #require(InterventionCatalogue.intervention("medial-branch-block-lumbar"))
        let practice = FollowUpSchedule(days: [InterventionCategory.epiduralSteroid.rawValue: [14, 91]])
        // act
        let standard = FollowUpSchedule().dueDates(for: esi, after: performed)
        // check
        #expect(standard.map(\.days) == [14, 42, 91, 183, 365] && standard.first?.due == CalendarDate(year: 2026, month: 10, day: 15))
        #expect(FollowUpSchedule().days(for: block) == [14] && practice.days(for: esi) == [14, 91] && practice.days(for: block) == [14])
        #expect(FollowUpSchedule.describe(FollowUpSchedule.standardDays) == "2 weeks, 6 weeks, 3 months, 6 months, 12 months")
    }

    @Test(arguments: [
        ("2 weeks, 6 weeks, 3 months", [14, 42, 91], nil),
        ("14, 42,91", [14, 42, 91], nil),
        ("1 week, 12 months", [7, 365], nil),
        ("", [], FollowUpScheduleProblem.empty),
        ("0x10", [], .unreadable("0x10")),
        ("2 fortnights", [], .unreadable("2 fortnights")),
        ("0 days", [], .unreadable("0 days")),
        ("3 months, 2 weeks", [], .notAscending("2 weeks")),
        ("25 months", [], .tooLate("25 months")),
    ] as [(String, [Int], FollowUpScheduleProblem?)])
    func aScheduleIsReadFromPlainTerms(text: String, days: [Int], problem: FollowUpScheduleProblem?) {
        // act
        let result = FollowUpSchedule.parseDays(text)
        // check
        switch result {
        case .success(let parsed): #expect(parsed == days && problem == nil)
        case .failure(let refused): #expect(refused == problem)
        }
    }

    @Test func anUnreachedFollowUpIsLostAfterTheLastAttemptOrARefusal() {
        // check
        #expect(FollowUpStatus.after(attempts: 2, last: .noAnswer, limit: 3) == .due)
        #expect(FollowUpStatus.after(attempts: 3, last: .leftMessage, limit: 3) == .lost)
        #expect(FollowUpStatus.after(attempts: 1, last: .declined, limit: 3) == .lost)
    }

    private func form(_ extra: [(String, String)] = []) -> FormFields {
        var fields = FormFields([("completedOn", "11/12/2026"), ("contact", "phone"), ("reliefPercent", "60"), ("painNow", "3"), ("painAverage", "4"),
                                 ("enjoyment", "3"), ("activity", "5"), ("function", "22"), ("activities", "most"), ("work", "modified-duty"),
                                 ("newProblem", "no"), ("impression", "2"), ("satisfaction", "4"), ("medicationsReviewed", "yes")])
        for (name, value) in extra { fields.set(name, value) }
        return fields
    }

    @Test func answersScoreThePEGAndReadBackFromTheirFields() throws {
        // act
        let (parsed, problems) = FollowUpAnswers.parse(form(), today: today, performedOn: performed, region: .lumbar)
        // check
        let answers = try #require(parsed, "\(problems)")
        #expect(answers.peg == 4 && answers.function == 22 && answers.work?.isWorking == true && answers.impression == .muchImproved)
        #expect(FollowUpAnswers.parse(answers.fields, today: today, performedOn: performed, region: .lumbar).0 == answers)
    }

    @Test func answersThatCannotBeAreRefusedByField() {
        // act
        func problems(_ extra: [(String, String)], region: BodyArea = .lumbar) -> [String: String] {
            FollowUpAnswers.parse(form(extra), today: today, performedOn: performed, region: region).1
        }
        // check
        #expect(problems([("reliefPercent", "101")])["reliefPercent"] == "Enter a whole number from 0 to 100.")
        #expect(problems([("reliefPercent", "-5")])["reliefPercent"] != nil && problems([("reliefPercent", "")])["reliefPercent"] != nil)
        #expect(problems([("completedOn", "09/30/2026")])["completedOn"] == "The answers cannot come before the procedure on 10/01/2026.")
        #expect(problems([("completedOn", "11/19/2026")])["completedOn"] == "The day of the answers cannot be after today.")
        #expect(problems([("newProblem", "yes")])["problemNote"] == "Describe the new problem.")
        #expect(problems([("function", "60")], region: .cervical)["function"] == "Enter a number from 0 to 50.")
        #expect(problems([("impression", "8"), ("satisfaction", "0x3"), ("painNow", "1e1")]).keys.sorted() == ["impression", "painNow", "satisfaction"])
        #expect(problems([("problemNote", "a\u{0}b"), ("newProblem", "yes")])["problemNote"] != nil)
    }

    @Test func reliefLastsUntilHalfwayToTheFirstAnswerBelowFiftyPercent() {
        // setup
        let waning = ReliefCourse(points: [.init(day: 91, reliefPercent: 40, painNow: 6), .init(day: 14, reliefPercent: 80, painNow: 2),
                                           .init(day: 42, reliefPercent: 70, painNow: 5)], painBefore: 8)
        let never = ReliefCourse(points: [.init(day: 14, reliefPercent: 30, painNow: 6)])
        let lasting = ReliefCourse(points: [.init(day: 14, reliefPercent: 60, painNow: 3), .init(day: 45, reliefPercent: 55, painNow: 3)])
        // check
        #expect(waning.peakReliefPercent == 80 && waning.duration?.days == 66 && waning.duration?.ended == true && waning.reliefWeeks == 9)
        #expect(never.duration?.days == 0 && never.duration?.ended == true)
        #expect(lasting.duration?.days == 45 && lasting.duration?.ended == false, "censored at the last answer")
        #expect(ReliefCourse(points: []).duration == nil)
        #expect(waning.responded(at: .sixWeeks) == true && waning.responded(at: .threeMonths) == false)
        #expect(waning.painReduced(at: .sixWeeks) == true, "8 → 5 is 37.5 % less")
        #expect(waning.painReduced(at: .threeMonths) == false, "8 → 6 is 25 % less")
        #expect(lasting.responded(at: .threeMonths) == nil && lasting.painReduced(at: .sixWeeks) == nil)
    }
}

@Suite struct FollowUpChangeTests {
    private let done = CalendarDate(year: 2026, month: 11, day: 18)!

    private func add(_ procedure: String, _ dueOn: String) -> ((procedure: String, daysAfter: Int)?, [String: String]) {
        var fields = FormFields()
        fields.set([("procedure", procedure), ("dueOn", dueOn)])
        return FollowUpChange.add(fields, today: done, procedures: ["a": done])
    }

    @Test func aFollowUpIsAddedForOneProcedureWithinItsTwoYears() {
        // act
        let (added, _) = add("a", "11/17/2028")
        let (late, lateProblems) = add("a", "11/18/2028")
        let (sameDay, sameDayProblems) = add("a", "11/18/2026")
        let (unknown, unknownProblems) = add("b", "12/01/2026")
        // check: 730 days (2028 has a 29 February)
        #expect(added?.procedure == "a" && added?.daysAfter == 730)
        #expect(late == nil && lateProblems["dueOn"] == "Keep it within two years of the procedure.")
        #expect(sameDay == nil && sameDayProblems["dueOn"]?.contains("after the procedure") == true)
        #expect(unknown == nil && unknownProblems["procedure"] == "Choose one of the listed procedures.")
    }
}

@Suite struct FollowUpSettingsTests {
    private let today = CalendarDate(year: 2026, month: 11, day: 18)!

    @Test func thePracticeSetsItsOwnScheduleByCategoryAndEmptyKeepsTheDefault() throws {
        // setup
        let fields = FormFields([("days.epidural-steroid", "2 weeks, 3 months"), ("days.facet", ""), ("attempts", "4")])
        // act
        let (parsed, problems) = FollowUpSchedule.parse(fields, today: today)
        let refused = FollowUpSchedule.parse(FormFields([("days.radiofrequency", "3 months, 1 month"), ("attempts", "0x3")]), today: today).1
        // check
        let schedule = try #require(parsed, "\(problems)")
        #expect(schedule.days == ["epidural-steroid": [14, 91]] && schedule.attempts == 4)
        #expect(FollowUpSchedule.parse(schedule.fields, today: today).0 == schedule)
        #expect(refused["days.radiofrequency"]?.hasPrefix("List the follow-ups in order") == true && refused["attempts"] != nil)
    }
}

@Suite struct ComplicationTests {
    private let performed = CalendarDate(year: 2026, month: 11, day: 2)!
    private let today = CalendarDate(year: 2026, month: 11, day: 18)!

    private func form(_ extra: [(String, String)] = []) -> FormFields {
        var fields = FormFields([("kind", "dural-puncture-headache"), ("onsetOn", "11/03/2026"), ("severity", "moderate"),
                                 ("management", "Fluids, caffeine, then an epidural blood patch on 11/06"), ("outcome", "resolved"), ("resolvedOn", "11/07/2026")])
        for (name, value) in extra { fields.set(name, value) }
        return fields
    }

    @Test func aComplicationReadsBackAndRefusesWhatCannotBe() throws {
        // act
        let (parsed, problems) = Complication.parse(form(), today: today, performedOn: performed)
        func refused(_ extra: [(String, String)]) -> [String: String] { Complication.parse(form(extra), today: today, performedOn: performed).1 }
        // check
        let complication = try #require(parsed, "\(problems)")
        #expect(Complication.parse(complication.fields, today: today, performedOn: performed).0 == complication)
        #expect(refused([("onsetOn", "11/01/2026")])["onsetOn"] == "A complication of the procedure cannot start before it, on 11/02/2026.")
        #expect(refused([("resolvedOn", "")])["resolvedOn"] == "Enter the day it resolved.")
        #expect(refused([("outcome", "ongoing")])["resolvedOn"] == "Only a resolved complication has a day it resolved.")
        #expect(refused([("resolvedOn", "11/02/2026")])["resolvedOn"] == "It cannot resolve before it started.")
        #expect(refused([("kind", "other")])["description"] == "Describe what happened.")
        #expect(refused([("management", "")])["management"] != nil && refused([("severity", "fatal")])["severity"] != nil)
        #expect(refused([("onsetOn", "12/01/2026")])["onsetOn"] == "The onset cannot be after today.")
    }
}

@Suite struct DemoProceduresTests {
    @Test func aSyntheticPracticesProceduresAreRecordsTheFormWouldAccept() throws {
        // setup
        let today = CalendarDate(year: 2026, month: 11, day: 18)!
        // act
        let done = (0..<300).map { DemoProcedures.synthetic(index: $0, seed: 1, today: today) }
        // check
        for procedure in done {
            #expect(ProcedureNote.parse(procedure.note.fields, today: today).0 == procedure.note, "\(procedure.note.intervention)")
            #expect(procedure.date < today && procedure.date.weekday <= 5 && procedure.condition.flatMap(ConditionCatalogue.condition) != nil)
            for followUp in procedure.followUps {
                #expect(procedure.date.adding(days: followUp.daysAfter) <= today)
                if let answers = followUp.answers {
                    #expect(FollowUpAnswers.parse(answers.fields, today: today, performedOn: procedure.date, region: .lumbar).1.keys.allSatisfy { $0 == "function" })
                }
            }
        }
        #expect(Set(done.map(\.note.intervention)).count >= 8 && done.map(\.followUps.count).reduce(0, +) > 900)
    }

    @Test func aSyntheticProcedureBringsFiveFollowUpAnswersOnAverage() {
        // act: the benchmark's million procedures are to bring five million answers
        let answers = (0..<4000).map { DemoProcedures.synthetic(index: $0, seed: 3, today: CalendarDate(year: 2026, month: 11, day: 18)!) }
            .map { $0.followUps.filter { $0.answers != nil }.count }.reduce(0, +)
        // check
        #expect(Double(answers) / 4000 >= 5.0, "\(Double(answers) / 4000)")
    }
}
