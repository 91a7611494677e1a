import Fluent
import Foundation

/// A saved version of a record, as JSON: the history behind "what changed" on a conflict, never overwritten.
final class RecordRevision: Model, @unchecked Sendable {  // @unchecked: Fluent models are mutable reference types by design
    static let schema = "record_revisions"

    @ID(key: .id) var id: UUID?
    @Field(key: "resource_type") var resourceType: String
    @Field(key: "resource_id") var resourceID: UUID
    @Field(key: "version") var version: Int
    @Field(key: "data") var data: String
    @OptionalField(key: "changed_by") var changedBy: UUID?
    @Field(key: "changed_at") var changedAt: Date

    init() {}

    init(resourceType: String, resourceID: UUID, version: Int, data: String, changedBy: UUID?, changedAt: Date) {
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.version = version
        self.data = data
        self.changedBy = changedBy
        self.changedAt = changedAt
    }
}
