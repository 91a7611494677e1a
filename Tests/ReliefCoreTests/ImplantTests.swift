import Testing
@testable import ReliefCore

/// Implanted devices: their record's dates and UDI, the trial read against the practice's threshold, programming,
/// pump refills with their dates, and when a refill falls due.
@Suite struct ImplantTests {
    private let today = CalendarDate("2026-11-18")!

    private func fields(_ pairs: [(String, String)]) -> FormFields {
        var fields = FormFields()
        fields.set(pairs.map { ($0.0, Optional($0.1)) })
        return fields
    }

    private let stimulator = [("kind", "spinal-cord-stimulator"), ("manufacturer", "Abbott"), ("model", "Proclaim XR"), ("implantedOn", "03/02/2026"),
                              ("trialOn", "02/01/2026"), ("trialReliefPercent", "50"), ("mri", "mr-conditional"), ("udi", "(01)00643169007222(21)ABC123")]

    @Test func aStimulatorWithItsTrialIsReadAndTheTrialPassesAtFiftyPercent() {
        // act
        let (implant, problems) = Implant.parse(fields(stimulator), today: today)
        var below = implant
        below?.trialReliefPercent = 49
        // check
        #expect(problems.isEmpty && implant?.isActive == true && implant?.mri == .conditional)
        #expect(implant?.trialPassed(DecisionCriteria()) == true && below?.trialPassed(DecisionCriteria()) == false)
        #expect(implant?.trialVerdict(DecisionCriteria())?.text == "Trial 02/01/2026: 50 % relief, passed the 50 % the practice asks.")
        #expect(implant.map { Implant.parse($0.fields, today: today).0 == $0 } == true, "the form round-trips")
    }

    @Test(arguments: [
        ([("trialOn", "04/01/2026")], "trialOn"), ([("explantedOn", "01/01/2026"), ("explantReason", "Infection")], "explantedOn"),
        ([("explantedOn", "11/01/2026")], "explantReason"), ([("explantReason", "Infection")], "explantedOn"),
        ([("udi", "(01)0064\u{0}3169")], "udi"), ([("implantedOn", "11/19/2026")], "implantedOn"), ([("trialReliefPercent", "0x32")], "trialReliefPercent"),
    ])
    func impossibleDatesAndAnUnprintableUDIAreRefused(changes: [(String, String)], field: String) {
        // setup
        var pairs = stimulator
        for (name, value) in changes { pairs.removeAll { $0.0 == name }; pairs.append((name, value)) }
        // act
        let (implant, problems) = Implant.parse(fields(pairs), today: today)
        // check
        #expect(implant == nil && problems[field] != nil, "\(problems)")
    }

    @Test func aRefillIsBookedBeforeTheAlarmAndWarnsWhenTheDrugRunsOutFirst() {
        // setup: 20 mL of morphine 25 mg/mL = 500 mg
        let refill = [("refilledOn", "11/18/2026"), ("drug", "morphine"), ("concentration", "25"), ("volume", "20"), ("nextRefillOn", "01/13/2027"),
                      ("alarmOn", "01/20/2027")]
        // act
        let (parsed, problems) = PumpRefill.parse(fields(refill), today: today, implantedOn: CalendarDate("2026-03-02")!)
        let (late, lateProblems) = PumpRefill.parse(fields(refill.filter { $0.0 != "alarmOn" } + [("alarmOn", "01/10/2027")]), today: today,
                                                    implantedOn: CalendarDate("2026-03-02")!)
        // check: 500 mg at 10 mg/day lasts 50 days (to 01/07/2027, before 01/13); at 8 mg/day 62 days
        #expect(problems.isEmpty && parsed?.daysOfDrug(dailyDose: 10) == 50)
        #expect(parsed?.runsOutEarly(dailyDose: 10)?.hasPrefix("At 10 mg/day the 500 mg put in lasts 50 days, to 01/07/2027") == true)
        #expect(parsed?.runsOutEarly(dailyDose: 8) == nil && parsed?.runsOutEarly(dailyDose: 0) == nil)
        #expect(late == nil && lateProblems["alarmOn"]?.contains("before the next refill") == true)
    }

    @Test func aRefillFallsDueTwoWeeksAhead() {
        // setup
        func refill(next days: Int) -> PumpRefill {
            PumpRefill(refilledOn: today.adding(days: -40), drug: "baclofen", concentration: 2, volume: 20, nextRefillOn: today.adding(days: days),
                       alarmOn: today.adding(days: days + 7))
        }
        // act / check
        #expect(PumpRefillDue.isDue(refill(next: 14), today: today) && !PumpRefillDue.isDue(refill(next: 15), today: today))
        #expect(PumpRefillDue.isDue(refill(next: -3), today: today))
    }

    @Test func programmingIsNotRecordedBeforeTheImplant() {
        // act
        let (setting, problems) = DeviceSetting.parse(fields([("recordedOn", "03/01/2026"), ("program", "Program 2"), ("amplitude", "4.5")]),
                                                      today: today, implantedOn: CalendarDate("2026-03-02")!)
        let (good, _) = DeviceSetting.parse(fields([("recordedOn", "03/02/2026"), ("program", "Program 2"), ("amplitude", "4.5"), ("pulseWidth", "300"),
                                                    ("rate", "60")]), today: today, implantedOn: CalendarDate("2026-03-02")!)
        // check
        #expect(setting == nil && problems["recordedOn"] == "The device was implanted on 03/02/2026.")
        #expect(good?.summary == "03/02/2026: Program 2, 4.5 mA, 300 µs, 60 Hz")
    }

    @Test func theDemoDevicesAreValidAndSomePumpIsDueARefill() {
        // act
        let devices = (0..<2000).compactMap { DemoImplants.generate(index: $0, seed: 7, today: today) }
        // check: each device reads back through its own form; refills follow one another; a pump falls due
        #expect(devices.count > 20 && devices.contains { $0.implant.kind.isPump } && devices.contains { !$0.implant.kind.isPump })
        #expect(devices.allSatisfy { Implant.parse($0.implant.fields, today: today).0 == $0.implant })
        #expect(devices.allSatisfy { $0.refills.allSatisfy { $0.nextRefillOn > $0.refilledOn && $0.alarmOn >= $0.nextRefillOn } })
        #expect(devices.contains { $0.refills.first.map { PumpRefillDue.isDue($0, today: today) } == true })
    }
}
