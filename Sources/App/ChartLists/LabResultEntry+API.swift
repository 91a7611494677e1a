import Foundation
import ReliefCore

/// A laboratory result in the JSON API, with its value as read.
extension LabResultEntry: ChartEntryAPI {
    static let computedSchema = APISchema.record([("value", .text)])
    var computed: [String: JSONValue] { ["value": .string(value)] }
}
