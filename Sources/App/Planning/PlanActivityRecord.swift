import Fluent
import Foundation
import ReliefCore

// @unchecked Sendable: Fluent models are mutable reference types by design; each lives within one request.

/// One piece of work recorded under a treatment plan (FHIR Procedure or MedicationStatement `basedOn` the CarePlan),
/// by whoever did it. Kept for every version of the plan.
final class PlanActivityRecord: Model, @unchecked Sendable {
    static let schema = "plan_activities"
    static let recorded = "recorded", enteredInError = "entered-in-error"

    @ID(key: .id) var id: UUID?
    @Field(key: "patient_id") var patientID: UUID
    @Field(key: "plan_id") var planID: UUID
    @Field(key: "intervention") var intervention: String
    @Field(key: "occurred_on") var occurredOn: String
    @Field(key: "content") var content: String
    @Field(key: "status") var status: String
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "version") var version: Int

    init() {}

    init(patientID: UUID, planID: UUID, activity: PlanActivity, by user: UUID, now: Date) throws {
        id = UUID()
        self.patientID = patientID
        self.planID = planID
        intervention = activity.intervention
        occurredOn = activity.occurredOn.description
        content = try JSONCoding.encode(activity)
        status = Self.recorded
        createdAt = now
        createdBy = user
        version = 1
    }

    func decoded() throws -> PlanActivity { try JSONCoding.decode(PlanActivity.self, content) }
    var isInError: Bool { status == Self.enteredInError }
}
