import ReliefCore

/// A JSON Schema (OpenAPI 3.0 dialect) for the API description, built in code next to the handlers that answer
/// with it; the API tests check real answers against it.
indirect enum APISchema: Sendable {
    case string(format: String? = nil, choices: [String]? = nil, shape: TextShape? = nil)
    case whole(ClosedRange<Int>?)
    case decimal(ClosedRange<Double>?)
    case boolean
    case array(APISchema)
    /// `closed`: no properties beyond those listed.
    case object([(String, APISchema)], required: [String], closed: Bool = true)
    /// An object of any keys with values of one schema (a questionnaire's subscores), beside some named properties.
    case map(APISchema, known: [(String, APISchema)] = [])
    case ref(String)
    case nullable(APISchema)

    static let uuid = APISchema.string(format: "uuid")
    static let date = APISchema.string(format: "date")
    /// FHIR's partial date: YYYY-MM-DD, YYYY-MM or YYYY.
    static let partialDate = APISchema.string(format: "partial-date")
    static let dateTime = APISchema.string(format: "date-time")
    static let text = APISchema.string()
    static let integer = APISchema.whole(nil)
    static let number = APISchema.decimal(nil)
    /// A version read before a change: versions count from 1.
    static let version = APISchema.whole(1...Int(JSONValue.largestWholeNumber))

    /// What a text property takes: its length in Unicode scalars (JSON Schema's characters) and whether tabs and line
    /// breaks are allowed. Control characters never are (`TextRules`).
    struct TextShape: Sendable {
        var minLength = 0
        var maxLength: Int?
        var multiline = false

        /// `TextRules.hasControlCharacters` as an ECMA-262 pattern, for the document.
        var pattern: String {
            multiline ? "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$"
                : "^[^\\u0000-\\u001F\\u007F-\\u009F]*$"
        }
    }

    /// An object whose every property is present; nullable ones may be left out when null.
    static func record(_ properties: [(String, APISchema)]) -> APISchema {
        .object(properties, required: properties.filter { if case .nullable = $0.1 { false } else { true } }.map(\.0))
    }

    /// A record's form fields with what each takes on its own; rules across fields stay the record's (a region only
    /// for imaging), so a body this allows can still get a 422 naming the field.
    static func fields(_ schema: FieldSchema) -> APISchema {
        .object(schema.fields.map { ($0.name, field($0)) }, required: schema.fields.filter(\.required).map(\.name))
    }

    /// A stored record's fields as answered: their types and codes, without the limits a change is held to (a record
    /// kept before a limit was set still reads back).
    static func storedFields(_ schema: FieldSchema) -> APISchema {
        .object(schema.fields.map { spec in
            var stored = FieldSpec(spec.name, spec.kind)
            stored.multiline = spec.multiline  // line breaks typed into a note read back as typed
            return (spec.name, field(stored))
        }, required: [])
    }

    private static func field(_ spec: FieldSpec) -> APISchema {
        let least = spec.required ? 1 : 0
        switch spec.kind {
        case .text: return .string(shape: TextShape(minLength: least, maxLength: spec.limit, multiline: spec.multiline))
        case .integer: return .whole(spec.range.map { Int($0.lowerBound)...Int($0.upperBound) })
        case .number: return .decimal(spec.range)
        case .date: return .date
        case .partialDate: return .partialDate
        case .flag: return .boolean
        case .choice(let codes): return .string(choices: codes)
        case .choices(let codes): return .array(.string(choices: codes))
        }
    }

    var json: JSONValue {
        switch self {
        case .string(let format, let choices, let shape):
            var object: [String: JSONValue] = ["type": "string"]
            if let format { object["format"] = .string(format) }
            if let choices { object["enum"] = .array(choices.map(JSONValue.string)) }
            if let shape {
                object["pattern"] = .string(shape.pattern)
                if shape.minLength > 0 { object["minLength"] = .number(Double(shape.minLength)) }
                if let most = shape.maxLength { object["maxLength"] = .number(Double(most)) }
            }
            return .object(object)
        case .whole(let range):
            var object: [String: JSONValue] = ["type": "integer"]
            if let range { (object["minimum"], object["maximum"]) = (.number(Double(range.lowerBound)), .number(Double(range.upperBound))) }
            return .object(object)
        case .decimal(let range):
            var object: [String: JSONValue] = ["type": "number"]
            if let range { (object["minimum"], object["maximum"]) = (.number(range.lowerBound), .number(range.upperBound)) }
            return .object(object)
        case .boolean: return .object(["type": "boolean"])
        case .array(let items): return .object(["type": "array", "items": items.json])
        case .object(let properties, let required, let closed):
            var object: [String: JSONValue] = [
                "type": "object", "properties": .object(Dictionary(uniqueKeysWithValues: properties.map { ($0.0, $0.1.json) })),
            ]
            if !required.isEmpty { object["required"] = .array(required.map(JSONValue.string)) }
            if closed { object["additionalProperties"] = false }
            return .object(object)
        case .map(let values, let known):
            var object: [String: JSONValue] = ["type": "object", "additionalProperties": values.json]
            if !known.isEmpty { object["properties"] = .object(Dictionary(uniqueKeysWithValues: known.map { ($0.0, $0.1.json) })) }
            return .object(object)
        case .ref(let name): return .object(["$ref": .string("#/components/schemas/\(name)")])
        case .nullable(let schema):
            // OpenAPI 3.0 has no null type; a $ref cannot carry siblings, so wrap it.
            if case .ref = schema { return .object(["nullable": true, "allOf": .array([schema.json])]) }
            guard case .object(var object) = schema.json else { return schema.json }
            object["nullable"] = true
            return .object(object)
        }
    }
}
