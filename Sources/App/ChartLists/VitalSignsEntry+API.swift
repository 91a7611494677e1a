import Foundation
import ReliefCore

/// A set of vital signs in the JSON API, with the body mass index it works out.
extension VitalSignsEntry: ChartEntryAPI {
    static let computedSchema = APISchema.record([("bodyMassIndex", .nullable(.number))])
    var computed: [String: JSONValue] { ["bodyMassIndex": bodyMassIndex.map(JSONValue.number) ?? .null] }
}
