import Vapor

extension Request {
    /// One parameter of the URL's query as text, or nil. Read straight from the query string: Vapor's
    /// `query.get(_:at:)` runs its whole `Decodable` form decoder for one value, a twelfth of a patient search's
    /// time (docs/benchmarks.md).
    func queryText(_ name: String) -> String? {
        url.query.flatMap { Self.value(named: name, inQuery: $0) }
    }

    /// `name`'s value in a form-encoded query (`+` and `%XX` decoded, malformed escapes kept as typed); the
    /// first if repeated, "" if it has no `=`.
    static func value(named name: String, inQuery query: String) -> String? {
        for pair in query.split(separator: "&") {
            let equals = pair.firstIndex(of: "=")
            guard formDecoded(equals.map { pair[..<$0] } ?? pair) == name else { continue }
            return equals.map { formDecoded(pair[pair.index(after: $0)...]) } ?? ""
        }
        return nil
    }

    private static func formDecoded(_ text: Substring) -> String {
        guard text.contains(where: { $0 == "+" || $0 == "%" }) else { return String(text) }
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
