/// The lists on a chart that staff keep current entry by entry: medications, allergies, treatments tried before,
/// procedures done elsewhere, diagnoses, vital signs, visits elsewhere, laboratory results from elsewhere.
/// Each maps onto one FHIR R4 resource.
public enum ChartEntryKind: String, CaseIterable, Codable, Sendable {
    case medication
    case allergy
    case priorTreatment = "prior-treatment"
    case priorProcedure = "prior-procedure"
    case coverage
    case priorAuthorization = "prior-authorization"
    case diagnosis
    case vitalSigns = "vital-signs"
    case outsideVisit = "outside-visit"
    case labResult = "lab-result"

    /// The FHIR resource an entry maps onto, also its resource type in the audit trail.
    public var resourceType: String {
        switch self {
        case .medication: "MedicationStatement"
        case .allergy: "AllergyIntolerance"
        case .priorTreatment, .priorProcedure: "Procedure"
        case .diagnosis: "Condition"
        case .vitalSigns: "Observation"
        case .outsideVisit: "Encounter"
        case .labResult: "Observation"
        case .coverage: "Coverage"
        case .priorAuthorization: "ClaimResponse"
        }
    }

    public var title: String {
        switch self {
        case .medication: "Medication"
        case .allergy: "Allergy or intolerance"
        case .priorTreatment: "Prior treatment"
        case .priorProcedure: "Procedure done elsewhere"
        case .diagnosis: "Diagnosis"
        case .vitalSigns: "Vital signs"
        case .outsideVisit: "Visit elsewhere"
        case .labResult: "Laboratory result"
        case .coverage: "Coverage"
        case .priorAuthorization: "Prior authorisation"
        }
    }

    public var pluralTitle: String {
        switch self {
        case .medication: "Medications"
        case .allergy: "Allergies and intolerances"
        case .priorTreatment: "Prior treatments"
        case .priorProcedure: "Procedures done elsewhere"
        case .diagnosis: "Diagnoses"
        case .vitalSigns: "Vital signs"
        case .outsideVisit: "Visits elsewhere"
        case .labResult: "Laboratory results"
        case .coverage: "Insurance coverage"
        case .priorAuthorization: "Prior authorisations"
        }
    }

    /// The URL segment under a patient.
    public var pathSegment: String {
        switch self {
        case .medication: "medications"
        case .allergy: "allergies"
        case .priorTreatment: "prior-treatments"
        case .priorProcedure: "prior-procedures"
        case .diagnosis: "diagnoses"
        case .vitalSigns: "vital-signs"
        case .outsideVisit: "outside-visits"
        case .labResult: "lab-results"
        case .coverage: "coverage"
        case .priorAuthorization: "prior-authorizations"
        }
    }

    /// Who reads and keeps the list: insurance belongs with the registration the front desk keeps; the rest is clinical.
    public var readAction: Action { isFinancial ? .patientRead : .clinicalRead }
    public var writeAction: Action { isFinancial ? .patientRegister : .chartWrite }
    public var isFinancial: Bool { self == .coverage || self == .priorAuthorization }
}

/// One entry of a chart list, stored as JSON next to a few columns for queries. Parsing checks every value and
/// returns field-level problems; `fields` shows the stored entry for editing.
public protocol ChartEntryContent: Codable, Hashable, Sendable {
    static var kind: ChartEntryKind { get }
    /// A valid entry, or nil with the problems keyed by field name.
    static func parse(_ fields: FormFields, today: CalendarDate) -> (entry: Self?, problems: [String: String])
    var fields: FormFields { get }
    /// What the entry is about, for lists and the audit trail: a drug id, a substance, a kind of treatment.
    var code: String { get }
    var status: String { get }
    /// Whether it belongs on the current list (an active medication or allergy); history keeps the rest.
    var isCurrent: Bool { get }
    var label: String { get }
    /// Problems with saving this entry next to the patient's other current entries (`others` excludes the entry
    /// being edited): a duplicate allergy, "no known allergies" beside a known one.
    func problems(alongside others: [Self]) -> [String: String]
    /// What saving this entry makes of another current entry of the patient, or nil when it leaves it alone: a known
    /// allergy makes "no known allergies" inactive.
    func retiring(_ other: Self) -> Self?
}

extension ChartEntryContent {
    /// The parser's verdict, then the clashes with the patient's other current entries; for the form and the API.
    public static func validate(_ fields: FormFields, today: CalendarDate, others: [Self]) -> (Self?, [String: String]) {
        let (content, problems) = parse(fields, today: today)
        guard let content else { return (nil, problems) }
        let clashes = content.problems(alongside: others)
        return clashes.isEmpty ? (content, [:]) : (nil, clashes)
    }

    public func problems(alongside others: [Self]) -> [String: String] { [:] }
    public func retiring(_ other: Self) -> Self? { nil }
}

/// An entry of a history read newest first (vital signs, visits elsewhere, laboratory results), whatever order it was
/// typed or imported in.
public protocol DatedEntry {
    /// The day, and the minute of it when known (-1 when not).
    var occurred: (day: CalendarDate, minute: Int) { get }
}

extension DatedEntry {
    public static func newestFirst<ID>(_ entries: [(ID, Self)]) -> [(ID, Self)] {
        entries.sorted { $0.1.occurred > $1.1.occurred }
    }
}
