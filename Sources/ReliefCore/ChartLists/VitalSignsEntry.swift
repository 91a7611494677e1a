/// The vital signs a clinic takes, each with the LOINC code and US Core 6.1 profile its FHIR Observation carries.
/// Codes and profiles: FHIR R4 "Vital Signs" (hl7.org/fhir/R4/observation-vitalsigns.html) and US Core 6.1's
/// vital-sign profiles; the first code is the one Relief writes, the others are read on import as the same sign
/// (Synthea writes 55284-4 for blood pressure and 8331-1 for an oral temperature).
public enum VitalSign: String, CaseIterable, Sendable {
    case bloodPressure = "bp", heartRate = "heart-rate", respiratoryRate = "respiratory-rate", temperature
    case oxygenSaturation = "oxygen-saturation", height, weight, bmi

    public var title: String {
        switch self {
        case .bloodPressure: "Blood pressure"
        case .heartRate: "Heart rate"
        case .respiratoryRate: "Respiratory rate"
        case .temperature: "Body temperature"
        case .oxygenSaturation: "Oxygen saturation"
        case .height: "Body height"
        case .weight: "Body weight"
        case .bmi: "Body mass index"
        }
    }

    /// LOINC codes, the one written first.
    public var loinc: [String] {
        switch self {
        case .bloodPressure: ["85354-9", "55284-4"]
        case .heartRate: ["8867-4"]
        case .respiratoryRate: ["9279-1"]
        case .temperature: ["8310-5", "8331-1"]
        // US Core's pulse oximetry carries both codes.
        case .oxygenSaturation: ["59408-5", "2708-6"]
        case .height: ["8302-2"]
        case .weight: ["29463-7"]
        case .bmi: ["39156-5"]
        }
    }

    public var profile: String {
        let name = switch self {
        case .bloodPressure: "blood-pressure"
        case .heartRate: "heart-rate"
        case .respiratoryRate: "respiratory-rate"
        case .temperature: "body-temperature"
        case .oxygenSaturation: "pulse-oximetry"
        case .height: "body-height"
        case .weight: "body-weight"
        case .bmi: "bmi"
        }
        return "http://hl7.org/fhir/us/core/StructureDefinition/us-core-\(name)"
    }

    /// The sign a LOINC code names.
    public static func coded(_ code: String) -> VitalSign? { allCases.first { $0.loinc.contains(code) } }

    /// Blood pressure's parts, as components.
    public static let systolicLOINC = "8480-6", diastolicLOINC = "8462-4"
}

/// A unit a measurement may be typed in: its UCUM code, and the range a value in it can take — what a person can
/// measure, to catch a slip of the keyboard, not a clinical limit.
public protocol MeasurementUnit: Coded, Codable {
    var ucum: String { get }
    var plausible: ClosedRange<Double> { get }
}

public enum TemperatureUnit: String, MeasurementUnit {
    case fahrenheit = "F", celsius = "C"

    public var title: String { self == .fahrenheit ? "°F" : "°C" }
    public var ucum: String { self == .fahrenheit ? "[degF]" : "Cel" }
    public var plausible: ClosedRange<Double> { self == .fahrenheit ? 86...113 : 30...45 }
}

public enum LengthUnit: String, MeasurementUnit {
    case inches = "in", centimetres = "cm"

    public var title: String { rawValue }
    public var ucum: String { self == .inches ? "[in_i]" : "cm" }
    public var plausible: ClosedRange<Double> { self == .inches ? 12...100 : 30...250 }
    public var metres: Double { self == .inches ? 0.0254 : 0.01 }
}

public enum WeightUnit: String, MeasurementUnit {
    case pounds = "lb", kilograms = "kg"

    public var title: String { rawValue }
    public var ucum: String { self == .pounds ? "[lb_av]" : "kg" }
    public var plausible: ClosedRange<Double> { self == .pounds ? 2...900 : 1...400 }
    /// The avoirdupois pound is 0.45359237 kg exactly (the international yard and pound agreement of 1959).
    public var kilograms: Double { self == .pounds ? 0.45359237 : 1 }
}

extension MeasurementUnit {
    /// The unit a UCUM code names.
    public static func ucum(_ code: String) -> Self? { allCases.first { $0.ucum == code } }
}

/// The vital signs taken at one time: any of them, at least one. Each becomes its own FHIR Observation; the body
/// mass index is worked out from the height and weight when it is not given.
public struct VitalSignsEntry: ChartEntryContent, SourceCoded, DatedEntry {
    public static let kind = ChartEntryKind.vitalSigns

