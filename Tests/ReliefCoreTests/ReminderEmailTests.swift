import Testing
@testable import ReliefCore

@Suite struct ReminderEmailContentTests {
    @Test func theReminderSaysWhenWhereAndWithWhomAndHowToChangeIt() {
        // act
        let email = ReminderEmail(practice: "Springfield Pain Center", phone: "(217) 555-0100", givenName: "Anna", date: CalendarDate("2026-11-20")!,
                                  time: ClockTime("9:00")!, place: "Suite 1", provider: "Dr. Rao")
        let bare = ReminderEmail(practice: "Clinic", phone: nil, givenName: "", date: CalendarDate("2026-11-23")!, time: ClockTime("14:30")!,
                                 place: nil, provider: nil)
        // check
        #expect(email.subject == "Reminder: your appointment on Friday 11/20/2026 at 9:00 AM")
        #expect(email.body.contains("Dear Anna,") && email.body.contains("with Dr. Rao.") && email.body.contains("Where: Suite 1.")
                && email.body.contains("call us at (217) 555-0100"))
        #expect(bare.subject == "Reminder: your appointment on Monday 11/23/2026 at 2:30 PM" && bare.body.hasPrefix("Dear patient,")
                && !bare.body.contains("Where:"))
    }

    @Test(arguments: [("anna@example.com", true), ("a.b+c@mail.example.org", true), ("anna@example", false), ("an na@example.com", false),
                      ("anna@exa\u{0}mple.com", false), ("<anna@example.com>", false), ("anna@example.com\r\nRCPT", false), ("zoë@example.com", false)])
    func onlyAnAddressSafeForTheMailServerIsDeliverable(address: String, deliverable: Bool) {
        // act / check
        #expect(EmailAddress.isDeliverable(address) == deliverable)
    }
}
