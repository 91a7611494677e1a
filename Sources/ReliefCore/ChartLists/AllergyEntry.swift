/// What a patient reacts to, with the substances an interventional pain practice must know before a procedure
/// (contrast, local anaesthetics, steroids, skin preparations, latex). Named drugs come from the drug list.
public enum AllergySubstance: String, Coded, Codable {
    case iodinatedContrast = "iodinated-contrast"
    case gadolinium
    case amideLocalAnaesthetic = "amide-local-anaesthetic"
    case esterLocalAnaesthetic = "ester-local-anaesthetic"
    case corticosteroid
    case latex
    case chlorhexidine
    case povidoneIodine = "povidone-iodine"
    case adhesive
    case drug
    case other
    /// A reviewed, empty list: recorded explicitly so "none known" never reads as "not asked".
    case noKnownAllergies = "no-known-allergies"

    public var title: String {
        switch self {
        case .iodinatedContrast: "Iodinated contrast"
        case .gadolinium: "Gadolinium contrast"
        case .amideLocalAnaesthetic: "Local anaesthetic, amide (lidocaine, bupivacaine, ropivacaine)"
        case .esterLocalAnaesthetic: "Local anaesthetic, ester (procaine, chloroprocaine, tetracaine)"
        case .corticosteroid: "Corticosteroid"
        case .latex: "Latex"
        case .chlorhexidine: "Chlorhexidine"
        case .povidoneIodine: "Povidone-iodine"
        case .adhesive: "Adhesive tape or dressing"
        case .drug: "A drug (choose it below)"
        case .other: "Something else (name it below)"
        case .noKnownAllergies: "No known allergies"
        }
    }

    /// The words the banner uses.
    public var shortTitle: String {
        switch self {
        case .amideLocalAnaesthetic: "Local anaesthetic (amide)"
        case .esterLocalAnaesthetic: "Local anaesthetic (ester)"
        default: title
        }
    }
}

/// FHIR AllergyIntolerance.type.
public enum AllergyType: String, Coded, Codable {
    case allergy, intolerance

    public var title: String { self == .allergy ? "Allergy (immune reaction)" : "Intolerance (side effect)" }
}

public enum AllergyReaction: String, Coded, Codable {
    case anaphylaxis, hives, rash, itching, angioedema, bronchospasm, hypotension
    case nauseaVomiting = "nausea-vomiting"
    case other

    public var title: String {
        switch self {
        case .anaphylaxis: "Anaphylaxis"
        case .hives: "Hives"
        case .rash: "Rash"
        case .itching: "Itching"
        case .angioedema: "Swelling (angioedema)"
        case .bronchospasm: "Wheezing or bronchospasm"
        case .hypotension: "Low blood pressure"
        case .nauseaVomiting: "Nausea or vomiting"
        case .other: "Other (describe)"
        }
    }
}

/// FHIR AllergyIntolerance.reaction.severity.
public enum ReactionSeverity: String, Coded, Codable {
    case mild, moderate, severe

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// FHIR AllergyIntolerance.clinicalStatus.
public enum AllergyStatus: String, Coded, Codable {
    case active, inactive, resolved

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

public struct AllergyEntry: ChartEntryContent, SourceCoded {
    public static let kind = ChartEntryKind.allergy

    public var substance: AllergySubstance
    /// For `.drug`: the catalogue drug.
    public var drugID: String?
    /// For `.other`, or a drug not on the list.
    public var otherName: String
    public var type: AllergyType?
    public var reactions: [AllergyReaction]
    public var reactionNote: String
    public var severity: ReactionSeverity?
    public var allergyStatus: AllergyStatus
    public var note: String
    /// Other systems' codes for the substance (SNOMED CT from an import).
    public var sourceCodings: [SourceCoding]?

    public init(substance: AllergySubstance, drugID: String? = nil, otherName: String = "", type: AllergyType? = nil,
                reactions: [AllergyReaction] = [], reactionNote: String = "", severity: ReactionSeverity? = nil,
                status: AllergyStatus = .active, note: String = "") {
        self.substance = substance
        self.drugID = drugID
        self.otherName = otherName
        self.type = type
        self.reactions = reactions
        self.reactionNote = reactionNote
        self.severity = severity
        allergyStatus = status
        self.note = note
    }

