import Fluent
import Foundation
import ReliefCore

// @unchecked Sendable: Fluent models are mutable reference types by design; each lives within one request.

/// One version of a treatment plan (FHIR CarePlan; its goals are Goal resources). `planID` is shared by every
/// version of the plan; `number` counts them from 1.
final class CarePlanRecord: Model, @unchecked Sendable {
    static let schema = "care_plans"

    @ID(key: .id) var id: UUID?
    @Field(key: "patient_id") var patientID: UUID
    @Field(key: "plan_id") var planID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "status") var status: String
    @Field(key: "title") var title: String
    @Field(key: "content") var content: String
    @Field(key: "start_on") var startOn: String
    @OptionalField(key: "review_on") var reviewOn: String?
    @Field(key: "catalogue_version") var catalogueVersion: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "updated_by") var updatedBy: UUID
    @OptionalField(key: "activated_at") var activatedAt: Date?
    @OptionalField(key: "activated_by") var activatedBy: UUID?
    @Field(key: "version") var version: Int

    init() {}

    /// A new draft: the first version of a new plan, or the next version of `planID`.
    init(patientID: UUID, planID: UUID? = nil, number: Int = 1, content: CarePlanContent, by user: UUID, now: Date) throws {
        let id = UUID()
        self.id = id
        self.patientID = patientID
        self.planID = planID ?? id
        self.number = number
        status = PlanStatus.draft.rawValue
        catalogueVersion = InterventionCatalogue.version
        createdAt = now
        createdBy = user
        version = 1
        try set(content, by: user, now: now)
    }

    func set(_ content: CarePlanContent, by user: UUID, now: Date) throws {
        self.content = try JSONCoding.encode(content)
        title = content.title
        startOn = content.startOn.description
        reviewOn = content.reviewOn?.description
        updatedAt = now
        updatedBy = user
    }

    func decoded() throws -> CarePlanContent { try JSONCoding.decode(CarePlanContent.self, content) }
    var planStatus: PlanStatus { PlanStatus(rawValue: status) ?? .draft }
}
