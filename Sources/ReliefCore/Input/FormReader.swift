/// Reads a submitted form value by value, checking each and collecting one field-level message per field, so
/// every form in Relief refuses bad input the same way and shows the user's entries again.
public struct FormReader {
    public let fields: FormFields
    public let today: CalendarDate
    public private(set) var problems: [String: String] = [:]

    /// Every field with a control character gets its message before any value is read (`TextRules`).
    public init(_ fields: FormFields, today: CalendarDate) {
        self.fields = fields
        self.today = today
        for pair in fields.pairs where TextRules.hasControlCharacters(pair.value) {
            problem(pair.name, TextRules.controlCharacterMessage)
        }
    }

    public mutating func problem(_ name: String, _ message: String) {
        if problems[name] == nil { problems[name] = message }
    }

    /// Trimmed text; `required` is the message shown when it is empty. Only a `multiline` field takes tabs and line breaks.
    public mutating func text(_ name: String, limit: Int, required: String? = nil, multiline: Bool = false) -> String {
        let value = fields[name]
        if !multiline, TextRules.hasControlCharacters(value, multiline: false) { problem(name, TextRules.lineBreakMessage) }
        if value.count > limit { problem(name, "Keep this under \(limit) characters.") }
        if value.isEmpty, let required { problem(name, required) }
        return value
    }

    public mutating func one<C: Coded>(_ name: String, _ type: C.Type, required: String? = nil) -> C? {
        let value = fields[name]
        guard !value.isEmpty else {
            if let required { problem(name, required) }
            return nil
        }
        guard let coded = C(rawValue: value) else { problem(name, "Choose one of the listed options."); return nil }
        return coded
    }

    /// Ticked options, in the vocabulary's order rather than the order of submission.
    public mutating func many<C: Coded>(_ name: String, _ type: C.Type) -> [C] {
        let values = fields.values(name)
        if values.contains(where: { C(rawValue: $0) == nil }) { problem(name, "Choose from the listed options.") }
        return C.allCases.filter { values.contains($0.rawValue) }
    }

    public mutating func integer(_ name: String, in range: ClosedRange<Int>, required: String? = nil) -> Int? {
        let value = fields[name]
        guard !value.isEmpty else {
            if let required { problem(name, required) }
            return nil
        }
        guard let number = PlainNumber.integer(value), range.contains(number) else {
            problem(name, "Enter a whole number from \(range.lowerBound) to \(range.upperBound).")
            return nil
        }
        return number
    }

    /// A plain decimal number such as a strength ("7.5"); a comma is not taken as a decimal mark, to avoid misreading
    /// "1,000", nor hex or an exponent as a number (`PlainNumber`).
    public mutating func decimal(_ name: String, in range: ClosedRange<Double>, required: String? = nil) -> Double? {
        let value = fields[name]
        guard !value.isEmpty else {
            if let required { problem(name, required) }
            return nil
        }
        guard let number = PlainNumber.decimal(value), range.contains(number) else {
            problem(name, "Enter a number from \(Figures.text(range.lowerBound)) to \(Figures.text(range.upperBound)).")
            return nil
        }
        return number
    }

    /// A date as MM/DD/YYYY or YYYY-MM-DD; `what` names it in the message ("The start date cannot be after today.").
    public mutating func date(_ name: String, what: String, allowFuture: Bool = false, required: Bool = false) -> CalendarDate? {
        let value = fields[name]
        guard !value.isEmpty else {
            if required { problem(name, "Enter \(what.lowercased()).") }
            return nil
        }
        guard let date = CalendarDate(value) else { problem(name, "Enter the date as MM/DD/YYYY."); return nil }
        if !allowFuture, date > today { problem(name, "\(what) cannot be after today."); return nil }
        return date
    }

    /// A date that may be known to the month or the year only ("03/2025", "2025"); never after today.
    public mutating func partialDate(_ name: String, what: String) -> PartialDate? {
        let value = fields[name]
        guard !value.isEmpty else { return nil }
        guard let date = PartialDate(value) else { problem(name, "Enter the date as MM/DD/YYYY, or MM/YYYY or YYYY when that is all that is known."); return nil }
        if date.earliest > today { problem(name, "\(what) cannot be after today."); return nil }
        return date
    }
}