    public var code: String { substance == .drug ? "drug:\(drugID ?? "free-text")" : substance.rawValue }
    public var status: String { allergyStatus.rawValue }
    public var isCurrent: Bool { allergyStatus == .active }

    public var label: String {
        switch substance {
        case .drug: drugID.flatMap(DrugCatalogue.drug)?.name ?? otherName
        case .other: otherName
        default: substance.shortTitle
        }
    }

    /// "Iodinated contrast (hives, severe)"
    public var bannerText: String {
        let details = [reactions.first { $0 != .other }?.title.lowercased(), severity?.rawValue].compactMap { $0 }
        return details.isEmpty ? label : "\(label) (\(details.joined(separator: ", ")))"
    }

    public static func parse(_ fields: FormFields, today: CalendarDate) -> (entry: AllergyEntry?, problems: [String: String]) {
        var reader = FormReader(fields, today: today)
        let substance = reader.one("substance", AllergySubstance.self, required: "Choose the substance.")
        var entry = AllergyEntry(substance: substance ?? .other)
        entry.otherName = reader.text("otherName", limit: MedicationEntry.nameLimit)
        let drugID = fields["drug"]
        switch substance {
        case .drug:
            if let drug = DrugCatalogue.drug(drugID) { entry.drugID = drug.id }
            else if !drugID.isEmpty { reader.problem("drug", "Choose a drug from the list.") }
            else if entry.otherName.isEmpty { reader.problem("drug", "Choose the drug, or type its name under “Other substance”.") }
        case .other:
            if entry.otherName.isEmpty { reader.problem("otherName", "Name the substance.") }
        default:
            break
        }
        entry.type = reader.one("type", AllergyType.self)
        entry.reactions = reader.many("reaction", AllergyReaction.self)
        entry.reactionNote = reader.text("reactionNote", limit: 500)
        if entry.reactions.contains(.other), entry.reactionNote.isEmpty {
            reader.problem("reactionNote", "Describe the other reaction.")
        }
        entry.severity = reader.one("severity", ReactionSeverity.self)
        entry.allergyStatus = reader.one("status", AllergyStatus.self, required: "Choose the status.") ?? .active
        entry.note = reader.text("note", limit: 1000, multiline: true)
        if substance == .noKnownAllergies, !entry.reactions.isEmpty || entry.severity != nil {
            reader.problem("substance", "“No known allergies” has no reaction or severity.")
        }
        return reader.problems.isEmpty ? (entry, [:]) : (nil, reader.problems)
    }

    public func problems(alongside others: [AllergyEntry]) -> [String: String] {
        guard isCurrent else { return [:] }
        let current = others.filter(\.isCurrent)
        if substance == .noKnownAllergies, current.contains(where: { $0.substance != .noKnownAllergies }) {
            return ["substance": "Allergies are recorded for this patient; mark them inactive before recording “no known allergies”."]
        }
        if substance != .other, !(substance == .drug && drugID == nil), current.contains(where: { $0.code == code }) {
            return ["substance": "\(label) is already on the allergy list; edit that entry instead."]
        }
        return [:]
    }

    public func retiring(_ other: AllergyEntry) -> AllergyEntry? {
        guard isCurrent, substance != .noKnownAllergies, other.isCurrent, other.substance == .noKnownAllergies else { return nil }
        var retired = other
        retired.allergyStatus = .inactive
        return retired
    }

    public var fields: FormFields {
        var fields = FormFields()
        fields.set([
            ("substance", substance.rawValue), ("drug", drugID), ("otherName", otherName), ("type", type?.rawValue),
            ("reactionNote", reactionNote), ("severity", severity?.rawValue), ("status", status), ("note", note),
        ])
        for reaction in reactions { fields.add("reaction", reaction.rawValue) }
        return fields
    }
}

/// What the banner says about allergies: the active ones, "No known allergies", or nil when nobody has asked.
public enum AllergySummary {
    public static func banner(_ entries: [AllergyEntry]) -> [String]? {
        let active = entries.filter(\.isCurrent)
        let allergies = active.filter { $0.substance != .noKnownAllergies }
        if !allergies.isEmpty { return allergies.map(\.bannerText) }
        return active.isEmpty ? nil : []
    }
}
