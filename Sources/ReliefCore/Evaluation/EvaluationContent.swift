/// Substances for the family and personal history the Opioid Risk Tool asks about (REFERENCE §5).
public enum Substance: String, Coded {
    case alcohol, illegalDrugs = "illegal-drugs", prescriptionDrugs = "prescription-drugs"

    public var title: String {
        switch self {
        case .alcohol: "Alcohol"
        case .illegalDrugs: "Illegal drugs"
        case .prescriptionDrugs: "Prescription drugs"
        }
    }
}

/// Strength, reflex and sensation at one nerve root on one side.
public struct NeuroExam: Hashable, Codable, Sendable {
    public var root: String
    public var side: String
    public var strength: String?
    public var reflex: String?
    public var sensation: String?
}

/// One provocation test on one side.
public struct ProvocationResult: Hashable, Codable, Sendable {
    public var test: String
    public var side: String
    public var result: String
}

/// The first-visit evaluation as stored (a JSON document on the encounter): what the nurse and physician
/// captured, coded where a later rule or report reads it. Codes are stored as strings so a retired code in an
/// old note stays readable.
public struct EvaluationContent: Hashable, Codable, Sendable {
    public var chiefComplaint = ""
    public var onsetDate: PartialDate?
    public var onsetMechanism: String?
    public var characters: [String] = []
    public var radiation = ""
    public var pattern: String?
    public var aggravating: [String] = []
    public var relieving: [String] = []
    public var painNow: Int?
    public var painAverage: Int?
    public var painWorst: Int?
    public var painLeast: Int?
    public var painMap: [PainMark] = []
    public var sleep: String?
    public var workStatus: String?
    public var activitiesGivenUp = ""
    public var mood = ""
    public var goals: [String] = []
    public var goalOther = ""
    public var concerns = ""
    public var history: [String] = []
    public var historyNotes = ""
    public var smoking: String?
    public var alcohol: String?
    public var substanceUse = ""
    public var familySubstanceAbuse: [String] = []
    public var inspection = ""
    public var rangeOfMotion = ""
    public var tenderness: [String] = []
    public var tendernessNotes = ""
    public var neuro: [NeuroExam] = []
    public var provocation: [ProvocationResult] = []
    public var examNotes = ""
    public var redFlags: [String] = []
    public var redFlagNotes = ""
    public var assessment = ""
    public var plan = ""
    /// Plain words for the patient to take home; optional so notes written before it read back unchanged.
    public var patientInstructions: String?

    public init() {}

    /// How long the pain has lasted on `day`, when the onset is known.
    /// From the last day a partial onset may mean, so a duration is never overstated ("at least").
    public func duration(on day: CalendarDate) -> PainDuration? { onsetDate.map { PainDuration(onset: min($0.latest, day), on: day) } }

    public var positiveRedFlags: [RedFlag] { redFlags.compactMap(RedFlag.init(rawValue:)) }
}
