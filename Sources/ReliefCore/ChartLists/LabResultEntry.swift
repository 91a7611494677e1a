/// How a laboratory value compares with its reference range, as FHIR's observation interpretation (HL7 v3
/// ObservationInterpretation) codes it.
public enum LabFlag: String, Coded, Codable {
    case normal, low, high, abnormal, criticalLow = "critical-low", criticalHigh = "critical-high"

    public var title: String {
        switch self {
        case .normal: "Normal"
        case .low: "Low"
        case .high: "High"
        case .abnormal: "Abnormal"
        case .criticalLow: "Critically low"
        case .criticalHigh: "Critically high"
        }
    }

    /// The v3 ObservationInterpretation code.
    public var code: String {
        switch self {
        case .normal: "N"
        case .low: "L"
        case .high: "H"
        case .abnormal: "A"
        case .criticalLow: "LL"
        case .criticalHigh: "HH"
        }
    }

    public static func coded(_ code: String) -> LabFlag? { allCases.first { $0.code == code } }
}

/// A laboratory value from another laboratory or system: the test (by name, with its LOINC code when known), the value
/// as a number with its unit or as words, the reference range as printed, the flag and the day. The practice's own
/// orders keep their reports in the work-up; these are the values that arrive from elsewhere, such as an INR or a
/// platelet count before a procedure, or HbA1c before a steroid.
public struct LabResultEntry: ChartEntryContent, SourceCoded, DatedEntry {
    public static let kind = ChartEntryKind.labResult

    public var test: String
    /// The LOINC code, when known.
    public var loinc: String?
    public var number: Double?
    /// UCUM or as printed ("mg/dL", "10*3/uL").
    public var unit: String
    /// A value in words ("Negative", "Trace").
    public var text: String
    public var referenceRange: String
    public var flag: LabFlag?
    public var resultedOn: CalendarDate
    public var note: String
    /// Another system's codes for the test besides LOINC.
    public var sourceCodings: [SourceCoding]?

    public init(test: String, loinc: String? = nil, number: Double? = nil, unit: String = "", text: String = "", referenceRange: String = "",
                flag: LabFlag? = nil, resultedOn: CalendarDate, note: String = "") {
        self.test = test
        self.loinc = loinc
        self.number = number
        self.unit = unit
        self.text = text
        self.referenceRange = referenceRange
        self.flag = flag
        self.resultedOn = resultedOn
        self.note = note
    }

    public var code: String { loinc ?? "uncoded" }
    public var status: String { "final" }
    /// A history: every value stays on the list.
    public var isCurrent: Bool { true }
    public var occurred: (day: CalendarDate, minute: Int) { (resultedOn, -1) }
    public var label: String { test }

    /// "1.1", "7.2 %", "Negative".
    public var value: String {
        number.map { unit.isEmpty ? Figures.text($0) : "\(Figures.text($0)) \(unit)" } ?? text
    }

    public static let nameLimit = 200

    public static func parse(_ fields: FormFields, today: CalendarDate) -> (entry: LabResultEntry?, problems: [String: String]) {
        var reader = FormReader(fields, today: today)
        let test = reader.text("test", limit: nameLimit, required: "Name the test.")
        var entry = LabResultEntry(test: test, resultedOn: reader.date("resultedOn", what: "The result date", required: true) ?? today)
        let loinc = reader.text("loinc", limit: 10)
        if !loinc.isEmpty {
            if LOINCCode.isValid(loinc) { entry.loinc = loinc } else { reader.problem("loinc", "A LOINC code is digits, a hyphen and its check digit, as 6301-6.") }
        }
        entry.number = reader.decimal("number", in: -1_000_000...1_000_000_000)
        entry.unit = reader.text("unit", limit: 30)
        entry.text = reader.text("text", limit: 200)
        if entry.number == nil, entry.text.isEmpty, fields["number"].isEmpty { reader.problem("number", "Enter the value, as a number or in words.") }
        if entry.number != nil, !entry.text.isEmpty { reader.problem("text", "Give the value as a number or in words, not both.") }
        entry.referenceRange = reader.text("referenceRange", limit: 100)
        entry.flag = reader.one("flag", LabFlag.self)
        entry.note = reader.text("note", limit: 1000, multiline: true)
        return reader.problems.isEmpty ? (entry, [:]) : (nil, reader.problems)
    }

    public var fields: FormFields {
        var fields = FormFields()
        fields.set([
            ("test", test), ("loinc", loinc), ("number", number.map(Figures.text)), ("unit", unit), ("text", text), ("referenceRange", referenceRange),
            ("flag", flag?.rawValue), ("resultedOn", resultedOn.display), ("note", note),
        ])
        return fields
    }
}

/// LOINC's code shape: up to seven digits, a hyphen and a mod-10 check digit (LOINC Users' Guide, "LOINC code check
/// digit": the Luhn algorithm over the digits before the hyphen).
public enum LOINCCode {
    public static func isValid(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...7).contains(parts[0].count), parts[1].count == 1,
              (parts[0] + parts[1]).allSatisfy(\.isASCIIDigit) else { return false }
        return LuhnCheck.digit(for: String(parts[0])) == parts[1].first?.wholeNumberValue
    }
}
