/// A procedure as the rules read it, done here or elsewhere: what, where, when, and how well it worked.
public struct ProcedureFact: Hashable, Sendable {
    public let intervention: String
    public let region: BodyArea
    public let levels: [ProcedureLevel]
    public let side: Laterality?
    public let date: CalendarDate
    public let peakReliefPercent: Int?
    /// Weeks of at least 50 % relief.
    public let reliefWeeks: Int?
    /// Steroid given, in triamcinolone-equivalent milligrams, when recorded.
    public let steroidMilligrams: Double?

    public init(intervention: String, region: BodyArea, levels: [ProcedureLevel] = [], side: Laterality? = nil, date: CalendarDate,
                peakReliefPercent: Int? = nil, reliefWeeks: Int? = nil, steroidMilligrams: Double? = nil) {
        self.intervention = intervention
        self.region = region
        self.levels = levels
        self.side = side
        self.date = date
        self.peakReliefPercent = peakReliefPercent
        self.reliefWeeks = reliefWeeks
        self.steroidMilligrams = steroidMilligrams
    }

    public var entry: Intervention? { InterventionCatalogue.intervention(intervention) }

    /// "Lumbar medial branch block L4-L5 on 2026-03-02, 80 % peak, 50 % or more for 0 weeks"
    public var summary: String {
        let levels = self.levels.isEmpty ? "" : " " + self.levels.map(\.description).joined(separator: ", ")
        let relief = peakReliefPercent.map { ", \($0) % peak relief" } ?? ", relief not recorded"
        let lasted = reliefWeeks.map { ", at least 50 % for \($0) weeks" } ?? ""
        return "\(entry?.name ?? intervention)\(levels) on \(date)\(relief)\(lasted)"
    }
}

extension PriorProcedureEntry {
    public var fact: ProcedureFact {
        ProcedureFact(intervention: intervention, region: region, levels: levels, side: side, date: performedOn,
                      peakReliefPercent: peakReliefPercent, reliefWeeks: reliefWeeks)
    }
}

/// A resulted imaging study with its structured findings.
public struct ImagingFact: Hashable, Sendable {
    public let test: WorkupTest
    public let region: BodyArea?
    public let side: Laterality?
    public let resultedOn: CalendarDate
    public let findings: [Finding]

    public init(test: WorkupTest, region: BodyArea?, side: Laterality? = nil, resultedOn: CalendarDate, findings: [Finding]) {
        self.test = test
        self.region = region
        self.side = side
        self.resultedOn = resultedOn
        self.findings = findings
    }
}

extension ImagingRegion {
    /// The body area of a spinal or pelvic study; limbs and head are not spinal regions.
    public var spinalArea: BodyArea? {
        switch self {
        case .cervical: .cervical
        case .thoracic: .thoracic
        case .lumbar: .lumbar
        case .pelvis: .sacral
        default: nil
        }
    }
}

/// The latest score of a questionnaire.
public struct ScoreFact: Hashable, Sendable {
    public let score: Double
    public let on: CalendarDate

    public init(score: Double, on: CalendarDate) {
        self.score = score
        self.on = on
    }
}

/// The patient's record as the rules read it on one day: everything decision support may use, gathered by the
/// caller from the chart so the rules stay pure.
public struct PatientFacts: Sendable {
    public var birthDate: CalendarDate?
    /// Active diagnoses.
    public var diagnoses: [DiagnosisEntry] = []
    /// When the pain began, from the latest evaluation.
    public var painSince: PartialDate?
    /// Procedure-relevant history ticked on the latest evaluation (diabetes, pregnancy, …).
    public var history: Set<ProcedureRelevantHistory> = []
    /// Unresolved red-flag alerts, by their message.
    public var openRedFlags: [String] = []
    public var conservativeCare = ConservativeCare([])
    public var imaging: [ImagingFact] = []
    /// The date a psychological evaluation was resulted.
    public var psychologicalEvaluationOn: CalendarDate?
    /// Latest score by questionnaire id ("phq-9", "odi").
    public var scores: [String: ScoreFact] = [:]
    public var procedures: [ProcedureFact] = []
    /// Active medications.
    public var medications: [MedicationEntry] = []
    /// Active allergies.
    public var allergies: [AllergyEntry] = []
    /// Coverages in force (any dates); the rules pick the one covering the planned day.
    public var coverages: [CoverageEntry] = []

    public init() {}

    /// The coverage that pays first on `date`: in force, started, not ended, by priority.
    public func coverage(on date: CalendarDate) -> CoverageEntry? {
        let order: [CoveragePriority] = [.primary, .secondary, .tertiary]
        return coverages.filter { $0.isCurrent && ($0.startOn ?? date) <= date && ($0.endOn ?? date) >= date }
            .min { order.firstIndex(of: $0.priority)! < order.firstIndex(of: $1.priority)! }
    }

    /// History ticked on the evaluation or, for diabetes, a diabetic diagnosis on the problem list.
    public func has(_ item: ProcedureRelevantHistory) -> Bool {
        if history.contains(item) { return true }
        if item == .diabetes { return diagnoses.contains { ["E10", "E11"].contains(String(($0.conditionCode ?? "").prefix(3))) } }
        return false
    }
}
