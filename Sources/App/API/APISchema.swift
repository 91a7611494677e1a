import ReliefCore

/// A JSON Schema (OpenAPI 3.0 dialect) for the API description, built in code next to the handlers that answer
/// with it; the API tests check real answers against it.
indirect enum APISchema: Sendable {
    case string(format: String? = nil, choices: [String]? = nil)
    case integer
    case number
    case boolean
    case array(APISchema)
    /// `closed`: no properties beyond those listed.
    case object([(String, APISchema)], required: [String], closed: Bool = true)
    /// An object of any keys with values of one schema (an instrument's subscores), beside some named properties.
    case map(APISchema, known: [(String, APISchema)] = [])
    case ref(String)
    case nullable(APISchema)

    static let uuid = APISchema.string(format: "uuid")
    static let date = APISchema.string(format: "date")
    static let dateTime = APISchema.string(format: "date-time")
    static let text = APISchema.string()

    /// An object whose every property is present; nullable ones may be left out when null.
    static func record(_ properties: [(String, APISchema)]) -> APISchema {
        .object(properties, required: properties.filter { if case .nullable = $0.1 { false } else { true } }.map(\.0))
    }

    /// A record's form fields (none required here: the record's own checks say what is missing).
    static func fields(_ schema: FieldSchema) -> APISchema {
        .object(schema.fields.map { ($0.name, field($0.kind)) }, required: [])
    }

    private static func field(_ kind: FieldSpec.Kind) -> APISchema {
        switch kind {
        case .text: .text
        case .integer: .integer
        case .number: .number
        case .date: .date
        case .flag: .boolean
        case .choice(let codes): .string(choices: codes)
        case .choices(let codes): .array(.string(choices: codes))
        }
    }

    var json: JSONValue {
        switch self {
        case .string(let format, let choices):
            var object: [String: JSONValue] = ["type": "string"]
            if let format { object["format"] = .string(format) }
            if let choices { object["enum"] = .array(choices.map(JSONValue.string)) }
            return .object(object)
        case .integer: return .object(["type": "integer"])
        case .number: return .object(["type": "number"])
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
