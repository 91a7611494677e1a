import Foundation

/// Insurance as a US Core Coverage: the payer (by name: Relief keeps no payer directory), the kind of insurance, the
/// member and group numbers and plan, the subscriber and the patient's relation to them, the period, the order
/// (primary, secondary …) and the status. Self-pay is FHIR's "pay" coverage type.
public enum FHIRCoverage {
    public static func record(_ entry: CoverageEntry, _ header: FHIRRecordHeader, timeZone: TimeZone) -> FHIRRecord {
        let status = header.enteredInError ? "entered-in-error" : entry.coverageStatus.rawValue
        let type = FHIRToken(entry.payerKind == .selfPay ? "http://terminology.hl7.org/CodeSystem/coverage-selfpay" : FHIR.System.payerKind,
                             entry.payerKind == .selfPay ? "pay" : entry.payerKind.rawValue)
        let classes: [JSONValue] = [("group", entry.groupID), ("plan", entry.plan)].filter { !$0.1.isEmpty }.map { kind, value in
            ["type": FHIR.concept([FHIR.coding("http://terminology.hl7.org/CodeSystem/coverage-class", kind)]), "value": .string(value)]
        }
        return FHIRRecord(.coverage, header, members: [
            ("status", .string(status)),
            ("identifier", entry.memberID.isEmpty ? nil : [["type": FHIR.concept([FHIR.coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MB", "Member Number")]),
                                                             "value": .string(entry.memberID)]]),
            ("type", FHIR.concept([FHIR.coding(type.system!, type.code, entry.payerKind.title)], text: entry.payerKind.title)),
            ("subscriber", entry.subscriber.isEmpty ? nil : ["display": .string(entry.subscriber)]),
            ("subscriberId", entry.memberID.isEmpty ? nil : .string(entry.memberID)),
            ("relationship", FHIR.concept([FHIR.coding("http://terminology.hl7.org/CodeSystem/subscriber-relationship", entry.relationship.rawValue)],
                                          text: entry.relationship.title)),
            ("period", FHIR.object([("start", FHIR.date(entry.startOn)), ("end", FHIR.date(entry.endOn))])),
            ("payor", [entry.payerKind == .selfPay ? header.patientID.map { FHIR.reference(patient: $0) } ?? ["display": "The patient"] : ["display": .string(entry.payer)]]),
            ("class", .array(classes)),
            ("order", .number(Double(entry.priority.order))),
        ], tokens: ["status": [FHIRToken("http://hl7.org/fhir/fm-status", status)], "type": [type]])
    }
}

extension CoveragePriority {
    var order: Int {
        switch self {
        case .primary: 1
        case .secondary: 2
        case .tertiary: 3
        }
    }
}
