import Testing
@testable import ReliefCore

/// Prior authorisations: what an approval needs, and when the front desk is warned.
@Suite struct PriorAuthorizationTests {
    private let today = CalendarDate(year: 2026, month: 12, day: 6)!

    private func parse(_ pairs: [(String, String)]) -> (PriorAuthorizationEntry?, [String: String]) {
        PriorAuthorizationEntry.parse(FormFields(pairs), today: today)
    }

    @Test func anApprovalNeedsItsNumberAndEndAndTakesOnlyCodes() throws {
        // act
        let approved = parse([("payer", "Acme Health"), ("status", "approved"), ("reference", "PA-7731"), ("intervention", "esi-transforaminal-lumbar"),
                              ("codes", "64483, 64484"), ("units", "2"), ("validFrom", "12/01/2026"), ("validUntil", "02/28/2027")])
        let bare = parse([("payer", "Acme Health"), ("status", "approved")])
        let codes = parse([("payer", "Acme Health"), ("status", "requested"), ("codes", "64483, 0x1F, DROP"), ("intervention", "massage")])
        let dates = parse([("payer", "Acme Health"), ("status", "requested"), ("validFrom", "03/01/2027"), ("validUntil", "02/01/2027")])
        // check
        let entry = try #require(approved.0)
        #expect(entry.codes == ["64483", "64484"] && entry.label == "Acme Health: Lumbar transforaminal epidural steroid injection (PA-7731)")
        #expect(PriorAuthorizationEntry.parse(entry.fields, today: today).entry == entry)
        #expect(bare.1["reference"] == "Enter the payer's authorisation number." && bare.1["validUntil"] != nil)
        #expect(codes.1["codes"]?.contains("0X1F") == true && codes.1["intervention"] == "Choose a procedure from the catalogue.")
        #expect(dates.1["validUntil"] == "It cannot end before it starts.")
    }

    @Test func theFrontDeskIsWarnedBeforeExpiryAndWhenUnitsRunOut() {
        // setup
        func approval(until: CalendarDate, units: Int? = 2) -> PriorAuthorizationEntry {
            PriorAuthorizationEntry(payer: "Acme", reference: "PA-1", status: .approved, units: units, validUntil: until)
        }
        // act / check: 14 vs 15 days ahead
        #expect(approval(until: today.adding(days: 15)).warning(today: today) == nil)
        #expect(approval(until: today.adding(days: 14)).warning(today: today)?.hasPrefix("Expires on") == true)
        #expect(approval(until: today.adding(days: -1)).warning(today: today)?.hasPrefix("Expired on") == true)
        #expect(approval(until: today.adding(days: 60)).warning(today: today, used: 2)?.hasPrefix("All 2 approved units are used") == true)
        #expect(approval(until: today.adding(days: 60)).warning(today: today, used: 1) == nil)
        #expect(PriorAuthorizationEntry(payer: "Acme", status: .denied).warning(today: today) == nil)
    }
}
