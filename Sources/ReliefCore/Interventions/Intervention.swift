/// The kinds of intervention a multimodal plan draws on (PRACTICE.md "Techniques"), in the order the catalogue lists them.
public enum InterventionCategory: String, Coded, Codable {
    case epiduralSteroid = "epidural-steroid"
    case nerveBlock = "nerve-block"
    case facet
    case sacroiliac
    case radiofrequency
    case softTissue = "soft-tissue"
    case sympathetic
    case disc
    case vertebralAugmentation = "vertebral-augmentation"
    case neuromodulation
    case intrathecal
    case therapy
    case medication
    case complementary
    case surgical

    public var title: String {
        switch self {
        case .epiduralSteroid: "Epidural steroid injections"
        case .nerveBlock: "Nerve and root blocks"
        case .facet: "Facet joint procedures"
        case .sacroiliac: "Sacroiliac joint procedures"
        case .radiofrequency: "Radiofrequency procedures"
        case .softTissue: "Trigger point injections"
        case .sympathetic: "Sympathetic blocks"
        case .disc: "Disc procedures"
        case .vertebralAugmentation: "Vertebral augmentation"
        case .neuromodulation: "Spinal cord stimulation"
        case .intrathecal: "Intrathecal drug delivery"
        case .therapy: "Therapies"
        case .medication: "Medication management"
        case .complementary: "Complementary care"
        case .surgical: "Surgery"
        }
    }

    /// Done by the practice's physician as a procedure (consent, bleeding risk, coding); the rest of the plan is
    /// delivered by the team or another facility.
    public var isProcedure: Bool { ![.therapy, .medication, .complementary, .surgical].contains(self) }
}

public enum InterventionPurpose: String, Coded, Codable {
    case diagnostic, therapeutic, both

    public var title: String {
        switch self {
        case .diagnostic: "Diagnostic: finds the source of pain"
        case .therapeutic: "Therapeutic: treats the pain"
        case .both: "Diagnostic and therapeutic"
        }
    }
}

/// ASRA procedure bleeding-risk classes (REFERENCE §1a), which decide how long each blood thinner is held.
public enum BleedingRisk: String, Coded, Codable, Comparable {
    case low, intermediate, high

    public var title: String {
        switch self {
        case .low: "Low bleeding risk"
        case .intermediate: "Intermediate bleeding risk"
        case .high: "High bleeding risk"
        }
    }

    var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: BleedingRisk, rhs: BleedingRisk) -> Bool { lhs.rank < rhs.rank }
}

public enum ImageGuidance: String, Coded, Codable {
    case fluoroscopy, ct, ultrasound, none

    public var title: String {
        switch self {
        case .fluoroscopy: "Fluoroscopy (x-ray)"
        case .ct: "CT"
        case .ultrasound: "Ultrasound"
        case .none: "No imaging (landmarks)"
        }
    }

    /// Uses ionising radiation, which pregnancy weighs against.
    public var usesRadiation: Bool { self == .fluoroscopy || self == .ct }
}

/// The usual anaesthesia; sedation needs a room with monitoring and recovery, a fasting patient and a driver home.
public enum Anaesthesia: String, Coded, Codable {
    case none, local, sedation, deepSedation = "deep-sedation"

    public var title: String {
        switch self {
        case .none: "None."
        case .local: "Local anaesthetic at the skin; light sedation only if needed."
        case .sedation: "Local anaesthetic with light sedation."
        case .deepSedation: "Local anaesthetic with sedation, or general anaesthesia."
        }
    }

    public var isSedation: Bool { self == .sedation || self == .deepSedation }
}

/// What the patient's pain is, as a condition presents it and as an intervention treats it: epidural steroids treat
/// radicular pain, facet procedures axial pain (REFERENCE §2).
public enum PainKind: String, Coded, Codable {
    case radicular
    case stenosis
    case axial
    case facet
    case discogenic
    case sacroiliac
    case postLaminectomy = "post-laminectomy"
    case compressionFracture = "compression-fracture"
    case myofascial
    case headache
    case crps
    case neuropathic
    case cancer
    case jointArthritis = "joint-arthritis"
    case widespread
    case chronic

    public var title: String {
        switch self {
        case .radicular: "Radicular pain (radiculopathy, sciatica)"
        case .stenosis: "Spinal stenosis"
        case .axial: "Axial neck or back pain"
        case .facet: "Facet joint arthropathy"
        case .discogenic: "Discogenic pain"
        case .sacroiliac: "Sacroiliac joint pain"
        case .postLaminectomy: "Pain after spine surgery"
        case .compressionFracture: "Vertebral compression fracture"
        case .myofascial: "Myofascial pain"
        case .headache: "Headache"
        case .crps: "Complex regional pain syndrome"
        case .neuropathic: "Neuropathic pain"
        case .cancer: "Cancer-related pain"
        case .jointArthritis: "Joint arthritis"
        case .widespread: "Widespread pain (fibromyalgia)"
        case .chronic: "Chronic pain"
        }
    }
}

/// Risks every plan and consent names (PRACTICE.md "Risks and considerations").
public enum GeneralRisk: String, Coded, Codable {
    case infection, bleeding
    case nerveDamage = "nerve-damage"
    case allergy
    case failure
    case painFlare = "pain-flare"
    case cost
    case dependency

