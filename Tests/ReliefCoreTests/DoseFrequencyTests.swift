import Testing
@testable import ReliefCore

/// Any number of times a day or hours apart, read from the form and counted in the daily MME.
@Suite struct DoseFrequencyTests {
    private let today = CalendarDate(year: 2026, month: 12, day: 4)!

    @Test func theEarlierCodesKeepTheirMeaningAndNewOnesRoundTrip() {
        // act / check
        let earlier: [(String, Double?)] = [("daily", 1), ("bid", 2), ("tid", 3), ("qid", 4), ("q4h", 6), ("q6h", 4), ("q8h", 3),
                                            ("q12h", 2), ("qhs", 1), ("q72h", 1.0 / 3), ("weekly", 1.0 / 7), ("prn", nil)]
        for (code, perDay) in earlier {
            let frequency = DoseFrequency(rawValue: code)
            #expect(frequency?.perDay == perDay && frequency?.rawValue == code, "\(code)")
        }
        #expect(DoseFrequency(rawValue: "5x-daily") == .timesDaily(5) && DoseFrequency.timesDaily(5).rawValue == "5x-daily")
        #expect(DoseFrequency(rawValue: "q3h") == .everyHours(3) && DoseFrequency.everyHours(3).title == "Every 3 hours")
        for code in ["0x-daily", "13x-daily", "q0h", "q73h", "q0x3h", "q+3h", "qh", "x-daily", "3"] { #expect(DoseFrequency(rawValue: code) == nil, "\(code)") }
    }

    @Test(arguments: [("times-daily", "5", 5.0), ("times-daily", "12", 12.0), ("times-daily", "1", 1.0),
                      ("every-hours", "3", 8.0), ("every-hours", "72", 1.0 / 3), ("every-hours", "1", 24.0), ("bid", "7", 2.0)])
    func anOpenChoiceTakesItsNumber(choice: String, count: String, perDay: Double) {
        // setup
        var reader = FormReader(FormFields([("frequency", choice), ("frequencyCount", count)]), today: today)
        // act
        let frequency = DoseFrequencyChoice.read(&reader)
        // check
        #expect(frequency?.perDay == perDay && reader.problems.isEmpty)
    }

    @Test(arguments: [("times-daily", ""), ("times-daily", "13"), ("times-daily", "0"), ("every-hours", "73"), ("every-hours", "1.5"),
                      ("every-hours", "0x3"), ("q3h", "")])
    func anOpenChoiceWithoutAFittingNumberIsRefused(choice: String, count: String) {
        // setup
        var reader = FormReader(FormFields([("frequency", choice), ("frequencyCount", count)]), today: today)
        // act
        let frequency = DoseFrequencyChoice.read(&reader)
        // check
        #expect(frequency == nil && !reader.problems.isEmpty)
    }

    @Test func everyThreeHoursAndFiveTimesADayCountInTheMME() {
        // act: oxycodone 5 mg every 3 hours = 40 mg a day; 10 mg five times a day = 50 mg a day (factor 1.5)
        let everyThree = MorphineEquivalents.daily(DrugCatalogue.drug("oxycodone"), Dosage(strength: 5, unit: .milligram, frequency: .everyHours(3)))
        let fiveTimes = MorphineEquivalents.daily(DrugCatalogue.drug("oxycodone"), Dosage(strength: 10, unit: .milligram, frequency: .timesDaily(5)))
        // check
        #expect(everyThree.amount == 60 && fiveTimes.amount == 75)
    }

    @Test func aStoredFrequencyGoesBackIntoTheFormAsTyped() {
        // act / check
        #expect(DoseFrequencyChoice.fields(.everyHours(6)) == ("q6h", nil))
        #expect(DoseFrequencyChoice.fields(.everyHours(3)) == ("every-hours", "3"))
        #expect(DoseFrequencyChoice.fields(.timesDaily(5)) == ("times-daily", "5"))
        #expect(DoseFrequencyChoice.fields(.daily) == ("daily", nil))
    }
}
