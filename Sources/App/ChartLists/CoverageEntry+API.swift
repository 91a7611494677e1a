import Foundation
import ReliefCore

/// A coverage in the JSON API, with whether its benefits are known for cost estimates.
extension CoverageEntry: ChartEntryAPI {
    static let computedSchema = APISchema.record([("benefitsKnown", .boolean)])
    var computed: [String: JSONValue] { ["benefitsKnown": .bool(benefits != nil)] }
}
