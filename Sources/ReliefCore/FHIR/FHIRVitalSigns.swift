import Foundation

/// A set of vital signs as US Core vital-sign Observations, one per sign, each id the set's with the sign's suffix
/// (`{id}-bp`); and one such Observation read back into a set holding that sign. The day and clock time are kept as
/// the sender wrote them, as other dates are.
public enum FHIRVitalSigns {
    static let category = FHIRToken(FHIR.System.observationCategory, "vital-signs")
    static let millimetresOfMercury = "mm[Hg]"

    public static func id(_ setID: String, _ sign: VitalSign) -> String { "\(setID)-\(sign.rawValue)" }

    public static func records(_ entry: VitalSignsEntry, _ header: FHIRRecordHeader, timeZone: TimeZone) -> [FHIRRecord] {
        let state = header.enteredInError ? "entered-in-error" : "final"
        let effective: (String, FHIRPeriod) = entry.takenAt.map { time in
            (localDateTime(entry.takenOn, time, timeZone), .instant(FHIR.moment(entry.takenOn, time, timeZone)))
        } ?? (entry.takenOn.description, .day(entry.takenOn, in: timeZone))
        return entry.signs.map { sign in
            let signHeader = FHIRRecordHeader(id: id(header.id, sign), patientID: header.patientID, version: header.version, recorded: header.recorded,
                                              updated: header.updated, enteredInError: header.enteredInError)
            let codes = (sign == .oxygenSaturation ? sign.loinc : [sign.loinc[0]]).map { FHIRToken(FHIR.System.loinc, $0) }
            return FHIRRecord(.observation, signHeader, profile: sign.profile, members: [
                ("status", .string(state)),
                ("category", [FHIR.concept([FHIR.coding(category.system!, category.code, "Vital Signs")])]),
                ("code", FHIR.concept(codes.map { FHIR.coding($0.system!, $0.code, sign.title) }, text: sign.title)),
                ("effectiveDateTime", .string(effective.0)),
                ("issued", .string(FHIR.instant(header.recorded))),
                ("valueQuantity", value(entry, sign)),
                ("component", sign == .bloodPressure ? .array([
                    component(VitalSign.systolicLOINC, "Systolic blood pressure", entry.systolic),
                    component(VitalSign.diastolicLOINC, "Diastolic blood pressure", entry.diastolic),
                ]) : nil),
                ("note", entry.note.isEmpty ? nil : [["text": .string(entry.note)]]),
            ], tokens: ["category": [category], "code": codes, "status": [FHIRToken("http://hl7.org/fhir/observation-status", state)]],
               periods: ["date": effective.1])
        }
    }

    private static func value(_ entry: VitalSignsEntry, _ sign: VitalSign) -> JSONValue? {
        let measured: (Double, String, String)? = switch sign {
        case .bloodPressure: nil
        case .heartRate: entry.heartRate.map { (Double($0), "beats/minute", "/min") }
        case .respiratoryRate: entry.respiratoryRate.map { (Double($0), "breaths/minute", "/min") }
        case .temperature: entry.temperature.map { ($0, entry.temperatureUnit.title, entry.temperatureUnit.ucum) }
        case .oxygenSaturation: entry.oxygenSaturation.map { (Double($0), "%", "%") }
        case .height: entry.height.map { ($0, entry.heightUnit.title, entry.heightUnit.ucum) }
        case .weight: entry.weight.map { ($0, entry.weightUnit.title, entry.weightUnit.ucum) }
        case .bmi: entry.bodyMassIndex.map { ($0, "kg/m2", "kg/m2") }
        }
        return measured.map { quantity($0.0, unit: $0.1, code: $0.2) }
    }

    private static func component(_ loinc: String, _ title: String, _ value: Int?) -> JSONValue {
        ["code": FHIR.concept([FHIR.coding(FHIR.System.loinc, loinc, title)], text: title),
         "valueQuantity": value.map { quantity(Double($0), unit: "mmHg", code: millimetresOfMercury) } ?? .null]
    }

    private static func quantity(_ value: Double, unit: String, code: String) -> JSONValue {
        ["value": .number(value), "unit": .string(unit), "system": .string(FHIR.System.ucum), "code": .string(code)]
    }

    /// "2026-12-07T09:30:00-05:00": the practice's clock with its offset that day, so the day reads back the same.
    static func localDateTime(_ date: CalendarDate, _ time: ClockTime, _ timeZone: TimeZone) -> String {
        let offset = timeZone.secondsFromGMT(for: FHIR.moment(date, time, timeZone)) / 60
        let sign = offset < 0 ? "-" : "+"
        return "\(date.description)T\(time.description):00\(sign)\(CalendarDate.padded(abs(offset) / 60, 2)):\(CalendarDate.padded(abs(offset) % 60, 2))"
    }

    // MARK: - Import

