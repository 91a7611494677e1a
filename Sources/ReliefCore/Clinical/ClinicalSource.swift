/// How well a clinical value is sourced, in the words of `shared/clinical/REFERENCE.md`'s legend.
public enum Evidence: String, Codable, Sendable {
    /// Seen in a primary or official source.
    case primary = "V1"
    /// Seen only in a secondary summary.
    case secondary = "V2"
    /// No source found: a commonly cited value that must be checked. Shown as "verify against current guideline".
    case unconfirmed = "UNCONFIRMED"
}

/// Where a clinical constant comes from; every catalogue row and rule carries one so a verdict can cite it.
public struct ClinicalSource: Hashable, Codable, Sendable {
    public let citation: String
    public let evidence: Evidence

    public init(_ citation: String, _ evidence: Evidence) {
        self.citation = citation
        self.evidence = evidence
    }

    /// Whether users must be told to check the value against the current guideline.
    public var needsVerification: Bool { evidence == .unconfirmed }
}

/// A clinical number with its source, for defaults a practice may override.
public struct SourcedValue<Value: Hashable & Sendable & Codable>: Hashable, Codable, Sendable {
    public let value: Value
    public let source: ClinicalSource

    public init(_ value: Value, _ source: ClinicalSource) {
        self.value = value
        self.source = source
    }
}
