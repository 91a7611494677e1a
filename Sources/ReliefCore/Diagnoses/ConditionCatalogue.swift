/// Where in the body a condition sits, for grouping the problem list and matching it to the body map.
public enum BodyArea: String, Coded, Codable {
    case cervical, thoracic, lumbar, sacral, head, upperLimb = "upper-limb", lowerLimb = "lower-limb", widespread

    public var title: String {
        switch self {
        case .cervical: "Neck (cervical)"
        case .thoracic: "Mid back (thoracic)"
        case .lumbar: "Low back (lumbar)"
        case .sacral: "Sacrum and pelvis"
        case .head: "Head"
        case .upperLimb: "Arm and shoulder"
        case .lowerLimb: "Leg, hip and knee"
        case .widespread: "Widespread or systemic"
        }
    }
}

public enum Laterality: String, Coded, Codable {
    case left, right, bilateral

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// One coded condition from the catalogue: an ICD-10-CM code with our own short label.
public struct Condition: Hashable, Sendable, Identifiable {
    public var id: String { code }
    public let code: String
    public let label: String
    public let area: BodyArea
    /// The side the code itself states, when it states one.
    public let laterality: Laterality?
    public let source: ClinicalSource
}

/// Relief's curated list of the conditions a pain practice treats (PRACTICE.md "Conditions treated"), with the
/// ICD-10-CM codes of REFERENCE §6. Codes beyond §6 are marked for verification. ICD-10-CM changes every
/// October: re-check against the CMS file for the fiscal year.
public enum ConditionCatalogue {
    private static let reference = ClinicalSource("REFERENCE §6 ICD-10-CM [S7][S29]", .secondary)
    private static let ddd = ClinicalSource("REFERENCE §6 ICD-10-CM, FY2025 disc degeneration codes [S30]", .secondary)
    /// Codes the practice needs that §6 does not list yet.
    private static let beyondReference = ClinicalSource("ICD-10-CM tabular list; not in REFERENCE.md §6 yet", .unconfirmed)

    private static func c(_ code: String, _ label: String, _ area: BodyArea, _ side: Laterality? = nil,
                          _ source: ClinicalSource = reference) -> Condition {
        Condition(code: code, label: label, area: area, laterality: side, source: source)
    }

