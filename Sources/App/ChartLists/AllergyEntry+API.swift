import Foundation
import ReliefCore

/// An allergy in the JSON API: nothing computed beyond its fields.
extension AllergyEntry: ChartEntryAPI {
    static let computedSchema = APISchema.record([])
    var computed: [String: JSONValue] { [:] }
}
