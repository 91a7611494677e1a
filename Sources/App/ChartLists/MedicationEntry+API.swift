import Foundation
import ReliefCore

/// A medication in the JSON API: its MME with the arithmetic and source, and the list's total and alerts.
extension MedicationEntry: ChartEntryAPI {
    static let computedSchema = APISchema.record([
        ("drugClasses", .array(.text)), ("dailyMME", .nullable(.number)),
        ("mme", .string(choices: ["not-an-opioid", "computed", "not-computable"])), ("mmeExplanation", .nullable(.text)),
        ("mmeSource", .nullable(.ref("Source"))),
    ])

    var computed: [String: JSONValue] {
        let classes = (drug?.classes ?? []).map(\.rawValue).sorted().map(JSONValue.string)
        let (state, explanation, source): (String, String?, ClinicalSource?) = switch dailyMME {
        case .notAnOpioid: ("not-an-opioid", nil, nil)
        case .value(_, let explanation, let source): ("computed", explanation, source)
        case .notComputable(let reason): ("not-computable", reason, nil)
        }
        return ["drugClasses": .array(classes), "dailyMME": dailyMME.amount.map(JSONValue.number) ?? .null, "mme": .string(state),
                "mmeExplanation": explanation.map(JSONValue.string) ?? .null, "mmeSource": source?.json ?? .null]
    }

    static let summarySchema = APISchema.record([("totalDailyMME", .number), ("totalIncomplete", .boolean), ("alerts", .array(.ref("MedicationAlert")))])

    static let alertSchema = APISchema.record([
        ("kind", .string(choices: ["mme-threshold", "opioid-benzodiazepine", "incomplete-total"])), ("message", .text),
        ("source", .nullable(.ref("Source"))),
    ])

    static func summary(_ current: [MedicationEntry], rules: PracticeRules) -> [String: JSONValue] {
        let opioids = OpioidSummary(current, rules: rules)
        return ["totalDailyMME": .number(opioids.total), "totalIncomplete": .bool(opioids.isIncomplete), "alerts": .array(alerts(opioids))]
    }

    static func alerts(_ opioids: OpioidSummary) -> [JSONValue] {
        opioids.alerts.map { alert in
            .object(["kind": .string(alert.kind), "message": .string(alert.message), "source": alert.source?.json ?? .null])
        }
    }
}

extension OpioidSummary.Alert {
    var kind: String {
        switch self {
        case .atOrAboveReassessThreshold: "mme-threshold"
        case .opioidWithBenzodiazepine: "opioid-benzodiazepine"
        case .incompleteTotal: "incomplete-total"
        }
    }
}
