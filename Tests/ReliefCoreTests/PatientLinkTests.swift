import Testing
@testable import ReliefCore

@Suite struct PatientLinkTests {
    private let blockDay = CalendarDate("2026-11-18")!

    @Test func aDiaryLinkLastsAsLongAsTheDiaryAndAFollowUpLinkTwoWeeks() {
        // act
        let diary = PatientLinkTerms.lastDay(.diary, performedOn: blockDay, today: blockDay)
        let followUp = PatientLinkTerms.lastDay(.followUp, performedOn: blockDay, today: CalendarDate("2026-12-03")!)
        // check
        #expect(diary == BlockDiary.lastDay(after: blockDay) && diary == CalendarDate("2026-11-19"))
        #expect(followUp == CalendarDate("2026-12-17"))
    }

    @Test(arguments: ["03/04/1961", "1961-03-04", " 03/04/1961 "])
    func theBirthDateOnRecordOpensTheLinkHoweverItIsWritten(typed: String) {
        // act / check
        #expect(PatientLinkTerms.confirms(typed, birthDate: CalendarDate("1961-03-04")!))
    }

    @Test(arguments: ["04/03/1961", "03/04/1962", "", "0x7B1", "03/04/1961\u{0}", "1961"])
    func anyOtherDateOrTextDoesNot(typed: String) {
        // act / check
        #expect(!PatientLinkTerms.confirms(typed, birthDate: CalendarDate("1961-03-04")!))
    }

    @Test func theTenthWrongBirthDateForOneLinkMakesItWait() {
        // setup
        let throttle = PatientAccessThrottle()
        // act / check
        #expect(!throttle.linkMustWait(failures: 9) && throttle.linkMustWait(failures: 10))
        #expect(throttle.windowText == "15 minutes")
    }
}
