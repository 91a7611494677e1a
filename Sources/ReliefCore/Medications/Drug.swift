/// What a drug is, for the rules that care: opioid dose, bleeding risk, sedation, the multimodal plan.
public enum DrugClass: String, CaseIterable, Codable, Sendable {
    case opioid
    case anticoagulant
    case antiplatelet
    case nsaid
    case gabapentinoid
    case snri
    case tca
    case ssri
    case muscleRelaxant = "muscle-relaxant"
    case benzodiazepine
    /// Supplements that affect bleeding.
    case bleedingSupplement = "bleeding-supplement"
    case analgesic
    case topical

    public var title: String {
        switch self {
        case .opioid: "Opioid"
        case .anticoagulant: "Anticoagulant"
        case .antiplatelet: "Antiplatelet"
        case .nsaid: "NSAID"
        case .gabapentinoid: "Gabapentinoid"
        case .snri: "Antidepressant (SNRI)"
        case .tca: "Antidepressant (TCA)"
        case .ssri: "Antidepressant (SSRI)"
        case .muscleRelaxant: "Muscle relaxant"
        case .benzodiazepine: "Benzodiazepine"
        case .bleedingSupplement: "Supplement affecting bleeding"
        case .analgesic: "Analgesic"
        case .topical: "Topical"
        }
    }
}

/// What an opioid's MME factor multiplies (REFERENCE §3).
public enum MMEBasis: String, Codable, Sendable {
    /// Milligrams a day.
    case milligram
    /// Micrograms an hour of a transdermal patch.
    case microgramPerHour
    /// Micrograms a day (transmucosal fentanyl).
    case microgram
}

public struct MMEFactor: Hashable, Sendable {
    public let factor: Double
    public let basis: MMEBasis
    public let source: ClinicalSource
}

/// A drug in Relief's curated list. `id` is stable and stored with each medication entry.
public struct Drug: Hashable, Sendable, Identifiable {
    public let id: String
    public let name: String
    /// Brand and other names staff type when searching.
    public let otherNames: [String]
    public let classes: Set<DrugClass>
    public let mme: MMEFactor?
    /// For combination products: which ingredient the strength and MME refer to.
    public let strengthNote: String?

    public func isA(_ drugClass: DrugClass) -> Bool { classes.contains(drugClass) }
}
