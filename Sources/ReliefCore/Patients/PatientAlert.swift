import Foundation

/// One thing open on a patient's chart that a clinician must not miss: raised and kept until resolved (a red flag,
/// PHQ-9 item 9), or standing while the chart says so (the opioid dose, an opioid with a benzodiazepine, a result
/// nobody has reviewed, a test not done in time). The banner of every patient page lists them worst first.
public struct PatientAlert: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case redFlag, questionnaireAnswer, opioidDose, opioidWithBenzodiazepine, overdueTest, resultAwaitingReview

        public var severity: Severity {
            switch self {
            case .redFlag, .questionnaireAnswer: .urgent
            case .opioidDose, .opioidWithBenzodiazepine, .overdueTest: .warning
            case .resultAwaitingReview: .notice
            }
        }
    }

    /// Urgent first: what may harm the patient before the next visit.
    public enum Severity: Int, Comparable, Sendable {
        case urgent, warning, notice

        public var title: String {
            switch self {
            case .urgent: "Urgent"
            case .warning: "Warning"
            case .notice: "To do"
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public let kind: Kind
    public let message: String
    /// When it was raised, or the day it began; newer first within a severity.
    public let since: Date?

    public init(kind: Kind, message: String, since: Date?) {
        self.kind = kind
        self.message = message
        self.since = since
    }

    public var severity: Severity { kind.severity }

    /// A raised alert as stored; `kind` as `chart_alerts.kind` keeps it ("red-flag", "instrument").
    public struct Raised: Sendable {
        public let isRedFlag: Bool
        public let message: String
        public let raisedAt: Date

        public init(isRedFlag: Bool, message: String, raisedAt: Date) {
            self.isRedFlag = isRedFlag
            self.message = message
            self.raisedAt = raisedAt
        }
    }

    /// A work-up order not yet reviewed, as the outstanding list holds it.
    public struct Outstanding: Sendable {
        public let label: String
        public let status: OrderStatus
        public let orderedOn: CalendarDate
        public let resultedOn: CalendarDate?

        public init(label: String, status: OrderStatus, orderedOn: CalendarDate, resultedOn: CalendarDate?) {
            self.label = label
            self.status = status
            self.orderedOn = orderedOn
            self.resultedOn = resultedOn
        }
    }

    /// Every open alert of the chart, worst first and newest first within a severity. The opioid alerts are the
    /// medication card's (`OpioidSummary`), so the banner and the card always agree.
    public static func all(raised: [Raised], opioids: OpioidSummary, outstanding: [Outstanding], deadlines: WorkupDeadlines,
                           today: CalendarDate) -> [PatientAlert] {
        var alerts = raised.map { PatientAlert(kind: $0.isRedFlag ? .redFlag : .questionnaireAnswer, message: $0.message, since: $0.raisedAt) }
        for alert in opioids.alerts {
            switch alert {
            case .atOrAboveReassessThreshold: alerts.append(PatientAlert(kind: .opioidDose, message: alert.message, since: nil))
            case .opioidWithBenzodiazepine: alerts.append(PatientAlert(kind: .opioidWithBenzodiazepine, message: alert.message, since: nil))
            case .incompleteTotal: continue  // a note on the card's arithmetic, not a risk of its own
            }
        }
        for order in outstanding {
            let overdue = deadlines.isOverdue(status: order.status, orderedOn: order.orderedOn, resultedOn: order.resultedOn, today: today)
            switch order.status {
            case .resulted:
                alerts.append(awaitingReview(order, deadlines: deadlines, today: today))
            case .ordered, .scheduled:
                guard overdue else { continue }
                alerts.append(PatientAlert(kind: .overdueTest, message: "\(order.label): ordered \(order.orderedOn.display), no result yet — overdue",
                                           since: order.orderedOn.startOfDay))
            case .reviewed, .cancelled: continue
            }
        }
        return worstFirst(alerts, \.self)
    }

    /// Worst first, newest first within a severity (standing alerts, with no start, before dated ones); ties keep
    /// their order.
    public static func worstFirst<Item>(_ items: [Item], _ alert: (Item) -> PatientAlert) -> [Item] {
        items.enumerated().sorted { first, second in
            let (a, b) = (alert(first.element), alert(second.element))
            if a.severity != b.severity { return a.severity < b.severity }
            if a.since != b.since { return (a.since ?? .distantFuture) > (b.since ?? .distantFuture) }
            return first.offset < second.offset
        }.map(\.element)
    }

    /// A work-up order resulted and not yet reviewed, as an alert: overdue past the practice's review deadline.
    public static func awaitingReview(_ order: Outstanding, deadlines: WorkupDeadlines, today: CalendarDate) -> PatientAlert {
        let resulted = order.resultedOn ?? order.orderedOn
        let overdue = deadlines.isOverdue(status: .resulted, orderedOn: order.orderedOn, resultedOn: resulted, today: today)
        return PatientAlert(kind: overdue ? .overdueTest : .resultAwaitingReview,
                            message: "\(order.label): result of \(resulted.display) awaiting review" + (overdue ? " — overdue" : ""),
                            since: resulted.startOfDay)
    }
}
