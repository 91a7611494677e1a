/// A code another system gave an entry that Relief's catalogues do not hold (SNOMED CT for a problem, RxNorm for a
/// drug), kept with the entry so it leaves Relief again as it came. It describes the entry's substance, drug or
/// diagnosis, so it is kept only while that stays the same (`ChartEntryContent.keepingSourceCodings`).
public struct SourceCoding: Codable, Hashable, Sendable {
    public let system: String
    public let code: String
    public let display: String?

    public init(system: String, code: String, display: String? = nil) {
        self.system = system
        self.code = code
        self.display = display
    }
}

/// An entry that may carry other systems' codes.
public protocol SourceCoded {
    var sourceCodings: [SourceCoding]? { get set }
}

extension ChartEntryContent {
    /// This entry with the stored one's outside codes when it says nothing of its own and is about the same thing
    /// (a form edit does not carry them; a changed drug or diagnosis drops them).
    public func keepingSourceCodings(of stored: Self) -> Self {
        guard var coded = self as? any SourceCoded, coded.sourceCodings == nil, stored.code == code, stored.label == label,
              let codings = (stored as? any SourceCoded)?.sourceCodings else { return self }
        coded.sourceCodings = codings
        return coded as? Self ?? self
    }
}