    public var title: String {
        switch self {
        case .infection: "Infection where the needle or implant goes in"
        case .bleeding: "Bleeding, above all with a clotting disorder or blood thinners"
        case .nerveDamage: "Injury to a nerve or the spinal cord: more pain, very rarely paralysis"
        case .allergy: "An allergic reaction to a medicine or material used"
        case .failure: "It may not help, help only a little, or the pain may come back after relief"
        case .painFlare: "More pain for a few days afterwards"
        case .cost: "Cost: coverage differs between plans, so coverage and your share are checked beforehand"
        case .dependency: "Relying on repeated procedures when the cause is not addressed: results are reviewed regularly"
        }
    }

    public static let procedure: [GeneralRisk] = allCases
}

/// How strong the evidence for an intervention is, in the catalogue's own words; weak evidence is flagged wherever
/// the intervention is offered.
public enum EvidenceStrength: String, Coded, Codable {
    case established, mixed, limited
    case noBenefit = "no-benefit"

    public var title: String {
        switch self {
        case .established: "Established for its indications"
        case .mixed: "Mixed evidence"
        case .limited: "Limited evidence"
        case .noBenefit: "No lasting benefit shown"
        }
    }

    public var isWeak: Bool { self != .established }
}

public struct EvidenceNote: Hashable, Sendable {
    public let strength: EvidenceStrength
    public let text: String
    public let source: ClinicalSource
}

/// A CPT code with our own short label (CPT descriptors are © AMA).
public struct BillingCode: Hashable, Sendable {
    public let code: String
    public let label: String
    /// An add-on code ("+64484"), billed only with its primary.
    public let isAddOn: Bool
}

/// How the two sides of one session are billed.
public enum BilateralRule: String, Codable, Sendable {
    /// The same codes once, with modifier 50.
    case modifier50
    /// One side per session (interlaminar ESI is never bilateral; a stellate block on both sides risks both recurrent
    /// laryngeal nerves).
    case notAllowed
    /// The procedure has no side (midline, implant, systemic).
    case noSide
}

/// One line of a claim: a code, its units and modifiers.
public struct BilledLine: Hashable, Sendable {
    public let code: BillingCode
    public let units: Int
    public let modifiers: [String]
}

/// How a procedure is coded in one set of regions: the code for the first level, then each further level's code
/// (the last repeats), and codes billed once beside them (a generator, imaging supervision).
public struct Billing: Hashable, Sendable {
    public let regions: Set<BodyArea>
    public let perLevel: [BillingCode]
    public let once: [BillingCode]
    public let bilateral: BilateralRule
    public let note: String?
    public let source: ClinicalSource

    /// The claim lines for a session of `levels` levels (at least one) on `side`.
    public func lines(levels: Int, side: Laterality?) -> [BilledLine] {
        let modifiers = side == .bilateral && bilateral == .modifier50 ? ["50"] : []
        var lines: [BilledLine] = []
        for index in 0..<max(levels, 1) {
            let code = perLevel[min(index, perLevel.count - 1)]
            if let last = lines.last, last.code == code {
                lines[lines.count - 1] = BilledLine(code: code, units: last.units + 1, modifiers: modifiers)
            } else {
                lines.append(BilledLine(code: code, units: 1, modifiers: modifiers))
            }
        }
        return lines + once.map { BilledLine(code: $0, units: 1, modifiers: []) }
    }
}

/// What a level names for an intervention: a motion segment (facet joints, discs, foramina), a vertebra
/// (augmentation), or nothing (soft tissue, implants).
public enum LevelUnit: String, Codable, Sendable {
    case segment, vertebra
}

/// One entry of the intervention catalogue. `id` is stable: plans, prior procedures and decisions store it.
public struct Intervention: Hashable, Sendable, Identifiable {
    public let id: String
    public let name: String
    public let category: InterventionCategory
    public let regions: [BodyArea]
    public let purpose: InterventionPurpose
    public let billing: [Billing]
    /// The pain patterns it treats (`PainKind.of` reads them off the patient's diagnoses).
    public let indications: [PainKind]
    public let bleedingRisk: SourcedValue<BleedingRisk>?
    /// The usual guidance first.
    public let guidance: [ImageGuidance]
    public let levelUnit: LevelUnit?
    public let bilateral: BilateralRule
    public let anaesthesia: Anaesthesia
    public let onset: String
    public let duration: String
    public let evidence: EvidenceNote
    public let generalRisks: [GeneralRisk]
    public let specificRisks: [String]
    /// Other catalogue entries to weigh instead; doing nothing is always an alternative too.
    public let alternatives: [String]
    public let preparation: [String]
    public let aftercare: [String]
    /// Days after the procedure (or the start) for the default follow-up visits.
    public let followUpDays: [Int]
    public let usesSteroid: Bool
    public let usesContrast: Bool
    public let usesLocalAnaesthetic: Bool
    public let isImplant: Bool
    /// The catalogue entry that must have been done first: a successful trial before an implant, an implant before
    /// a refill.
    public let prerequisite: String?
    public let source: ClinicalSource

    public var isProcedure: Bool { category.isProcedure }

    /// The coding for a region, when the intervention is coded there.
    public func billing(for region: BodyArea) -> Billing? { billing.first { $0.regions.contains(region) } }

    /// What a room must have for it: the usual guidance's equipment, and monitoring and recovery when sedated.
    public var roomNeeds: Set<RoomCapability> {
        var needs = Set<RoomCapability>()
        switch guidance.first {
        case .fluoroscopy: needs.insert(.fluoroscopy)
        case .ct: needs.insert(.ct)
        case .ultrasound: needs.insert(.ultrasound)
        case .none?, nil: break
        }
        if anaesthesia.isSedation { needs.insert(.sedation) }
        return needs
    }

    /// Uses x-ray or CT in its usual guidance.
    public var usesRadiation: Bool { guidance.first?.usesRadiation ?? false }
}