    /// The sign a resource's LOINC code names, when it names one.
    public static func sign(_ reader: inout FHIRResourceReader) -> VitalSign? {
        (reader.resource["code"]?.object?["coding"]?.array ?? []).lazy.compactMap { coding -> VitalSign? in
            guard coding.object?["system"]?.string == FHIR.System.loinc, let code = coding.object?["code"]?.string else { return nil }
            return VitalSign.coded(code)
        }.first
    }

    /// A final vital-sign Observation as a set holding its one sign, in the unit sent (UCUM); nil with issues when
    /// a value or its unit cannot be read. A count (a pressure, a rate, a saturation) sent with a fraction is rounded.
    public static func entry(_ sign: VitalSign, _ reader: inout FHIRResourceReader) -> VitalSignsEntry? {
        for name in ["category", "code", "issued", "subject", "encounter", "status"] { _ = reader.element(name) }
        let effective = reader.element("effectiveDateTime") ?? reader.element("effectivePeriod")?.object?["start"]
        guard let day = reader.date(effective, at: "effectiveDateTime") else {
            if effective == nil { reader.issue("effectiveDateTime", "Give the day the measurement was taken.") }
            return nil
        }
        var entry = VitalSignsEntry(takenOn: day, takenAt: effective?.string.flatMap { $0.utf8.count >= 16 ? ClockTime(String($0.dropFirst(11).prefix(5))) : nil })
        entry.note = reader.notes("note").joined(separator: "\n\n")
        if sign == .bloodPressure {
            let components = (reader.element("component")?.array ?? []).compactMap(\.object)
            func part(_ loinc: String, _ name: String) -> Int? {
                let found = components.first { ($0["code"]?.object?["coding"]?.array ?? []).contains { $0.object?["code"]?.string == loinc } }
                return count(found?["valueQuantity"], unit: millimetresOfMercury, at: "component.valueQuantity", name: name, &reader)
            }
            entry.systolic = part(VitalSign.systolicLOINC, "systolic pressure")
            entry.diastolic = part(VitalSign.diastolicLOINC, "diastolic pressure")
        } else {
            let quantity = reader.element("valueQuantity")
            switch sign {
            case .bloodPressure: break
            case .heartRate: entry.heartRate = count(quantity, unit: "/min", at: "valueQuantity", name: "heart rate", &reader)
            case .respiratoryRate: entry.respiratoryRate = count(quantity, unit: "/min", at: "valueQuantity", name: "respiratory rate", &reader)
            case .oxygenSaturation: entry.oxygenSaturation = count(quantity, unit: "%", at: "valueQuantity", name: "oxygen saturation", &reader)
            case .temperature: (entry.temperature, entry.temperatureUnit) = measured(quantity, as: TemperatureUnit.self, &reader) ?? (nil, .fahrenheit)
            case .height: (entry.height, entry.heightUnit) = measured(quantity, as: LengthUnit.self, &reader) ?? (nil, .inches)
            case .weight: (entry.weight, entry.weightUnit) = measured(quantity, as: WeightUnit.self, &reader) ?? (nil, .pounds)
            case .bmi: entry.bmi = number(quantity, units: ["kg/m2"], at: "valueQuantity", &reader)
            }
        }
        reader.unread()
        return reader.errors.isEmpty ? entry : nil
    }

    private static func number(_ quantity: JSONValue?, units: Set<String>, at path: String, _ reader: inout FHIRResourceReader) -> Double? {
        guard let object = quantity?.object, case .number(let value)? = object["value"] else {
            reader.issue(path, "Give the value as a Quantity with a number.")
            return nil
        }
        if let code = object["code"]?.string, !units.contains(code) {
            reader.issue(path, "Relief keeps this in \(units.sorted().joined(separator: " or ")) (UCUM), not \(code).")
            return nil
        }
        return value
    }

    private static func count(_ quantity: JSONValue?, unit: String, at path: String, name: String, _ reader: inout FHIRResourceReader) -> Int? {
        guard let value = number(quantity, units: [unit], at: path, &reader) else { return nil }
        guard let whole = JSONValue.wholeNumber(value.rounded()) else {
            reader.issue(path, "Give the \(name) as a number.")
            return nil
        }
        if Double(whole) != value { reader.warn(path, "A \(name) is a whole number: a fraction was rounded to the nearest.") }
        return Int(whole)
    }

    private static func measured<U: MeasurementUnit>(_ quantity: JSONValue?, as type: U.Type, _ reader: inout FHIRResourceReader) -> (Double, U)? {
        let code = quantity?.object?["code"]?.string ?? ""
        guard let value = number(quantity, units: Set(U.allCases.map(\.ucum)), at: "valueQuantity", &reader), let unit = U.ucum(code) else {
            if quantity?.object?["code"] == nil { reader.issue("valueQuantity.code", "Give the unit as a UCUM code (\(U.allCases.map(\.ucum).joined(separator: ", ")))." ) }
            return nil
        }
        return (value, unit)
    }
}