    public var takenOn: CalendarDate
    /// On the practice's clock, when known.
    public var takenAt: ClockTime?
    public var systolic: Int?
    public var diastolic: Int?
    /// Beats per minute.
    public var heartRate: Int?
    /// Breaths per minute.
    public var respiratoryRate: Int?
    public var temperature: Double?
    public var temperatureUnit: TemperatureUnit
    /// Per cent, by pulse oximetry.
    public var oxygenSaturation: Int?
    public var height: Double?
    public var heightUnit: LengthUnit
    public var weight: Double?
    public var weightUnit: WeightUnit
    /// As given (typed, or imported); otherwise `bodyMassIndex` works it out.
    public var bmi: Double?
    public var note: String
    /// Vital signs carry only LOINC codes; nothing else is kept.
    public var sourceCodings: [SourceCoding]?

    public init(takenOn: CalendarDate, takenAt: ClockTime? = nil, temperatureUnit: TemperatureUnit = .fahrenheit, heightUnit: LengthUnit = .inches,
                weightUnit: WeightUnit = .pounds, note: String = "") {
        self.takenOn = takenOn
        self.takenAt = takenAt
        self.temperatureUnit = temperatureUnit
        self.heightUnit = heightUnit
        self.weightUnit = weightUnit
        self.note = note
    }

    public var code: String { "vital-signs" }
    public var status: String { "final" }
    /// A history: every set stays on the list.
    public var isCurrent: Bool { true }
    public var occurred: (day: CalendarDate, minute: Int) { (takenOn, takenAt?.minutes ?? -1) }

    /// Weight in kilograms over the square of height in metres, to one decimal, when both were taken.
    public var bodyMassIndex: Double? {
        if let bmi { return bmi }
        guard let height, let weight, height > 0 else { return nil }
        let metres = height * heightUnit.metres
        return ((weight * weightUnit.kilograms / (metres * metres)) * 10).rounded() / 10
    }

    /// The signs this set holds.
    public var signs: [VitalSign] {
        VitalSign.allCases.filter { sign in
            switch sign {
            case .bloodPressure: systolic != nil && diastolic != nil
            case .heartRate: heartRate != nil
            case .respiratoryRate: respiratoryRate != nil
            case .temperature: temperature != nil
            case .oxygenSaturation: oxygenSaturation != nil
            case .height: height != nil
            case .weight: weight != nil
            case .bmi: bodyMassIndex != nil
            }
        }
    }

    /// The signs taken or given, without a body mass index worked out here.
    private var givenSigns: [VitalSign] { signs.filter { $0 != .bmi || bmi != nil } }

    /// How a sign reads in a list: "128/82 mmHg", "98.6 °F".
    public func reading(_ sign: VitalSign) -> String? {
        switch sign {
        case .bloodPressure: systolic.flatMap { s in diastolic.map { "\(s)/\($0) mmHg" } }
        case .heartRate: heartRate.map { "\($0) /min" }
        case .respiratoryRate: respiratoryRate.map { "\($0) /min" }
        case .temperature: temperature.map { "\(Figures.text($0)) \(temperatureUnit.title)" }
        case .oxygenSaturation: oxygenSaturation.map { "\($0)%" }
        case .height: height.map { "\(Figures.text($0)) \(heightUnit.title)" }
        case .weight: weight.map { "\(Figures.text($0)) \(weightUnit.title)" }
        case .bmi: bodyMassIndex.map { "\(Figures.text($0)) kg/m²" }
        }
    }

    /// "Vital signs 12/07/2026: blood pressure 128/82 mmHg, heart rate 72 /min".
    public var label: String {
        "Vital signs \(takenOn.display): " + signs.compactMap { sign in reading(sign).map { "\(sign.title.lowercased()) \($0)" } }.joined(separator: ", ")
    }

    public static let fieldOrder = ["takenOn", "takenAt", "systolic", "diastolic", "heartRate", "respiratoryRate", "temperature", "temperatureUnit",
                                    "oxygenSaturation", "height", "heightUnit", "weight", "weightUnit", "bmi", "note"]

