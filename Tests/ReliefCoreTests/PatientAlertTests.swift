import Foundation
import Testing
@testable import ReliefCore

@Suite struct PatientAlertTests {
    private let today = CalendarDate("2026-12-04")!

    private func order(_ status: OrderStatus, ordered: String, resulted: String? = nil) -> PatientAlert.Outstanding {
        PatientAlert.Outstanding(label: "MRI", status: status, orderedOn: CalendarDate(ordered)!, resultedOn: resulted.flatMap(CalendarDate.init))
    }

    @Test func raisedAlertsComeFirstNewestFirstThenStandingOnesThenWork() {
        // setup
        let old = PatientAlert.Raised(isRedFlag: true, message: "Red flag: fever", raisedAt: Date(timeIntervalSince1970: 1_000))
        let new = PatientAlert.Raised(isRedFlag: false, message: "PHQ-9 item 9", raisedAt: Date(timeIntervalSince1970: 2_000))
        let opioids = OpioidSummary([(label: "Oxycodone", drug: DrugCatalogue.drug("oxycodone"), dosage: nil)])
        // act
        let alerts = PatientAlert.all(raised: [old, new], opioids: opioids,
                                      outstanding: [order(.resulted, ordered: "2026-12-01", resulted: "2026-12-02")],
                                      deadlines: WorkupDeadlines(), today: today)
        // check
        #expect(alerts.map(\.kind) == [.questionnaireAnswer, .redFlag, .resultAwaitingReview], "an incomplete MME total is no alert")
    }

    @Test func workIsOverdueOnlyPastItsDeadline() {
        // setup
        let deadlines = WorkupDeadlines(openDays: 14, reviewDays: 3)
        let orders = [order(.ordered, ordered: "2026-11-20"), order(.scheduled, ordered: "2026-11-19"),
                      order(.resulted, ordered: "2026-11-01", resulted: "2026-12-01"), order(.resulted, ordered: "2026-11-01", resulted: "2026-11-30"),
                      order(.reviewed, ordered: "2026-01-01"), order(.cancelled, ordered: "2026-01-01")]
        // act
        let alerts = PatientAlert.all(raised: [], opioids: OpioidSummary([MedicationEntry]()), outstanding: orders, deadlines: deadlines, today: today)
        // check: 14 days open is on time, 15 overdue; 3 days unreviewed on time, 4 overdue
        #expect(alerts.map(\.kind) == [.overdueTest, .overdueTest, .resultAwaitingReview])
        #expect(alerts.map(\.message) == ["MRI: result of 11/30/2026 awaiting review — overdue", "MRI: ordered 11/19/2026, no result yet — overdue",
                                          "MRI: result of 12/01/2026 awaiting review"])
    }
}
