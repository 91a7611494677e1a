import Testing
@testable import ReliefCore

/// The treatment plan's form: goals with measures, components in sequence, and the plans it refuses.
@Suite struct CarePlanTests {
    private let today = CalendarDate(year: 2026, month: 12, day: 6)!

    private func parse(_ pairs: [(String, String)], history: [ProcedureFact] = []) -> (CarePlanContent?, [String: String]) {
        CarePlanContent.parse(FormFields(pairs), today: today, history: history)
    }

    private let head = [("title", "Left L5 radiculopathy"), ("phase", "pain-reduction"), ("startOn", "12/07/2026"), ("reviewOn", "03/07/2027")]

    @Test func aMultimodalPlanIsReadWithGoalsAndComponentsInSequence() throws {
        // act
        let (plan, problems) = parse(head + [
            ("goal.1.text", "Walk 30 minutes without stopping"), ("goal.1.measure", "walking-minutes"), ("goal.1.target", "30"),
            ("goal.1.targetDate", "02/15/2027"),
            ("goal.3.text", "Pain at most 3 of 10"), ("goal.3.measure", "pain-intensity"), ("goal.3.target", "3"),
            ("component.1.intervention", "physical-therapy"), ("component.1.region", "lumbar"), ("component.1.sequence", "2"),
            ("component.1.responsible", "Lakeside Physical Therapy"),
            ("component.2.intervention", "esi-transforaminal-lumbar"), ("component.2.region", "lumbar"), ("component.2.levels", "L4-5"),
            ("component.2.side", "left"), ("component.2.sequence", "1"), ("component.2.responsible", "Dr. Raman"),
        ])
        // check
        #expect(problems.isEmpty, "\(problems)")
        let read = try #require(plan)
        #expect(read.goals.map(\.text) == ["Walk 30 minutes without stopping", "Pain at most 3 of 10"])
        #expect(read.sequenced.map(\.intervention) == ["esi-transforaminal-lumbar", "physical-therapy"])
        #expect(read.components[1].levels.map(\.description) == ["L4-L5"])
        #expect(CarePlanContent.parse(read.fields, today: today).0 == read)
    }

    @Test func impossiblePlansAreRefusedFieldByField() {
        // act
        let past = parse([("title", "Neck"), ("phase", "diagnosis"), ("startOn", "12/05/2026"),
                          ("component.1.intervention", "physical-therapy"), ("component.1.region", "cervical")])
        let implantFirst = parse(head + [("component.1.intervention", "scs-trial"), ("component.1.region", "thoracic"), ("component.1.sequence", "2"),
                                         ("component.2.intervention", "scs-implant"), ("component.2.region", "thoracic"), ("component.2.sequence", "1")])
        let levels = parse(head + [("component.1.intervention", "facet-rfa-lumbar"), ("component.1.region", "lumbar"), ("component.1.levels", "C5-C6")])
        let unknown = parse(head + [("component.1.intervention", "laser-cure"), ("component.1.region", "lumbar")])
        let target = parse(head + [("goal.1.text", "Pain lower"), ("goal.1.measure", "pain-intensity"), ("goal.1.target", "11"),
                                   ("component.1.intervention", "physical-therapy"), ("component.1.region", "lumbar")])
        let noMeasure = parse(head + [("goal.1.text", "Less pain"), ("goal.1.target", "0x3"),
                                      ("component.1.intervention", "physical-therapy"), ("component.1.region", "lumbar")])
        let empty = parse(head)
        let review = parse([("title", "Back"), ("phase", "relief"), ("startOn", "12/07/2026"), ("reviewOn", "12/07/2026"),
                            ("component.1.intervention", "physical-therapy"), ("component.1.region", "lumbar")])
        // check
        #expect(past.1["startOn"] == "A plan cannot start in the past: start it today or later.")
        #expect(implantFirst.1["component.2.intervention"]?.hasPrefix("Plan the spinal cord stimulator trial before the spinal cord stimulator implant") == true)
        #expect(levels.1["component.1.levels"] == "C5-C6 is not in the low back (lumbar) region.")
        #expect(unknown.1["component.1.intervention"] == "Choose an intervention from the catalogue.")
        #expect(target.1["goal.1.target"] == "Enter a number from 0 to 10.")
        #expect(noMeasure.1["goal.1.target"] != nil)
        #expect(empty.1["component.1.intervention"] == "Add at least one component to the plan.")
        #expect(review.1["reviewOn"] == "Review the plan after it starts.")
    }

    @Test func anImplantWhoseTrialIsOnRecordNeedsNoTrialInThePlan() {
        // setup
        let trial = ProcedureFact(intervention: "scs-trial", region: .thoracic, date: CalendarDate(year: 2026, month: 11, day: 1)!, peakReliefPercent: 70)
        let implant = head + [("component.1.intervention", "scs-implant"), ("component.1.region", "thoracic")]
        // act / check
        #expect(parse(implant, history: [trial]).1.isEmpty)
        #expect(parse(implant).1["component.1.intervention"] != nil)
        #expect(parse(head + [("component.1.intervention", "intrathecal-pump-refill"), ("component.1.region", "widespread")]).1["component.1.intervention"]?
            .contains("intrathecal pump implant") == true)
    }
}
