import Testing
@testable import ReliefCore

@Suite struct WorkupTests {
    private let today = CalendarDate(year: 2026, month: 11, day: 23)!

    @Test func anImagingOrderNeedsItsRegionAndContrastAndReadsAsOneLine() throws {
        // act
        let (mri, _) = WorkupOrder.parse(FormFields([("test", "mri"), ("region", "lumbar"), ("contrast", "without"),
                                                     ("reason", "Left L5 radiculopathy")]), today: today)
        let (_, missing) = WorkupOrder.parse(FormFields([("test", "ct"), ("reason", "Fracture?")]), today: today)
        let (_, stray) = WorkupOrder.parse(FormFields([("test", "hba1c"), ("region", "knee"), ("contrast", "with"), ("reason", "Diabetes")]),
                                           today: today)
        let (_, referral) = WorkupOrder.parse(FormFields([("test", "referral"), ("reason", "Surgical opinion")]), today: today)
        // check
        let order = try #require(mri)
        #expect(order.label == "MRI lumbar spine — without contrast")
        #expect(WorkupOrder.parse(order.fields, today: today).0 == order)
        #expect(missing["region"] != nil && missing["contrast"] != nil)
        #expect(stray["region"] == "A region is only for imaging." && stray["contrast"] == "Contrast is only for CT and MRI.")
        #expect(referral["specialty"] == "Name the specialty.")
    }

    @Test func aResultKeepsItsFindingsAndRefusesAHalfFilledRow() throws {
        // act
        let (result, _) = WorkupResult.parse(FormFields([
            ("report", "L4-5 left paracentral protrusion contacting the traversing L5 root."), ("resultedOn", "11/20/2026"), ("abnormal", "yes"),
            ("finding.1.kind", "disc-herniation"), ("finding.1.level", "L4-5"), ("finding.1.side", "left"), ("finding.1.grade", "moderate"),
        ]), today: today)
        let (_, problems) = WorkupResult.parse(FormFields([("report", "x"), ("finding.2.level", "L5-S1"), ("resultedOn", "12/01/2026")]),
                                               today: today)
        // check
        let parsed = try #require(result)
        #expect(parsed.findings.map(\.label) == ["Disc herniation L4-5 left, moderate"] && parsed.abnormal)
        #expect(WorkupResult.parse(parsed.fields, today: today).0 == parsed)
        #expect(problems["finding.2.kind"] != nil && problems["resultedOn"] == "The result date cannot be after today.")
    }

    @Test(arguments: [(OrderStatus.ordered, 14, false), (.ordered, 15, true), (.scheduled, 20, true), (.resulted, 3, false),
                      (.resulted, 4, true), (.reviewed, 90, false), (.cancelled, 90, false)])
    func overdueAfterTheDeadlines(status: OrderStatus, daysAgo: Int, overdue: Bool) {
        // setup
        let day = today.adding(days: -daysAgo)
        // act / check
        #expect(WorkupDeadlines().isOverdue(status: status, orderedOn: day, resultedOn: day, today: today) == overdue)
    }
}
