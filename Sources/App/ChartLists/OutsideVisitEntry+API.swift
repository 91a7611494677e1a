import Foundation
import ReliefCore

/// A visit elsewhere in the JSON API: its fields only.
extension OutsideVisitEntry: ChartEntryAPI {
    static let computedSchema = APISchema.record([])
    var computed: [String: JSONValue] { [:] }
}
