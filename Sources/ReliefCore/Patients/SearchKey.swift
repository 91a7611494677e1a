/// Folds a name for searching: lower case, accents and other marks removed, letters like ø and ß spelled out,
/// so "Müller", "MULLER" and "muller" all find the same patient.
public enum SearchKey {
    private static let spelledOut: [Character: String] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
    ]

    public static func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return foldASCII(text) }
        var folded = ""
        for character in text.lowercased() {
            if let replacement = spelledOut[character] {
                folded += replacement
                continue
            }
            for scalar in String(character).decomposedStringWithCanonicalMapping.unicodeScalars
            where scalar.properties.generalCategory != .nonspacingMark {
                folded.unicodeScalars.append(scalar)
            }
        }
        // Apostrophes, hyphens and spaces vary in how people type names ("O'Neil", "ONeil"): keep letters and digits.
        return String(folded.filter { $0.isLetter || $0.isNumber })
    }

    /// The same folding for plain ASCII, byte by byte: most names and every search typed on a US keyboard, and
    /// the Unicode path (decomposing each character through Foundation) showed in search profiles.
    private static func foldASCII(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
            default: continue
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The smallest key greater than every key starting with `prefix`, for an index-friendly range query.
    public static func upperBound(ofPrefix prefix: String) -> String {
        var scalars = Array(prefix.unicodeScalars)
        while let last = scalars.popLast() {
            if let next = Unicode.Scalar(last.value + 1) {
                scalars.append(next)
                return String(String.UnicodeScalarView(scalars))
            }
        }
        return "\u{10FFFF}"
    }

    /// Digits only, the last ten kept: how phone numbers are stored and searched (US national number).
    public static func phoneDigits(_ text: String) -> String {
        String(text.filter(\.isASCIIDigit).suffix(10))
    }
}
