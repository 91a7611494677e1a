import Foundation
import Testing
@testable import ReliefCore

@Suite struct PatientRegistrationTests {
    let today = CalendarDate(year: 2026, month: 11, day: 23)!

    func valid() -> PatientRegistration {
        PatientRegistration(values: [.familyName: "Núñez", .givenName: "Rosa", .birthDate: "1961-03-04", .sexAtBirth: "F"])
    }

    @Test func aMinimalRegistrationIsValid() {
        // act / check
        #expect(valid().problems(today: today).isEmpty)
    }

    @Test func requiredFieldsAreNamed() {
        // setup
        let empty = PatientRegistration()
        // act
        let problems = empty.problems(today: today)
        // check
        #expect(Set(problems.keys) == [.familyName, .givenName, .birthDate, .sexAtBirth])
        #expect(problems[.familyName] == "Family (last) name is required.")
    }

    @Test func theStateIsAPostalCode() {
        // setup
        var registration = valid()
        // act / check
        for (state, fine) in [("NY", true), ("PR", true), ("DC", true), ("ZZ", false), ("ZZZZ", false), ("New York", false), ("ny", false)] {
            registration[.state] = state
            #expect((registration.problems(today: today)[.state] == nil) == fine, "\(state)")
        }
    }

    @Test func whiteSpaceIsTrimmedAndCollapsed() {
        // setup
        var registration = valid()
        // act
        registration[.givenName] = "  Mary   Ann "
        registration[.middleName] = "   "
        // check
        #expect(registration[.givenName] == "Mary Ann")
        #expect(registration.values[.middleName] == nil)
    }

    @Test func aBirthDateTodayIsAcceptedAndTomorrowIsNot() {
        // setup
        var born = valid(), unborn = valid()
        born[.birthDate] = "11/23/2026"
        unborn[.birthDate] = "11/24/2026"
        // act / check
        #expect(born.problems(today: today)[.birthDate] == nil)
        #expect(unborn.problems(today: today)[.birthDate] == "Date of birth cannot be in the future.")
    }

    @Test func impossibleDatesAreRefused() {
        // setup
        var registration = valid()
        // act
        registration[.birthDate] = "02/30/1980"
        // check
        #expect(registration.problems(today: today)[.birthDate] == "Enter a real date as MM/DD/YYYY.")
    }

    @Test func aBirthMoreThan125YearsAgoIsQuestioned() {
        // setup
        var oldest = valid(), tooOld = valid()
        oldest[.birthDate] = "1900-11-24"  // 125 years old today
        tooOld[.birthDate] = "1900-11-23"  // 126 today
        // act / check
        #expect(oldest.problems(today: today)[.birthDate] == nil)
        #expect(tooOld.problems(today: today)[.birthDate] != nil)
    }

    @Test(arguments: ["217 555 0123", "(217) 555-0123", "+1 217 555 0123"])
    func phoneNumbersWithAreaCodeAreAccepted(phone: String) {
        // setup
        var registration = valid()
        registration[.phone] = phone
        // act / check
        #expect(registration.problems(today: today)[.phone] == nil)
    }

    @Test(arguments: ["555-0123", "call me", "217-555-01234567890"])
    func otherPhoneNumbersAreRefused(phone: String) {
        // setup
        var registration = valid()
        registration[.emergencyPhone] = phone
        // act / check
        #expect(registration.problems(today: today)[.emergencyPhone] != nil)
    }

    @Test func emailAndZIPAreChecked() {
        // setup
        var registration = valid()
        registration[.email] = "rosa@"
        registration[.postalCode] = "6270"
        // act
        let problems = registration.problems(today: today)
        // check
        #expect(problems[.email] != nil)
        #expect(problems[.postalCode] != nil)
        registration[.email] = "rosa@example.com"
        registration[.postalCode] = "62701-1234"
        #expect(registration.problems(today: today).isEmpty)
    }

