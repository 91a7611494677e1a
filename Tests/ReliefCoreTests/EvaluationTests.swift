import Testing
@testable import ReliefCore

@Suite struct EvaluationTests {
    @Test func theBodyMapHasTheRegionsTheIssueNames() {
        // setup
        let labels = BodyMap.regions.map { $0.label.lowercased() }.joined(separator: " | ")
        // check
        for name in ["head", "neck", "shoulder", "upper arm", "forearm", "hand", "upper back", "mid back", "lower back",
                     "buttock", "hip", "thigh", "knee", "shin", "calf", "foot", "chest", "abdomen", "groin"] {
            #expect(labels.contains(name), "\(name)")
        }
        #expect(Set(BodyMap.regions.map(\.view)) == [.front, .back])
    }

    @Test func painMarksRoundTripInMapOrder() {
        // setup
        let marks = [BodyMap.mark(code: "calf:left", intensity: 6)!, BodyMap.mark(code: "lower-back:right", intensity: 8)!,
                     BodyMap.mark(code: "lower-back:left", intensity: 7)!]
        // act
        let stored = BodyMap.encode(marks)
        // check
        #expect(stored == "lower-back:left=7,lower-back:right=8,calf:left=6")
        #expect(BodyMap.decode(stored) == marks.sorted())
        #expect(marks.sorted().first?.label == "Left lower back")
    }

    @Test func unknownRegionsAndOutOfRangeIntensitiesAreRefused() {
        // check
        #expect(BodyMap.mark(code: "tail:left", intensity: 3) == nil)
        #expect(BodyMap.mark(code: "knee:middle", intensity: 3) == nil)
        #expect(BodyMap.mark(code: "knee:left", intensity: 11) == nil)
        #expect(BodyMap.mark(code: "knee:left", intensity: -1) == nil)
        #expect(BodyMap.decode("knee:left=4,garbage,foot:right=x") == [BodyMap.mark(code: "knee:left", intensity: 4)!])
    }

    @Test(arguments: [("2026-08-24", false, "2 months"), ("2026-08-23", true, "3 months"), ("2026-11-10", false, "13 days"),
                      ("2026-10-30", false, "3 weeks"), ("2026-10-20", false, "1 month"), ("2023-05-01", true, "3 years 6 months"), ("2024-11-23", true, "2 years")])
    func chronicFromThreeMonths(onset: String, chronic: Bool, described: String) {
        // act
        let duration = PainDuration(onset: CalendarDate(onset)!, on: CalendarDate("2026-11-23")!)
        // check
        #expect(duration.isChronic == chronic)
        #expect(duration.description == described)
    }

    @Test func calendarDayArithmetic() {
        // setup
        let day = CalendarDate("2024-02-28")!
        // check
        #expect(day.adding(days: 1).description == "2024-02-29")
        #expect(day.adding(days: 2).description == "2024-03-01")
        #expect(CalendarDate("2026-01-01")!.daysSince(CalendarDate("2025-12-31")!) == 1)
        #expect(CalendarDate("1970-01-01")!.adding(days: -1).description == "1969-12-31")
    }
}

@Suite struct EncounterStartTests {
    private let today = CalendarDate(year: 2026, month: 11, day: 18)!

    @Test func anEmptyFormStartsANewPatientEvaluationToday() {
        // act
        let (start, problems) = EncounterStart.parse(FormFields(), today: today)
        // check
        #expect(start == EncounterStart(kind: .newPatientEvaluation, occurredOn: today) && problems.isEmpty)
    }

    @Test(arguments: [("follow-up", "11/18/2026", true), ("telehealth", "11/01/2026", true), ("phone", "11/19/2026", false),
                      ("procedure", "11/18/2026", false), ("visit", "11/18/2026", false)])
    func aNoteIsForAVisitKindOnTodayOrEarlier(kind: String, day: String, accepted: Bool) {
        // act
        let (start, problems) = EncounterStart.parse(FormFields([("kind", kind), ("occurredOn", day)]), today: today)
        // check
        #expect((start != nil) == accepted, "\(problems)")
        if kind == "procedure" { #expect(problems["kind"] == "A procedure visit is documented with its procedure record.") }
        if day == "11/19/2026" { #expect(problems["occurredOn"] == "The visit date cannot be after today.") }
    }
}
