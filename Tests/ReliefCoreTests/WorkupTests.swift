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

@Suite struct WorkupStepTests {
    private let today = CalendarDate(year: 2026, month: 11, day: 23)!

    @Test(arguments: [
        (WorkupStep.Kind.schedule, OrderStatus.ordered, true), (.schedule, .scheduled, true), (.schedule, .resulted, false),
        (.result, .scheduled, true), (.result, .reviewed, false), (.cancel, .ordered, true), (.cancel, .resulted, false),
        (.review, .scheduled, false), (.review, .resulted, true), (.review, .reviewed, false),
    ])
    func eachStepAppliesOnlyWhereTheOrderStands(kind: WorkupStep.Kind, status: OrderStatus, applies: Bool) {
        // act / check
        #expect(kind.applies(to: status) == applies)
    }

    @Test func eachStepChecksItsFieldsAndLeadsToItsStatus() throws {
        // act
        let (scheduled, _) = WorkupStep.parse(.schedule, FormFields([("scheduledFor", "01/15/2027")]), today: today)
        let (_, noDate) = WorkupStep.parse(.schedule, FormFields(), today: today)
        let (review, _) = WorkupStep.parse(.review, FormFields([("reviewComment", String(repeating: "a", count: WorkupStep.reviewCommentLimit))]), today: today)
        let (_, longReview) = WorkupStep.parse(.review, FormFields([("reviewComment", String(repeating: "a", count: WorkupStep.reviewCommentLimit + 1))]),
                                               today: today)
        let (_, noReason) = WorkupStep.parse(.cancel, FormFields(), today: today)
        let (result, _) = WorkupStep.parse(.result, FormFields([("report", "Normal study."), ("resultedOn", "11/23/2026")]), today: today)
        let (_, halfRow) = WorkupStep.parse(.result, FormFields([("report", "x"), ("finding.1.side", "left")]), today: today)
        // check
        #expect(scheduled == .schedule(CalendarDate(year: 2027, month: 1, day: 15)!) && scheduled?.status == .scheduled)
        #expect(scheduled?.detail == "scheduled 2027-01-15")
        #expect(noDate["scheduledFor"] != nil)
        #expect(review?.status == .reviewed && longReview["reviewComment"] != nil)
        #expect(noReason["cancelReason"] == "Give the reason for cancelling.")
        #expect(result?.status == .resulted && result?.kind == .result)
        #expect(halfRow["finding.1.kind"] != nil)
    }

    @Test func everyStepFieldIsInItsSchema() {
        // setup
        let names: [WorkupStep.Kind: [String]] = [.schedule: ["scheduledFor"], .review: ["reviewComment"], .cancel: ["cancelReason"],
                                                  .result: ["report", "resultedOn", "abnormal", "finding.4.grade"]]
        // check
        for (kind, fields) in names { for field in fields { #expect(kind.schema.spec(field) != nil, "\(kind) \(field)") } }
    }
}
