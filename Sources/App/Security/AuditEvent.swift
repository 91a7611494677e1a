import Fluent
import Foundation

/// One line of the audit trail: who did what to which record, from where, and how it ended.
/// Append-only: nothing in Relief updates or deletes these rows, and database triggers refuse it too.
final class AuditEvent: Model, @unchecked Sendable {  // @unchecked: Fluent models are mutable reference types by design
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "occurred_at") var occurredAt: Date
    @OptionalField(key: "user_id") var userID: UUID?
    @OptionalField(key: "user_email") var userEmail: String?
    @OptionalField(key: "role") var role: String?
    @Field(key: "action") var action: String
    @OptionalField(key: "resource_type") var resourceType: String?
    @OptionalField(key: "resource_id") var resourceID: String?
    @OptionalField(key: "patient_id") var patientID: UUID?
    @OptionalField(key: "ip") var ip: String?
    @OptionalField(key: "user_agent") var userAgent: String?
    @Field(key: "outcome") var outcome: String
    @OptionalField(key: "detail") var detail: String?

    init() {}
}

/// How an audited request ended.
enum AuditOutcome: String, CaseIterable {
    case success, failure, denied
}
