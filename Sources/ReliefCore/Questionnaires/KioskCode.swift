/// The one-time code staff give a patient to open questionnaires on a tablet: eight characters a person reads and
/// types without confusion (no 0/O, 1/I/L), shown as two groups of four. 31⁸ ≈ 8.5 × 10¹¹ codes, each valid for
/// one use within an hour: guessing one online is out of reach.
public enum KioskCode {
    static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    public static let length = 8

    public static func make<G: RandomNumberGenerator>(using generator: inout G) -> String {
        String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// "ABCD-EFGH", as shown to staff.
    public static func display(_ code: String) -> String {
        guard code.count == length else { return code }
        return "\(code.prefix(length / 2))-\(code.suffix(length / 2))"
    }

    /// The code as typed ("abcd efgh", "ABCD-EFGH"), or nil when it cannot be one.
    public static func normalize(_ typed: String) -> String? {
        let code = String(typed.uppercased().filter { !$0.isWhitespace && $0 != "-" })
        guard code.count == length, code.allSatisfy(alphabet.contains) else { return nil }
        return code
    }
}
