import ReliefCore
import Testing

struct PartialDateTests {
    @Test(arguments: [
        ("03/15/2025", "2025-03-15", "03/15/2025"), ("2025-03-15", "2025-03-15", "03/15/2025"),
        ("03/2025", "2025-03", "03/2025"), ("3/2025", "2025-03", "03/2025"), ("2025-03", "2025-03", "03/2025"),
        ("2025", "2025", "2025"), (" 2025 ", "2025", "2025"),
    ])
    func readsWholeMonthAndYearDates(typed: String, stored: String, shown: String) throws {
        // act
        let date = try #require(PartialDate(typed))
        // check
        #expect(date.description == stored)
        #expect(date.display == shown)
        #expect(PartialDate(stored) == date)
    }

    @Test(arguments: ["13/2025", "00/2025", "2025-3", "25", "0999", "03/25", "2025-13", "٢٠٢٥", "2025/03", "", "03/2025/1"])
    func refusesWhatIsNotADate(typed: String) {
        // check
        #expect(PartialDate(typed) == nil)
    }

    @Test func spansTheDaysItMayMean() throws {
        // setup
        let february = try #require(PartialDate("02/2024"))
        let year = try #require(PartialDate("2025"))
        // check
        #expect(february.earliest.description == "2024-02-01" && february.latest.description == "2024-02-29")
        #expect(year.earliest.description == "2025-01-01" && year.latest.description == "2025-12-31")
        #expect(february.whole == nil && PartialDate("02/03/2024")?.whole?.description == "2024-02-03")
    }

    @Test func aDraftTakesAPartialOnsetButSigningNeedsTheWholeDate() throws {
        // setup
        let today = try #require(CalendarDate("2026-11-18"))
        let fields = FormFields([("chiefComplaint", "Low back pain"), ("onsetDate", "2025")])
        // act
        let draft = EvaluationForm.parse(fields, today: today)
        let signing = EvaluationForm.parse(fields, today: today, signing: true)
        let ahead = EvaluationForm.parse(FormFields([("chiefComplaint", "x"), ("onsetDate", "12/2026")]), today: today)
        // check
        #expect(draft.problems.isEmpty && draft.content.onsetDate?.description == "2025")
        #expect(draft.content.duration(on: today)?.months == 10, "from the last day 2025 may mean")
        #expect(signing.problems["onsetDate"]?.hasPrefix("Signing needs the whole onset date") == true)
        #expect(ahead.problems["onsetDate"] == "The onset cannot be after today.")
    }
}
