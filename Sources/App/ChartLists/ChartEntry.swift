import Fluent
import Foundation
import ReliefCore

// @unchecked Sendable: Fluent models are mutable reference types by design; each lives within one request.

/// One entry of a chart list (a medication, an allergy, a prior treatment): its `ChartEntryContent` as JSON,
/// with the kind, code and status copied into columns for queries.
final class ChartEntry: Model, @unchecked Sendable {
    static let schema = "chart_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "patient_id") var patientID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "code") var code: String
    @Field(key: "status") var status: String
    @Field(key: "content") var content: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "updated_by") var updatedBy: UUID?
    @Field(key: "version") var version: Int
    @OptionalField(key: "deleted_at") var deletedAt: Date?
    @OptionalField(key: "deleted_by") var deletedBy: UUID?
    @OptionalField(key: "deleted_reason") var deletedReason: String?

    init() {}

    init<C: ChartEntryContent>(patientID: UUID, content: C, by user: UUID?, now: Date) throws {
        id = UUID()
        self.patientID = patientID
        kind = C.kind.rawValue
        createdAt = now
        createdBy = user
        version = 1
        try set(content, by: user, now: now)
    }

    func set<C: ChartEntryContent>(_ content: C, by user: UUID?, now: Date) throws {
        code = content.code
        status = content.status
        self.content = try JSONCoding.encode(content)
        updatedAt = now
        updatedBy = user
    }

    func decoded<C: ChartEntryContent>(as type: C.Type = C.self) throws -> C { try JSONCoding.decode(C.self, content) }
}

/// One row of the MME history: the total daily opioid dose whenever the medication list changed it.
final class MMERecord: Model, @unchecked Sendable {
    static let schema = "mme_history"

    @ID(key: .id) var id: UUID?
    @Field(key: "patient_id") var patientID: UUID
    @Field(key: "recorded_at") var recordedAt: Date
    @OptionalField(key: "recorded_by") var recordedBy: UUID?
    @Field(key: "total") var total: Double
    @Field(key: "incomplete") var incomplete: Bool
    @Field(key: "detail") var detail: String

    init() {}

    init(patientID: UUID, summary: OpioidSummary, by user: UUID?, now: Date) {
        id = UUID()
        self.patientID = patientID
        recordedAt = now
        recordedBy = user
        total = summary.total
        incomplete = summary.isIncomplete
        detail = summary.breakdown
    }
}
