import Foundation
import ReliefCore

/// A prior authorisation in the JSON API.
extension PriorAuthorizationEntry: ChartEntryAPI {
    static let computedSchema = APISchema.record([])
    var computed: [String: JSONValue] { [:] }
}
