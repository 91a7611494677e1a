import Foundation
import ReliefCore

/// A procedure done elsewhere in the JSON API, with the catalogue entry's name and kind.
extension PriorProcedureEntry: ChartEntryAPI {
    static let computedSchema = APISchema.record([("interventionName", .text), ("category", .string(choices: InterventionCategory.allCases.map(\.rawValue)))])

    var computed: [String: JSONValue] {
        let entry = InterventionCatalogue.intervention(intervention)
        return ["interventionName": .string(entry?.name ?? intervention), "category": .string(entry?.category.rawValue ?? "")]
    }
}
