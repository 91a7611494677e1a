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

    static func checkDigit(for body: String) -> Int {
        // Luhn: double every second digit from the right of the payload.
        var sum = 0
        for (offset, character) in body.reversed().enumerated() {
            var digit = Int(String(character))!
            if offset % 2 == 0 {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
        }
        return (10 - sum % 10) % 10
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
