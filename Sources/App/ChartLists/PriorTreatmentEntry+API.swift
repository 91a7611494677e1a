import Foundation
import ReliefCore

/// A prior treatment in the JSON API, with the list's conservative care tried and failed.
extension PriorTreatmentEntry: ChartEntryAPI {
    static let computedSchema = APISchema.record([])
    var computed: [String: JSONValue] { [:] }

    /// The conservative care tried and failed, which payers ask about.
    static let summarySchema = APISchema.record([("failedConservativeCareWeeks", .integer), ("failedConservativeCareKinds", .array(.text))])

    static func summary(_ current: [PriorTreatmentEntry], rules: PracticeRules) -> [String: JSONValue] {
        let care = ConservativeCare(current)
        return ["failedConservativeCareWeeks": .number(Double(care.failedWeeks)),
                "failedConservativeCareKinds": .array(care.kinds.map { .string($0.rawValue) })]
    }
}
