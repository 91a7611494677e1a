/// What text Relief stores. NUL and the other control characters have no place in a record: PostgreSQL refuses NUL
/// outright, so SQLite would keep what a move to PostgreSQL could not carry, and the rest are invisible on screen.
/// Tab and line breaks stay allowed where a field takes more than one line.
public enum TextRules {
    public static let controlCharacterMessage = "Remove the control characters (such as NUL) from this text."
    public static let lineBreakMessage = "Keep this on one line, without tabs or line breaks."

    /// C0 controls, DEL and C1 controls; tab, line feed and carriage return only when `multiline` is false.
    public static func hasControlCharacters(_ text: String, multiline: Bool = true) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: !multiline
            case 0x00...0x1F, 0x7F...0x9F: true
            default: false
            }
        }
    }

    /// Why a reason (entered in error, cancelled, resolved) cannot be kept, or nil; `missing` is the message for none.
    public static func reasonProblem(_ reason: String, limit: Int = 500, missing: String = "Give the reason.") -> String? {
        if reason.isEmpty { return missing }
        if reason.count > limit { return "Keep the reason under \(limit) characters." }
        return hasControlCharacters(reason) ? controlCharacterMessage : nil
    }

    /// The text with every control character but tab and line breaks shown as U+FFFD, for what must be kept even
    /// when it arrived malformed (an audit row of a refused sign-in).
    public static func visible(_ text: String) -> String {
        guard hasControlCharacters(text) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { hasControlCharacters(String($0)) ? "\u{FFFD}" : $0 }))
    }
}