    public static func parse(_ fields: FormFields, today: CalendarDate) -> (entry: VitalSignsEntry?, problems: [String: String]) {
        var reader = FormReader(fields, today: today)
        var entry = VitalSignsEntry(takenOn: reader.date("takenOn", what: "The day they were taken", required: true) ?? today)
        if !fields["takenAt"].isEmpty {
            entry.takenAt = ClockTime(fields["takenAt"]).flatMap { $0.minutes < 1440 ? $0 : nil }
            if entry.takenAt == nil { reader.problem("takenAt", "Enter the time as 9:30 AM or 14:15.") }
        }
        entry.systolic = reader.integer("systolic", in: 40...300)
        entry.diastolic = reader.integer("diastolic", in: 20...200)
        switch (entry.systolic, entry.diastolic) {
        case (nil, .some) where fields["systolic"].isEmpty: reader.problem("systolic", "Enter the systolic pressure too, or clear the diastolic.")
        case (.some, nil) where fields["diastolic"].isEmpty: reader.problem("diastolic", "Enter the diastolic pressure too, or clear the systolic.")
        case (.some(let systolic), .some(let diastolic)) where diastolic >= systolic:
            reader.problem("diastolic", "The diastolic pressure is the lower number; check the two.")
        default: break
        }
        entry.heartRate = reader.integer("heartRate", in: 20...250)
        entry.respiratoryRate = reader.integer("respiratoryRate", in: 4...60)
        entry.oxygenSaturation = reader.integer("oxygenSaturation", in: 50...100)
        (entry.temperature, entry.temperatureUnit) = measured("temperature", in: &reader, default: .fahrenheit)
        (entry.height, entry.heightUnit) = measured("height", in: &reader, default: .inches)
        (entry.weight, entry.weightUnit) = measured("weight", in: &reader, default: .pounds)
        entry.bmi = reader.decimal("bmi", in: 8...100)
        entry.note = reader.text("note", limit: 500, multiline: true)
        if reader.problems.isEmpty, entry.signs.isEmpty { reader.problem("systolic", "Enter at least one measurement.") }
        return reader.problems.isEmpty ? (entry, [:]) : (nil, reader.problems)
    }

    /// A value and its unit (`{name}Unit`), the value checked against what the unit can measure.
    private static func measured<U: MeasurementUnit>(_ name: String, in reader: inout FormReader, default fallback: U) -> (Double?, U) {
        let unit = reader.one(name + "Unit", U.self) ?? fallback
        return (reader.decimal(name, in: unit.plausible), unit)
    }

    public var fields: FormFields {
        var fields = FormFields()
        fields.set([
            ("takenOn", takenOn.display), ("takenAt", takenAt?.description), ("systolic", systolic.map(String.init)),
            ("diastolic", diastolic.map(String.init)), ("heartRate", heartRate.map(String.init)), ("respiratoryRate", respiratoryRate.map(String.init)),
            ("temperature", temperature.map(Figures.text)), ("temperatureUnit", temperatureUnit.rawValue),
            ("oxygenSaturation", oxygenSaturation.map(String.init)), ("height", height.map(Figures.text)), ("heightUnit", heightUnit.rawValue),
            ("weight", weight.map(Figures.text)), ("weightUnit", weightUnit.rawValue), ("bmi", bmi.map(Figures.text)), ("note", note),
        ])
        return fields
    }

    /// This set with `other`'s signs added, when they were taken at the same time and none is in both: an import
    /// sends each sign as its own Observation, and a clinic reads them as one set.
    public func adding(_ other: VitalSignsEntry) -> VitalSignsEntry? {
        guard other.takenOn == takenOn, other.takenAt == takenAt, Set(other.givenSigns).isDisjoint(with: givenSigns) else { return nil }
        var merged = self
        merged.systolic = systolic ?? other.systolic
        merged.diastolic = diastolic ?? other.diastolic
        merged.heartRate = heartRate ?? other.heartRate
        merged.respiratoryRate = respiratoryRate ?? other.respiratoryRate
        merged.oxygenSaturation = oxygenSaturation ?? other.oxygenSaturation
        if temperature == nil, let value = other.temperature { (merged.temperature, merged.temperatureUnit) = (value, other.temperatureUnit) }
        if height == nil, let value = other.height { (merged.height, merged.heightUnit) = (value, other.heightUnit) }
        if weight == nil, let value = other.weight { (merged.weight, merged.weightUnit) = (value, other.weightUnit) }
        merged.bmi = bmi ?? other.bmi
        if merged.note.isEmpty { merged.note = other.note }
        return merged
    }
}
