import Testing
@testable import ReliefCore

/// Insurance as the front desk records it, with the benefits the cost estimate uses.
@Suite struct CoverageEntryTests {
    private let today = CalendarDate(year: 2026, month: 12, day: 6)!

    private func parse(_ pairs: [(String, String)]) -> (CoverageEntry?, [String: String]) { CoverageEntry.parse(FormFields(pairs), today: today) }

    private let medicare = [("payerKind", "medicare"), ("payer", "Medicare Part B"), ("memberID", "1EG4-TE5-MK72"), ("status", "active")]

    @Test func aCoverageWithItsBenefitsCheckIsReadBack() throws {
        // act
        let (entry, problems) = parse(medicare + [("checkedOn", "12/01/2026"), ("checkedBy", "Portal, ref 88213"), ("deductible", "257"),
                                                  ("deductibleRemaining", "$120.50"), ("coinsurancePercent", "20"), ("outOfPocketMax", "1,000")])
        // check
        #expect(problems.isEmpty)
        let read = try #require(entry)
        #expect(read.benefits == Benefits(deductibleRemaining: Money(cents: 12_050), coinsurancePercent: 20))
        #expect(read.label == "Medicare Part B (primary)")
        #expect(CoverageEntry.parse(read.fields, today: today).entry == read)
    }

    @Test func badCoveragesAreRefusedFieldByField() {
        // act
        let noMember = parse([("payerKind", "commercial"), ("payer", "Acme Health"), ("status", "active")])
        let selfPay = parse([("payerKind", "self-pay"), ("payer", "Self-pay"), ("status", "active")])
        let amounts = parse(medicare + [("checkedOn", "12/01/2026"), ("deductible", "100"), ("deductibleRemaining", "150"), ("copay", "-5"),
                                        ("outOfPocketMax", "0x10")])
        let unchecked = parse(medicare + [("coinsurancePercent", "20")])
        let spouse = parse(medicare + [("relationship", "spouse")])
        let ended = parse(medicare + [("startOn", "01/01/2026"), ("endOn", "12/31/2025")])
        // check
        #expect(noMember.1["memberID"] == "Enter the member id from the card.")
        #expect(selfPay.1.isEmpty && selfPay.0?.benefits == nil)
        #expect(amounts.1["deductibleRemaining"] == "More cannot remain than the whole deductible.")
        #expect(amounts.1["copay"] == "Enter an amount in dollars, like 1,250.00." && amounts.1["outOfPocketMax"] != nil)
        #expect(unchecked.1["checkedOn"] == "Enter when the benefits were checked.")
        #expect(spouse.1["subscriber"] != nil && ended.1["endOn"] != nil)
    }

    @Test func oneActiveCoverageAtEachPriority() {
        // setup
        let primary = CoverageEntry(payerKind: .medicare, payer: "Medicare")
        let secondary = CoverageEntry(payerKind: .commercial, payer: "AARP Medigap", priority: .secondary)
        let old = CoverageEntry(payerKind: .commercial, payer: "Old plan", status: .inactive)
        // act / check
        #expect(CoverageEntry(payerKind: .commercial, payer: "New").problems(alongside: [primary, old])["priority"] != nil)
        #expect(secondary.problems(alongside: [primary, old]).isEmpty)
    }
}
