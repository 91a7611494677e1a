import Fluent
import Foundation
import ReliefCore

// @unchecked Sendable: Fluent models are mutable reference types by design; each lives within one request.

/// A work-up order (FHIR ServiceRequest) with its result (DiagnosticReport) and the physician's review. Closed for
/// changes once reviewed or cancelled (a trigger refuses it).
final class WorkupRecord: Model, @unchecked Sendable {
    static let schema = "workup_orders"

    @ID(key: .id) var id: UUID?
    @Field(key: "patient_id") var patientID: UUID
    @Field(key: "test") var test: String
    @Field(key: "status") var status: String
    @Field(key: "ordered_on") var orderedOn: String
    @OptionalField(key: "scheduled_for") var scheduledFor: String?
    @Field(key: "request") var request: String
    @OptionalField(key: "result") var result: String?
    @OptionalField(key: "resulted_on") var resultedOn: String?
    @OptionalField(key: "reviewed_at") var reviewedAt: Date?
    @OptionalField(key: "reviewed_by") var reviewedBy: UUID?
    @OptionalField(key: "review_comment") var reviewComment: String?
    @OptionalField(key: "cancel_reason") var cancelReason: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "updated_by") var updatedBy: UUID?
    @Field(key: "version") var version: Int

    init() {}

    init(patientID: UUID, order: WorkupOrder, orderedOn: CalendarDate, by user: UUID?, now: Date) throws {
        id = UUID()
        self.patientID = patientID
        test = order.test.rawValue
        status = OrderStatus.ordered.rawValue
        self.orderedOn = orderedOn.description
        request = try JSONCoding.encode(order)
        createdAt = now
        createdBy = user
        updatedAt = now
        updatedBy = user
        version = 1
    }

    var orderStatus: OrderStatus { OrderStatus(rawValue: status) ?? .ordered }
    func decodedOrder() throws -> WorkupOrder { try JSONCoding.decode(WorkupOrder.self, request) }
    func decodedResult() throws -> WorkupResult? { try result.map { try JSONCoding.decode(WorkupResult.self, $0) } }

    /// The step's change to the stored columns; the version and audit are the caller's.
    func apply(_ step: WorkupStep, by user: UUID, now: Date) throws {
        switch step {
        case .schedule(let date):
            scheduledFor = date.description
        case .result(let report):
            result = try JSONCoding.encode(report)
            resultedOn = report.resultedOn.description
        case .review(let comment):
            reviewedAt = now
            reviewedBy = user
            reviewComment = comment
        case .cancel(let reason):
            cancelReason = reason
        }
        status = step.status.rawValue
    }
}

extension WorkupDeadlines {
    /// Overdue by these deadlines, from the stored status and day columns.
    func isOverdue(status: String, orderedOn: String, resultedOn: String?, today: CalendarDate) -> Bool {
        guard let ordered = CalendarDate(orderedOn) else { return false }
        return isOverdue(status: OrderStatus(rawValue: status) ?? .ordered, orderedOn: ordered, resultedOn: resultedOn.flatMap(CalendarDate.init),
                         today: today)
    }
}

extension WorkupRecord {
    func isOverdue(_ deadlines: WorkupDeadlines, today: CalendarDate) -> Bool {
        deadlines.isOverdue(status: status, orderedOn: orderedOn, resultedOn: resultedOn, today: today)
    }
}
