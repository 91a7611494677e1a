import Fluent
import Foundation
import ReliefCore

// @unchecked Sendable: Fluent models are mutable reference types by design; each lives within one request.

/// A contact with the patient: a visit, a procedure day, a call.
final class Encounter: Model, @unchecked Sendable {
    static let schema = "encounters"

    @ID(key: .id) var id: UUID?
    @Field(key: "patient_id") var patientID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "status") var status: String
    @Field(key: "occurred_on") var occurredOn: String
    @OptionalField(key: "clinician_id") var clinicianID: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "version") var version: Int
    @OptionalField(key: "deleted_at") var deletedAt: Date?

    init() {}

    init(patientID: UUID, kind: EncounterKind, status: EncounterStatus, on day: CalendarDate, by user: UUID, now: Date) {
        id = UUID()
        self.patientID = patientID
        self.kind = kind.rawValue
        self.status = status.rawValue
        occurredOn = day.description
        clinicianID = user
        createdAt = now
        updatedAt = now
        createdBy = user
        version = 1
    }
}

/// The first-visit evaluation note of an encounter; `content` is `EvaluationContent` as JSON.
final class Evaluation: Model, @unchecked Sendable {
    static let schema = "evaluations"

    @ID(key: .id) var id: UUID?
    @Field(key: "encounter_id") var encounterID: UUID
    @Field(key: "patient_id") var patientID: UUID
    @Field(key: "content") var content: String
    @OptionalField(key: "signed_at") var signedAt: Date?
    @OptionalField(key: "signed_by") var signedBy: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "version") var version: Int
    @OptionalField(key: "deleted_at") var deletedAt: Date?

    init() {}

    init(encounter: Encounter, content: EvaluationContent, by user: UUID, now: Date) throws {
        id = UUID()
        encounterID = try encounter.requireID()
        patientID = encounter.patientID
        self.content = try Self.encode(content)
        createdAt = now
        updatedAt = now
        createdBy = user
        version = 1
    }

    var isSigned: Bool { signedAt != nil }

    func decoded() throws -> EvaluationContent { try JSONCoding.decode(EvaluationContent.self, content) }

    static func encode(_ content: EvaluationContent) throws -> String { try JSONCoding.encode(content) }
}

/// A dated correction or addition to a signed document. Append-only (database triggers refuse changes).
final class Addendum: Model, @unchecked Sendable {
    static let schema = "addenda"

    @ID(key: .id) var id: UUID?
    @Field(key: "patient_id") var patientID: UUID
    @Field(key: "document_type") var documentType: String
    @Field(key: "document_id") var documentID: UUID
    @Field(key: "text") var text: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by") var createdBy: UUID

    init() {}

    init(patientID: UUID, documentType: String, documentID: UUID, text: String, by user: UUID, now: Date) {
        id = UUID()
        self.patientID = patientID
        self.documentType = documentType
        self.documentID = documentID
        self.text = text
        createdAt = now
        createdBy = user
    }
}

/// Something on the chart that must not be missed until a physician resolves it with a reason.
final class ChartAlert: Model, @unchecked Sendable {
    static let schema = "chart_alerts"

    @ID(key: .id) var id: UUID?
    @Field(key: "patient_id") var patientID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "code") var code: String
    @Field(key: "message") var message: String
    @Field(key: "source_type") var sourceType: String
    @Field(key: "source_id") var sourceID: UUID
    @Field(key: "raised_at") var raisedAt: Date
    @OptionalField(key: "raised_by") var raisedBy: UUID?
    @OptionalField(key: "resolved_at") var resolvedAt: Date?
    @OptionalField(key: "resolved_by") var resolvedBy: UUID?
    @OptionalField(key: "resolution") var resolution: String?
    @Field(key: "version") var version: Int

    init() {}

    init(patientID: UUID, kind: String, code: String, message: String, sourceType: String, sourceID: UUID, by user: UUID?, now: Date) {
        id = UUID()
        self.patientID = patientID
        self.kind = kind
        self.code = code
        self.message = message
        self.sourceType = sourceType
        self.sourceID = sourceID
        raisedAt = now
        raisedBy = user
        version = 1
    }
}