    @Test func unknownChoicesAreRefused() {
        // setup
        var registration = valid()
        registration[.sexAtBirth] = "X"
        registration[.genderIdentity] = "robot"
        // act
        let problems = registration.problems(today: today)
        // check
        #expect(problems[.sexAtBirth] != nil)
        #expect(problems[.genderIdentity] != nil)
    }

    @Test func changedFieldsAreListedInFormOrder() {
        // setup
        let before = valid()
        var after = before
        after[.phone] = "217 555 0100"
        after[.familyName] = "Nunez"
        // act / check
        #expect(after.changedFields(comparedTo: before) == [.familyName, .phone])
    }

    @Test func theDisplayNameShowsAPreferredName() {
        // setup
        var registration = valid()
        registration[.preferredName] = "Rosie"
        // act / check
        #expect(registration.displayName == "Núñez, Rosa (Rosie)")
    }
}

@Suite struct CalendarDateTests {
    @Test func ageTurnsOnTheBirthday() {
        // setup
        let birth = CalendarDate(year: 1960, month: 6, day: 15)!
        // act / check
        #expect(birth.years(until: CalendarDate(year: 2026, month: 6, day: 14)!) == 65)
        #expect(birth.years(until: CalendarDate(year: 2026, month: 6, day: 15)!) == 66)
    }

    @Test func leapDaysExistOnlyInLeapYears() {
        // act / check
        #expect(CalendarDate("2024-02-29") != nil)
        #expect(CalendarDate("2023-02-29") == nil)
        #expect(CalendarDate("1900-02-29") == nil)
        #expect(CalendarDate("2000-02-29") != nil)
    }

    @Test func bothFormatsReadTheSameDay() {
        // act / check
        #expect(CalendarDate("07/04/1976") == CalendarDate("1976-07-04"))
        #expect(CalendarDate("1976-07-04")?.display == "07/04/1976")
        #expect(CalendarDate("13/01/1976") == nil)
        #expect(CalendarDate("1976-7") == nil)
    }

    @Test(arguments: ["America/Chicago", "America/New_York", "UTC", "Asia/Kolkata", "Pacific/Kiritimati", "Pacific/Pago_Pago"])
    func theDayOfAMomentMatchesFoundationsCalendar(zone: String) throws {
        // setup: every 3 days 1 hour 3 minutes across 1900–2100, so moments fall at every hour of the day in every season
        let timeZone = try #require(TimeZone(identifier: zone))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        for step in stride(from: -2_208_988_800.0, to: 4_133_980_800.0, by: 262_980.0) {
            let moment = Date(timeIntervalSince1970: step)
            // act
            let date = CalendarDate(moment, in: timeZone)
            // check
            let parts = calendar.dateComponents([.year, .month, .day], from: moment)
            #expect((date.year, date.month, date.day) == (parts.year!, parts.month!, parts.day!), "\(moment) in \(zone)")
        }
    }

    @Test func datesAreShownAsMonthDayYearWithLeadingZeros() {
        // act / check
        #expect(CalendarDate(year: 2026, month: 3, day: 4)!.display == "03/04/2026")
        #expect(CalendarDate(year: 987, month: 12, day: 31)!.display == "12/31/0987")
        #expect(CalendarDate(year: 2026, month: 3, day: 4)!.description == "2026-03-04")
    }
}

@Suite struct WhiteSpaceTests {
    @Test(arguments: [
        ("Mary Ann", "Mary Ann"), (" Mary", "Mary"), ("Mary ", "Mary"), ("Mary  Ann", "Mary Ann"), ("Mary\tAnn", "Mary Ann"),
        ("Mary\u{00A0}Ann", "Mary Ann"), ("Zoë Núñez", "Zoë Núñez"), ("", ""), ("   ", ""), ("Ann\u{2003}Lee", "Ann Lee"),
    ])
    func valuesAreStoredWithSingleSpaces(typed: String, stored: String) {
        // setup
        var registration = PatientRegistration()
        // act
        registration[.givenName] = typed
        // check
        #expect(registration[.givenName] == stored)
    }
}
