/// Numbers as people type them: decimal digits, an optional minus sign and, for decimals, one decimal point.
/// Swift's own parsers also take "0x10" (16), "0x1p3" (8), "1e2" (100), "+5", "inf" and "nan": a strength typed or
/// pasted that way would be saved as a different dose.
public enum PlainNumber {
    public static func integer(_ text: String) -> Int? {
        guard isPlain(text, allowingPoint: false) else { return nil }
        return Int(text)
    }

    public static func decimal(_ text: String) -> Double? {
        guard isPlain(text, allowingPoint: true) else { return nil }
        return Double(text).flatMap { $0.isFinite ? $0 : nil }
    }

    /// "-12", "7.5", ".5" and "5." are plain; anything with another character, or without a digit, is not.
    private static func isPlain(_ text: String, allowingPoint: Bool) -> Bool {
        var digits = 0, points = 0
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "-") where index == 0: continue
            case UInt8(ascii: ".") where allowingPoint && points == 0: points += 1
            default: return false
            }
        }
        return digits > 0 && digits <= 18
    }
}
