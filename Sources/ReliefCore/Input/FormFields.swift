import Foundation

/// The fields of a submitted form in order, repeated names kept (checkbox groups), so a form can be parsed,
/// checked and shown again exactly as the user filled it.
public struct FormFields: Hashable, Sendable {
    public private(set) var pairs: [(name: String, value: String)]

    public init(_ pairs: [(name: String, value: String)] = []) { self.pairs = pairs }

    /// Reads an `application/x-www-form-urlencoded` body.
    public init(urlEncoded body: String) {
        pairs = body.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), !name.isEmpty else { return nil }
            return (name, parts.count > 1 ? Self.decode(parts[1]) ?? "" : "")
        }
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// The first value, trimmed; "" when absent.
    public subscript(name: String) -> String {
        pairs.first { $0.name == name }?.value.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    /// Every value submitted under `name`, for checkbox groups.
    public func values(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    public mutating func set(_ name: String, _ value: String) {
        pairs.removeAll { $0.name == name }
        if !value.isEmpty { pairs.append((name, value)) }
    }

    /// Sets each pair whose value is present; for building a form from stored content.
    public mutating func set(_ pairs: [(String, String?)]) {
        for (name, value) in pairs { set(name, value ?? "") }
    }

    public mutating func add(_ name: String, _ value: String) { pairs.append((name, value)) }

    public static func == (lhs: FormFields, rhs: FormFields) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for pair in pairs { hasher.combine(pair.name); hasher.combine(pair.value) }
    }
}

extension FormFields {
    /// These fields without any value under `name`, e.g. a field a page does not offer.
    public func without(_ name: String) -> FormFields { FormFields(pairs.filter { $0.name != name }) }
}
