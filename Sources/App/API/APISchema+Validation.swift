import Foundation
import ReliefCore

extension APISchema {
    /// What in `value` the schema does not allow, keyed by the property it concerns ("body" for the body itself): a
    /// request body is held to exactly what the OpenAPI document says of it before its own rules are asked, so the two
    /// cannot disagree (no unknown keys, no `null` where none is documented, dates only as YYYY-MM-DD).
    func problems(_ value: JSONValue, components: [String: APISchema], key: String = "body") -> [String: String] {
        switch (self, value) {
        case (.nullable, .null):
            return [:]
        case (.nullable(let schema), _):
            return schema.problems(value, components: components, key: key)
        case (_, .null):
            return [key: "Send a value, or leave this out."]
        case (.ref(let name), _):
            return components[name]?.problems(value, components: components, key: key) ?? [:]
        case (.string(let format, let choices, let shape), .string(let text)):
            if let choices, !choices.contains(text) { return [key: "Send one of the listed codes."] }
            if let shape, let problem = shape.problem(text) { return [key: problem] }
            switch format {
            case "date" where !Self.isISODate(text): return [key: "Send a date as YYYY-MM-DD."]
            case "partial-date" where PartialDate(text)?.description != text: return [key: "Send a date as YYYY-MM-DD, YYYY-MM or YYYY."]
            case "uuid" where UUID(uuidString: text) == nil: return [key: "Send an id."]
            default: return [:]
            }
        case (.whole(let range), .number(let number)) where JSONValue.wholeNumber(number) != nil:
            guard let range, !range.contains(Int(number)) else { return [:] }
            return [key: "Send a whole number from \(range.lowerBound) to \(range.upperBound)."]
        case (.decimal(let range), .number(let number)):
            guard let range, !range.contains(number) else { return [:] }
            return [key: "Send a number from \(Figures.text(range.lowerBound)) to \(Figures.text(range.upperBound))."]
        case (.boolean, .bool):
            return [:]
        case (.array(let items), .array(let values)):
            return values.reduce(into: [:]) { problems, item in
                problems.merge(items.problems(item, components: components, key: key)) { first, _ in first }
            }
        case (.object(let properties, let required, let closed), .object(let object)):
            var problems: [String: String] = [:]
            for name in required where object[name] == nil { problems[name] = "This is required." }
            for (name, item) in object {
                if let schema = properties.first(where: { $0.0 == name })?.1 {
                    problems.merge(schema.problems(item, components: components, key: name)) { first, _ in first }
                } else if closed {
                    problems[name] = "Not a field of this record."
                }
            }
            return problems
        case (.map(let values, let known), .object(let object)):
            return object.reduce(into: [:]) { problems, entry in
                let schema = known.first(where: { $0.0 == entry.key })?.1 ?? values
                problems.merge(schema.problems(entry.value, components: components, key: entry.key)) { first, _ in first }
            }
        default:
            return [key: "Send \(expected)."]
        }
    }

    /// What a value of this schema is, for a type error's message.
    private var expected: String {
        switch self {
        case .string(format: "date", _, _): "a date as YYYY-MM-DD"
        case .string(format: "partial-date", _, _): "a date as YYYY-MM-DD, YYYY-MM or YYYY"
        case .string(_, .some, _): "one of the listed codes"
        case .string: "text"
        case .whole: "a whole number"
        case .decimal: "a number"
        case .boolean: "true or false"
        case .array: "a list"
        case .object, .map: "an object"
        case .ref, .nullable: "a value"
        }
    }

    /// Exactly YYYY-MM-DD, a real day: the API does not take the forms' MM/DD/YYYY or "1970-1-1".
    static func isISODate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes.enumerated().allSatisfy({ [4, 7].contains($0.offset) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0.element) })
        else { return false }
        return CalendarDate(text) != nil
    }
}

extension APISchema.TextShape {
    /// What JSON Schema would find wrong with `text` under this shape: lengths count Unicode scalars, as its
    /// characters do.
    func problem(_ text: String) -> String? {
        if TextRules.hasControlCharacters(text) { return TextRules.controlCharacterMessage }
        if !multiline, TextRules.hasControlCharacters(text, multiline: false) { return TextRules.lineBreakMessage }
        let length = text.unicodeScalars.count
        if length < minLength { return "This is required." }
        if let maxLength, length > maxLength { return "Keep this under \(maxLength) characters." }
        return nil
    }
}
