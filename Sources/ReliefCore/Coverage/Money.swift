import Foundation

/// An amount in US dollars, kept in whole cents so sums and shares never drift by a rounding error.
public struct Money: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let cents: Int

    public init(cents: Int) { self.cents = cents }

    public static let zero = Money(cents: 0)
    /// The most any one amount may be: well above any fee or deductible, far below overflow.
    public static let limit = Money(cents: 100_000_000)

    /// "1234.5", "$1,234.50", "1,234" and "0.99"; not "1.234", "-5", "1e3", "0x10", two decimal points or three
    /// decimals. Commas only as thousands separators.
    public init?(_ text: String) {
        var body = text.trimmingCharacters(in: .whitespaces)
        if body.hasPrefix("$") { body.removeFirst() }
        let parts = body.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Self.whole(parts[0]) else { return nil }
        var cents = whole * 100
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(fraction) else { return nil }
            cents += fraction.count == 1 ? value * 10 : value
        }
        guard cents <= Self.limit.cents else { return nil }
        self.cents = cents
    }

    /// Digits with optional thousands commas in groups of three: "1,234" but not "1,23" or ",123".
    private static func whole(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 14 else { return nil }
        let groups = text.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              groups.dropFirst().allSatisfy({ $0.count == 3 }), groups.count == 1 || groups[0].count <= 3 else { return nil }
        return Int(groups.joined())
    }

    public var description: String {
        let dollars = String(cents / 100)
        let grouped = dollars.reversed().enumerated().reduce(into: "") { text, pair in
            if pair.offset > 0 && pair.offset % 3 == 0 { text.append(",") }
            text.append(pair.element)
        }
        return "$" + String(grouped.reversed()) + "." + String(format: "%02d", cents % 100)
    }

    /// The amount as the form shows it: "1234.50".
    public var plain: String { "\(cents / 100).\(String(format: "%02d", cents % 100))" }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents - rhs.cents) }

    /// `percent` of the amount, rounded half up to the cent.
    public func percent(_ percent: Int) -> Money { Money(cents: (cents * percent + 50) / 100) }
}
