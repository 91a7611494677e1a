/// Kinds of treatment tried before the patient came, as payers' "failed conservative care" criteria and the
/// plan need them (REFERENCE §2: ESI and facet rules ask for failed conservative care of a given length).
public enum PriorTreatmentKind: String, Coded, Codable {
    case medication
    case physicalTherapy = "physical-therapy"
    case occupationalTherapy = "occupational-therapy"
    case homeExercise = "home-exercise"
    case chiropractic
    case acupuncture
    case massage
    case herbal
    case psychotherapy
    case tens
    case injection
    case radiofrequencyAblation = "radiofrequency-ablation"
    case otherProcedure = "other-procedure"
    case surgery
    case other

    public var title: String {
        switch self {
        case .medication: "Medication"
        case .physicalTherapy: "Physical therapy"
        case .occupationalTherapy: "Occupational therapy"
        case .homeExercise: "Home exercise programme"
        case .chiropractic: "Chiropractic care"
        case .acupuncture: "Acupuncture"
        case .massage: "Massage"
        case .herbal: "Herbal remedies or supplements"
        case .psychotherapy: "Psychotherapy or CBT"
        case .tens: "TENS"
        case .injection: "Injection or nerve block"
        case .radiofrequencyAblation: "Radiofrequency ablation"
        case .otherProcedure: "Other procedure"
        case .surgery: "Surgery"
        case .other: "Other"
        }
    }

    /// Non-interventional care: what payers count as conservative treatment.
    public var isConservative: Bool {
        switch self {
        case .injection, .radiofrequencyAblation, .otherProcedure, .surgery, .other: false
        default: true
        }
    }
}

public enum TreatmentResult: String, Coded, Codable {
    case helped, partial
    case noRelief = "no-relief"
    case worse
    case notTolerated = "not-tolerated"
    case ongoing

    public var title: String {
        switch self {
        case .helped: "Helped"
        case .partial: "Helped partly"
        case .noRelief: "No relief"
        case .worse: "Made it worse"
        case .notTolerated: "Not tolerated"
        case .ongoing: "Still ongoing"
        }
    }

    /// Tried and not enough: what "failed conservative care" means.
    public var isFailure: Bool { [.partial, .noRelief, .worse, .notTolerated].contains(self) }
}

public struct PriorTreatmentEntry: ChartEntryContent, SourceCoded {
    public static let kind = ChartEntryKind.priorTreatment

    public var treatmentKind: PriorTreatmentKind
    /// What exactly: the drug, the procedure and level, the provider.
    public var detail: String
    public var startDate: CalendarDate?
    /// How long it was tried, in weeks.
    public var weeks: Int?
    public var sessions: Int?
    public var reliefPercent: Int?
    /// How long the relief lasted, in weeks.
    public var reliefWeeks: Int?
    public var result: TreatmentResult?
    public var note: String
    /// Another system's codes for it, when imported.
    public var sourceCodings: [SourceCoding]?

    public init(kind: PriorTreatmentKind, detail: String = "", startDate: CalendarDate? = nil, weeks: Int? = nil,
                sessions: Int? = nil, reliefPercent: Int? = nil, reliefWeeks: Int? = nil, result: TreatmentResult? = nil,
                note: String = "") {
        treatmentKind = kind
        self.detail = detail
        self.startDate = startDate
        self.weeks = weeks
        self.sessions = sessions
        self.reliefPercent = reliefPercent
        self.reliefWeeks = reliefWeeks
        self.result = result
        self.note = note
    }

    public var code: String { treatmentKind.rawValue }
    public var status: String { result == .ongoing ? "in-progress" : "completed" }
    /// A history: every entry stays on the list.
    public var isCurrent: Bool { true }
    public var label: String { detail.isEmpty ? treatmentKind.title : "\(treatmentKind.title): \(detail)" }

    public static func parse(_ fields: FormFields, today: CalendarDate) -> (entry: PriorTreatmentEntry?, problems: [String: String]) {
        var reader = FormReader(fields, today: today)
        var entry = PriorTreatmentEntry(kind: reader.one("kind", PriorTreatmentKind.self, required: "Choose the kind of treatment.") ?? .other)
        entry.detail = reader.text("detail", limit: 300)
        if entry.treatmentKind == .other, entry.detail.isEmpty { reader.problem("detail", "Say what the treatment was.") }
        entry.startDate = reader.date("startDate", what: "The start date")
        entry.weeks = reader.integer("weeks", in: 0...2600)
        entry.sessions = reader.integer("sessions", in: 0...1000)
        entry.reliefPercent = reader.integer("reliefPercent", in: 0...100)
        entry.reliefWeeks = reader.integer("reliefWeeks", in: 0...2600)
        entry.result = reader.one("result", TreatmentResult.self)
        entry.note = reader.text("note", limit: 1000, multiline: true)
        return reader.problems.isEmpty ? (entry, [:]) : (nil, reader.problems)
    }

    public var fields: FormFields {
        var fields = FormFields()
        fields.set([
            ("kind", treatmentKind.rawValue), ("detail", detail), ("startDate", startDate?.display), ("weeks", weeks.map(String.init)),
            ("sessions", sessions.map(String.init)), ("reliefPercent", reliefPercent.map(String.init)),
            ("reliefWeeks", reliefWeeks.map(String.init)), ("result", result?.rawValue), ("note", note),
        ])
        return fields
    }
}

/// The conservative care a patient has tried without enough relief, for payer criteria such as
/// "≥ 4 weeks of failed conservative care" (REFERENCE §2, epidural steroid injections).
public struct ConservativeCare: Hashable, Sendable {
    public let failedWeeks: Int
    public let kinds: [PriorTreatmentKind]

    /// The longest single failed trial counts, not the sum: concurrent treatments (PT alongside an NSAID) overlap
    /// in time, and without end dates a sum would overstate the duration.
    public init(_ entries: [PriorTreatmentEntry]) {
        let failed = entries.filter { $0.treatmentKind.isConservative && ($0.result?.isFailure ?? false) }
        failedWeeks = failed.compactMap(\.weeks).max() ?? 0
        kinds = PriorTreatmentKind.allCases.filter { kind in failed.contains { $0.treatmentKind == kind } }
    }
}
