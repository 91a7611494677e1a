import Fluent
import Foundation
import ReliefCore

// @unchecked Sendable: Fluent models are mutable reference types by design; each lives within one request.

/// One follow-up of a signed procedure (FHIR Task; its answers a QuestionnaireResponse): due on a day, then done with
/// its answers, lost after unreached calls, or cancelled with a reason.
final class FollowUpRecord: Model, @unchecked Sendable {
    static let schema = "follow_ups"

    @ID(key: .id) var id: UUID?
    @Field(key: "procedure_id") var procedureID: UUID
    @Field(key: "patient_id") var patientID: UUID
    @Field(key: "intervention") var intervention: String
    @Field(key: "region") var region: String
    @Field(key: "performed_on") var performedOn: String
    @Field(key: "days_after") var daysAfter: Int
    @Field(key: "due_on") var dueOn: String
    @Field(key: "status") var status: String
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "answers") var answers: String?
    @OptionalField(key: "relief_percent") var reliefPercent: Int?
    @OptionalField(key: "pain_now") var painNow: Int?
    @OptionalField(key: "peg") var peg: Double?
    @OptionalField(key: "mme") var mme: Double?
    @OptionalField(key: "completed_on") var completedOn: String?
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "updated_by") var updatedBy: UUID?
    @Field(key: "version") var version: Int

    init() {}

    init(procedureID: UUID, patientID: UUID, site: InterventionSite, performedOn: CalendarDate, daysAfter: Int, by user: UUID, now: Date) {
        id = UUID()
        self.procedureID = procedureID
        self.patientID = patientID
        intervention = site.intervention.id
        region = site.region.rawValue
        self.performedOn = performedOn.description
        self.daysAfter = daysAfter
        dueOn = performedOn.adding(days: daysAfter).description
        status = FollowUpStatus.due.rawValue
        attempts = 0
        updatedAt = now
        updatedBy = user
        version = 1
    }

    var followUpStatus: FollowUpStatus { FollowUpStatus(rawValue: status) ?? .due }
    var due: CalendarDate? { CalendarDate(dueOn) }
    var performed: CalendarDate? { CalendarDate(performedOn) }
    var bodyArea: BodyArea { BodyArea(rawValue: region) ?? .lumbar }
    var decodedAnswers: FollowUpAnswers? { answers.flatMap { try? JSONCoding.decode(FollowUpAnswers.self, $0) } }

    /// "Lumbar transforaminal epidural steroid injection of 10/01/2026"
    var procedureLabel: String {
        "\(InterventionCatalogue.intervention(intervention)?.name ?? intervention) of \(performed?.display ?? performedOn)"
    }

    /// "6 weeks after"
    var whenLabel: String { "\(FollowUpSchedule.describe([daysAfter])) after" }
}

/// An unreached call about a follow-up, kept as recorded.
final class FollowUpAttempt: Model, @unchecked Sendable {
    static let schema = "follow_up_attempts"

    @ID(key: .id) var id: UUID?
    @Field(key: "follow_up_id") var followUpID: UUID
    @Field(key: "patient_id") var patientID: UUID
    @Field(key: "outcome") var outcome: String
    @Field(key: "note") var note: String
    @Field(key: "attempted_at") var attemptedAt: Date
    @Field(key: "attempted_by") var attemptedBy: UUID

    init() {}

    init(followUp: FollowUpRecord, outcome: FollowUpAttemptOutcome, note: String, by user: UUID, now: Date) throws {
        id = UUID()
        followUpID = try followUp.requireID()
        patientID = followUp.patientID
        self.outcome = outcome.rawValue
        self.note = note
        attemptedAt = now
        attemptedBy = user
    }
}