    public static let all: [Condition] = [
        c("M54.50", "Low back pain, unspecified", .lumbar),
        c("M54.51", "Vertebrogenic low back pain", .lumbar),
        c("M54.59", "Other low back pain", .lumbar),
        c("M54.16", "Radiculopathy, lumbar region", .lumbar),
        c("M54.17", "Radiculopathy, lumbosacral region", .lumbar),
        c("M51.16", "Lumbar disc disorder with radiculopathy", .lumbar),
        c("M51.17", "Lumbosacral disc disorder with radiculopathy", .lumbar),
        c("M51.26", "Lumbar disc displacement (herniation, bulge)", .lumbar, nil, beyondReference),
        c("M51.27", "Lumbosacral disc displacement (herniation, bulge)", .lumbar, nil, beyondReference),
        c("M54.30", "Sciatica, unspecified side", .lumbar),
        c("M54.31", "Sciatica, right side", .lumbar, .right),
        c("M54.32", "Sciatica, left side", .lumbar, .left),
        c("M54.40", "Lumbago with sciatica, unspecified side", .lumbar),
        c("M54.41", "Lumbago with sciatica, right side", .lumbar, .right),
        c("M54.42", "Lumbago with sciatica, left side", .lumbar, .left),
        c("M48.061", "Lumbar spinal stenosis without neurogenic claudication", .lumbar),
        c("M48.062", "Lumbar spinal stenosis with neurogenic claudication", .lumbar),
        c("M47.812", "Spondylosis (facet arthropathy), cervical", .cervical),
        c("M47.813", "Spondylosis (facet arthropathy), cervicothoracic", .cervical),
        c("M47.814", "Spondylosis (facet arthropathy), thoracic", .thoracic),
        c("M47.815", "Spondylosis (facet arthropathy), thoracolumbar", .thoracic),
        c("M47.816", "Spondylosis (facet arthropathy), lumbar", .lumbar),
        c("M47.817", "Spondylosis (facet arthropathy), lumbosacral", .lumbar),
        c("M51.360", "Lumbar disc degeneration with discogenic back pain only", .lumbar, nil, ddd),
        c("M51.361", "Lumbar disc degeneration with lower extremity pain only", .lumbar, nil, ddd),
        c("M51.362", "Lumbar disc degeneration with discogenic back pain and lower extremity pain", .lumbar, nil, ddd),
        c("M51.369", "Lumbar disc degeneration without mention of back or lower extremity pain", .lumbar, nil, ddd),
        c("M51.370", "Lumbosacral disc degeneration with discogenic back pain only", .lumbar, nil, ddd),
        c("M51.371", "Lumbosacral disc degeneration with lower extremity pain only", .lumbar, nil, ddd),
        c("M51.372", "Lumbosacral disc degeneration with discogenic back pain and lower extremity pain", .lumbar, nil, ddd),
        c("M51.379", "Lumbosacral disc degeneration without mention of back or lower extremity pain", .lumbar, nil, ddd),
        c("M54.2", "Cervicalgia (neck pain)", .cervical),
        c("M54.12", "Radiculopathy, cervical region", .cervical),
        c("M50.11", "Cervical disc disorder with radiculopathy, high cervical (C2–C3, C3–C4)", .cervical),
        c("M50.121", "Cervical disc disorder with radiculopathy, C4–C5", .cervical),
        c("M50.122", "Cervical disc disorder with radiculopathy, C5–C6", .cervical),
        c("M50.123", "Cervical disc disorder with radiculopathy, C6–C7", .cervical),
        c("M50.13", "Cervical disc disorder with radiculopathy, cervicothoracic", .cervical),
        c("M50.30", "Cervical disc degeneration, unspecified level", .cervical),
        c("M50.322", "Cervical disc degeneration, C5–C6", .cervical),
        c("M50.323", "Cervical disc degeneration, C6–C7", .cervical),
        c("S13.4XXA", "Whiplash (cervical sprain), initial encounter", .cervical),
        c("S13.4XXD", "Whiplash (cervical sprain), subsequent encounter", .cervical),
        c("M46.1", "Sacroiliitis (sacroiliac joint pain)", .sacral),
        c("M96.1", "Postlaminectomy syndrome (failed back surgery)", .lumbar),
        c("M80.08XA", "Osteoporotic vertebral compression fracture, initial encounter", .thoracic, nil, beyondReference),
        c("M48.56XA", "Collapsed vertebra, lumbar, initial encounter", .lumbar, nil, beyondReference),
        c("M17.0", "Osteoarthritis of both knees", .lowerLimb, .bilateral),
        c("M17.11", "Osteoarthritis of the right knee", .lowerLimb, .right),
        c("M17.12", "Osteoarthritis of the left knee", .lowerLimb, .left),
        c("M16.0", "Osteoarthritis of both hips", .lowerLimb, .bilateral),
        c("M16.11", "Osteoarthritis of the right hip", .lowerLimb, .right),
        c("M16.12", "Osteoarthritis of the left hip", .lowerLimb, .left),
        c("M19.011", "Osteoarthritis of the right shoulder", .upperLimb, .right),
        c("M19.012", "Osteoarthritis of the left shoulder", .upperLimb, .left),
        c("G90.50", "Complex regional pain syndrome I, unspecified", .widespread),
        c("G90.511", "Complex regional pain syndrome I, right upper limb", .upperLimb, .right),
        c("G90.512", "Complex regional pain syndrome I, left upper limb", .upperLimb, .left),
        c("G90.513", "Complex regional pain syndrome I, both upper limbs", .upperLimb, .bilateral),
        c("G90.521", "Complex regional pain syndrome I, right lower limb", .lowerLimb, .right),
        c("G90.522", "Complex regional pain syndrome I, left lower limb", .lowerLimb, .left),
        c("G90.523", "Complex regional pain syndrome I, both lower limbs", .lowerLimb, .bilateral),
        c("G90.59", "Complex regional pain syndrome I, other site", .widespread),
        c("M79.7", "Fibromyalgia", .widespread),
        c("M79.18", "Myofascial pain (myalgia, other site)", .widespread),
        c("G44.209", "Tension-type headache, not intractable", .head),
        c("G44.219", "Episodic tension-type headache, not intractable", .head),
        c("G44.229", "Chronic tension-type headache, not intractable", .head),
        c("E11.42", "Type 2 diabetes with diabetic polyneuropathy", .widespread),
        c("E10.42", "Type 1 diabetes with diabetic polyneuropathy", .widespread),
        c("G89.3", "Neoplasm-related pain", .widespread),
        c("G89.4", "Chronic pain syndrome", .widespread),
        c("G89.29", "Other chronic pain", .widespread),
    ]

    private static let byCode = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    /// A catalogue condition by its code, typed in any case.
    public static func condition(_ code: String) -> Condition? {
        byCode[code.trimmingCharacters(in: .whitespaces).uppercased()]
    }

    /// Conditions whose code starts with, or whose label contains, the typed text.
    public static func search(_ text: String) -> [Condition] {
        let needle = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !needle.isEmpty else { return [] }
        return all.filter { $0.code.lowercased().hasPrefix(needle) || $0.label.lowercased().contains(needle) }
    }
}
