import Fluent
import Foundation
import ReliefCore

// @unchecked Sendable: Fluent models are mutable reference types by design; each lives within one request.

/// A complication of a signed procedure (FHIR AdverseEvent); `content` is `Complication` as JSON.
final class ComplicationRecord: Model, @unchecked Sendable {
    static let schema = "complications"

    @ID(key: .id) var id: UUID?
    @Field(key: "procedure_id") var procedureID: UUID
    @Field(key: "patient_id") var patientID: UUID
    @Field(key: "intervention") var intervention: String
    @Field(key: "kind") var kind: String
    @Field(key: "severity") var severity: String
    @Field(key: "outcome") var outcome: String
    @Field(key: "onset_on") var onsetOn: String
    @Field(key: "content") var content: String
    @Field(key: "recorded_at") var recordedAt: Date
    @Field(key: "recorded_by") var recordedBy: UUID
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "updated_by") var updatedBy: UUID
    @Field(key: "version") var version: Int

    init() {}

    init(procedureID: UUID, patientID: UUID, intervention: String, _ complication: Complication, by user: UUID, now: Date) throws {
        id = UUID()
        self.procedureID = procedureID
        self.patientID = patientID
        self.intervention = intervention
        recordedAt = now
        recordedBy = user
        version = 1
        try apply(complication, by: user, now: now)
    }

    func apply(_ complication: Complication, by user: UUID, now: Date) throws {
        kind = complication.kind.rawValue
        severity = complication.severity.rawValue
        outcome = complication.outcome.rawValue
        onsetOn = complication.onsetOn.description
        content = try JSONCoding.encode(complication)
        updatedAt = now
        updatedBy = user
    }

    var decoded: Complication? { try? JSONCoding.decode(Complication.self, content) }

    /// "Post-dural-puncture headache from 11/03/2026, moderate: resolved on 11/07/2026"
    var summary: String {
        guard let complication = decoded else { return kind }
        return "\(complication.kind.title) from \(complication.onsetOn.display), \(complication.severity.rawValue): "
            + complication.outcome.title.lowercased() + (complication.resolvedOn.map { " on \($0.display)" } ?? "")
    }
}
