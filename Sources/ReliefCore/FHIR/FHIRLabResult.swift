import Foundation

/// A laboratory value as a US Core Laboratory Result Observation, and one read back: the test by LOINC (with the
/// sender's other codes), the value as a Quantity in the unit given or as a string, the flag as FHIR's
/// interpretation, the reference range as printed.
public enum FHIRLabResult {
    public static let profile = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-observation-lab"
    static let category = FHIRToken(FHIR.System.observationCategory, "laboratory")
    static let interpretationSystem = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"

    public static func record(_ entry: LabResultEntry, _ header: FHIRRecordHeader, timeZone: TimeZone) -> FHIRRecord {
        let state = header.enteredInError ? "entered-in-error" : "final"
        let codes = (entry.loinc.map { [FHIRToken(FHIR.System.loinc, $0)] } ?? []) + FHIR.tokens(entry.sourceCodings)
        let codings = (entry.loinc.map { [FHIR.coding(FHIR.System.loinc, $0, entry.test)] } ?? []) + FHIR.codings(entry.sourceCodings)
        return FHIRRecord(.observation, header, profile: profile, members: [
            ("status", .string(state)),
            ("category", [FHIR.concept([FHIR.coding(category.system!, category.code, "Laboratory")])]),
            ("code", FHIR.concept(codings, text: entry.test)),
            ("effectiveDateTime", .string(entry.resultedOn.description)),
            ("issued", .string(FHIR.instant(header.recorded))),
            ("valueQuantity", entry.number.map { number in
                FHIR.object([("value", .number(number)), ("unit", entry.unit.isEmpty ? nil : .string(entry.unit)),
                             ("system", entry.unit.isEmpty ? nil : .string(FHIR.System.ucum)), ("code", entry.unit.isEmpty ? nil : .string(entry.unit))])
            }),
            ("valueString", entry.number == nil && !entry.text.isEmpty ? .string(entry.text) : nil),
            ("interpretation", entry.flag.map { [FHIR.concept([FHIR.coding(interpretationSystem, $0.code, $0.title)])] }),
            ("referenceRange", entry.referenceRange.isEmpty ? nil : [["text": .string(entry.referenceRange)]]),
            ("note", entry.note.isEmpty ? nil : [["text": .string(entry.note)]]),
        ], tokens: ["category": [category], "code": codes, "status": [FHIRToken("http://hl7.org/fhir/observation-status", state)]],
           periods: ["date": .day(entry.resultedOn, in: timeZone)])
    }

    /// Whether a resource is a laboratory result (its category says so).
    public static func isLaboratory(_ reader: FHIRResourceReader) -> Bool {
        (reader.resource["category"]?.array ?? []).contains { category in
            (category.object?["coding"]?.array ?? []).contains { $0.object?["code"]?.string == "laboratory" }
        }
    }

    /// A final laboratory Observation as an entry: the value as a number (a Quantity or an integer) or in words (a
    /// string, or a coded value by its words); nil with issues when it has no value Relief can keep.
    public static func entry(_ reader: inout FHIRResourceReader) -> LabResultEntry? {
        for name in ["category", "issued", "subject", "encounter", "status"] { _ = reader.element(name) }
        let code = reader.concept("code")
        let effective = reader.element("effectiveDateTime") ?? reader.element("effectivePeriod")?.object?["start"] ?? reader.element("issued")
        guard let day = reader.date(effective, at: "effectiveDateTime") else {
            if effective == nil { reader.issue("effectiveDateTime", "Give the day of the result.") }
            return nil
        }
        guard let test = code?.label ?? code?.codings.lazy.compactMap(\.code).first else {
            reader.issue("code", "Say what the test was.")
            return nil
        }
        var entry = LabResultEntry(test: test, loinc: code?.code(in: FHIR.System.loinc), resultedOn: day)
        entry.sourceCodings = code?.sourceCodings(besides: [FHIR.System.loinc])
        if let quantity = reader.element("valueQuantity")?.object {
            guard case .number(let number)? = quantity["value"] else {
                reader.issue("valueQuantity.value", "Give the value as a number.")
                return nil
            }
            entry.number = number
            entry.unit = quantity["code"]?.string ?? quantity["unit"]?.string ?? ""
        } else if case .number(let number)? = reader.element("valueInteger") {
            entry.number = number
        } else if let text = reader.element("valueString")?.string ?? reader.concept("valueCodeableConcept")?.label {
            entry.text = text
        } else {
            reader.issue("value[x]", "Relief keeps a laboratory value as a number or in words; this one has neither.")
            return nil
        }
        let interpretation = (reader.element("interpretation")?.array ?? []).first.flatMap { reader.concept($0, at: "interpretation") }
        entry.flag = interpretation?.code(in: interpretationSystem).flatMap(LabFlag.coded)
        entry.referenceRange = (reader.element("referenceRange")?.array ?? []).first.map(range) ?? ""
        entry.note = reader.notes("note").joined(separator: "\n\n")
        reader.unread()
        return reader.errors.isEmpty ? entry : nil
    }

    /// A reference range as printed: its text, else "low–high unit".
    private static func range(_ value: JSONValue) -> String {
        let object = value.object ?? [:]
        if let text = object["text"]?.string { return text }
        func number(_ name: String) -> String? {
            guard case .number(let number)? = object[name]?.object?["value"] else { return nil }
            return Figures.text(number)
        }
        let unit = object["low"]?.object?["unit"]?.string ?? object["high"]?.object?["unit"]?.string
        let span = switch (number("low"), number("high")) {
        case (let low?, let high?): "\(low)–\(high)"
        case (let low?, nil): "≥ \(low)"
        case (nil, let high?): "≤ \(high)"
        case (nil, nil): ""
        }
        return span.isEmpty ? "" : [span, unit].compactMap { $0 }.joined(separator: " ")
    }
}
