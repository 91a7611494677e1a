import Foundation
import ReliefCore

/// A diagnosis in the JSON API: its ICD-10-CM code and the code's source.
extension DiagnosisEntry: ChartEntryAPI {
    static let computedSchema = APISchema.record([
        ("icd10", .nullable(.text)), ("uncoded", .boolean), ("codeSource", .nullable(.ref("Source"))),
    ])

    var computed: [String: JSONValue] {
        ["icd10": conditionCode.map(JSONValue.string) ?? .null, "uncoded": .bool(conditionCode == nil),
         "codeSource": condition?.source.json ?? .null]
    }
}
