/// The practice's medical record number: seven digits and a Luhn check digit, so a mistyped MRN is caught.
public struct MedicalRecordNumber: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    /// Builds the MRN for a sequence number (1 ... 9,999,999).
    public init(sequence: Int) {
        precondition((1...9_999_999).contains(sequence), "MRN sequence out of range")
        let body = String(repeating: "0", count: 7 - String(sequence).count) + String(sequence)
        value = body + String(Self.checkDigit(for: body))
    }

    /// Accepts an MRN typed with or without spaces or dashes; nil unless its check digit is right.
    public init?(_ text: String) {
        let digits = text.filter { !$0.isWhitespace && $0 != "-" }
        guard digits.count == 8, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        guard Self.checkDigit(for: String(digits.prefix(7))) == Int(String(digits.last!)) else { return nil }
        value = digits
    }

    public var description: String { value }

    static func checkDigit(for body: String) -> Int { LuhnCheck.digit(for: body) }
}

/// The Luhn (mod 10) check digit of a string of ASCII digits: from the right, every second digit, starting with the
/// rightmost, is doubled (a doubled digit over 9 less 9), and the check digit brings the sum to a multiple of ten. MRNs,
/// NPIs (with the 80840 prefix) and LOINC codes use it.
public enum LuhnCheck {
    public static func digit(for body: String) -> Int {
        let sum = body.compactMap(\.wholeNumberValue).reversed().enumerated().reduce(0) { sum, pair in
            let doubled = pair.offset.isMultiple(of: 2) ? pair.element * 2 : pair.element
            return sum + (doubled > 9 ? doubled - 9 : doubled)
        }
        return (10 - sum % 10) % 10
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
