/// One field of a record as the JSON API shows it: the form's field name with a JSON type. A record is read and
/// written through the API as its form's fields, so both go through the same checks and get the same messages.
public struct FieldSpec: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case text
        case integer
        case number
        /// ISO 8601 (YYYY-MM-DD) in JSON; the form also takes MM/DD/YYYY.
        case date
        /// YYYY-MM-DD, YYYY-MM or YYYY in JSON (FHIR's partial date); the form also takes MM/DD/YYYY and MM/YYYY.
        case partialDate
        /// A tick box: `true` in JSON, "yes" in the form.
        case flag
        case choice([String])
        case choices([String])
    }

    public let name: String
    public let kind: Kind
    /// Must be sent, and not empty.
    public var required = false
    /// Text: the most characters it takes (the parser's limit).
    public var limit: Int?
    /// Text: takes tabs and line breaks.
    public var multiline = false
    /// Numbers: the values the parser takes whatever the other fields say.
    public var range: ClosedRange<Double>?

    public init(_ name: String, _ kind: Kind, required: Bool = false) {
        self.name = name
        self.kind = kind
        self.required = required
    }

    public static func text(_ name: String, limit: Int, multiline: Bool = false, required: Bool = false) -> FieldSpec {
        var spec = FieldSpec(name, .text, required: required)
        (spec.limit, spec.multiline) = (limit, multiline)
        return spec
    }

    public static func integer(_ name: String, _ range: ClosedRange<Int>, required: Bool = false) -> FieldSpec {
        var spec = FieldSpec(name, .integer, required: required)
        spec.range = Double(range.lowerBound)...Double(range.upperBound)
        return spec
    }

    public static func number(_ name: String, _ range: ClosedRange<Double>, required: Bool = false) -> FieldSpec {
        var spec = FieldSpec(name, .number, required: required)
        spec.range = range
        return spec
    }

    public static func choice<C: Coded>(_ name: String, _ type: C.Type, required: Bool = false) -> FieldSpec {
        FieldSpec(name, .choice(C.allCases.map(\.rawValue)), required: required)
    }
    public static func choices<C: Coded>(_ name: String, _ type: C.Type) -> FieldSpec { FieldSpec(name, .choices(C.allCases.map(\.rawValue))) }
}

/// The fields of one kind of record, and the two directions between its form fields and a JSON object.
public struct FieldSchema: Sendable {
    public let fields: [FieldSpec]
    private let byName: [String: FieldSpec]

    public init(_ fields: [FieldSpec]) {
        self.fields = fields
        byName = Dictionary(fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func spec(_ name: String) -> FieldSpec? { byName[name] }

    /// The filled fields as typed JSON; empty ones are left out.
    public func json(_ form: FormFields) -> [String: JSONValue] {
        var object: [String: JSONValue] = [:]
        for spec in fields {
            let values = form.values(spec.name).filter { !$0.isEmpty }
            guard let first = values.first else { continue }
            switch spec.kind {
            case .text, .choice: object[spec.name] = .string(first)
            case .integer, .number: object[spec.name] = PlainNumber.decimal(first).map(JSONValue.number) ?? .string(first)
            case .date: object[spec.name] = .string(CalendarDate(first)?.description ?? first)
            case .partialDate: object[spec.name] = .string(PartialDate(first)?.description ?? first)
            case .flag: object[spec.name] = .bool(first == "yes")
            case .choices: object[spec.name] = .array(values.map(JSONValue.string))
            }
        }
        return object
    }

    /// Form fields from a JSON object, or a problem per field that is unknown or of the wrong JSON type. Values are
    /// only converted here; the record's own parser checks them.
    public func form(_ object: [String: JSONValue]) -> (fields: FormFields, problems: [String: String]) {
        var form = FormFields(), problems: [String: String] = [:]
        for (name, value) in object.sorted(by: { $0.key < $1.key }) {
            guard let spec = byName[name] else { problems[name] = "Not a field of this record."; continue }
            if value == .null { problems[name] = "Send a value, or leave this out."; continue }
            switch (spec.kind, value) {
            case (.text, .string(let text)), (.choice, .string(let text)), (.date, .string(let text)),
                 (.partialDate, .string(let text)):
                form.add(name, text)
            case (.integer, .number(let number)), (.number, .number(let number)):
                // Exact, not rounded for display; a whole number without ".0" so an integer field reads it.
                form.add(name, JSONValue.wholeNumber(number).map(String.init) ?? String(number))
            case (.flag, .bool(let ticked)):
                if ticked { form.add(name, "yes") }
            case (.choices, .array(let items)):
                let texts = items.compactMap(\.string)
                if texts.count == items.count { texts.forEach { form.add(name, $0) } } else { problems[name] = "Send a list of codes." }
            default:
                problems[name] = "Send \(spec.kind.expected)."
            }
        }
        return (form, problems)
    }
}

extension FieldSpec.Kind {
    /// What the JSON value should be, for a type error's message.
    var expected: String {
        switch self {
        case .text: "text"
        case .integer: "a whole number"
        case .number: "a number"
        case .date: "a date as YYYY-MM-DD"
        case .partialDate: "a date as YYYY-MM-DD, YYYY-MM or YYYY"
        case .flag: "true or false"
        case .choice: "one of the listed codes"
        case .choices: "a list of codes"
        }
    }
}
