/// The resource types Relief serves, each with the US Core profile it claims (where US Core 6.1 has one), who may
/// read it, and its search parameters: the ones US Core asks for, each compared against one value of the record
/// (`FHIRRecord.tokens` and `periods` are keyed by these names).
public enum FHIRResourceType: String, CaseIterable, Sendable {
    case patient = "Patient"
    case condition = "Condition"
    case allergyIntolerance = "AllergyIntolerance"
    case medicationStatement = "MedicationStatement"
    case procedure = "Procedure"
    case observation = "Observation"

    public struct SearchParameter: Sendable {
        public enum Kind: String, Sendable { case token, date, reference, string, number }
        public let name: String
        public let kind: Kind

        init(_ name: String, _ kind: Kind) {
            self.name = name
            self.kind = kind
        }
    }

    private static let usCore = "http://hl7.org/fhir/us/core/StructureDefinition/"

    /// The profile every resource of the type claims in `meta.profile`; nil where US Core 6.1 has none.
    public var profile: String? {
        switch self {
        case .patient: Self.usCore + "us-core-patient"
        case .condition: Self.usCore + "us-core-condition-problems-health-concerns"
        case .allergyIntolerance: Self.usCore + "us-core-allergyintolerance"
        // US Core 6.1 profiles MedicationRequest, not MedicationStatement.
        case .medicationStatement: nil
        case .procedure: Self.usCore + "us-core-procedure"
        // Observations claim their profile one by one (a questionnaire score, not an MME total).
        case .observation: nil
        }
    }

    /// The element naming the patient.
    public var patientElement: String {
        switch self {
        case .allergyIntolerance: "patient"
        default: "subject"
        }
    }

    /// Who may read it: registration with the patient list; the clinical record with clinical reading.
    public var readAction: Action { self == .patient ? .patientRead : .clinicalRead }

    /// Parameters beyond `_id` and `patient`, which every clinical type takes.
    public var searchParameters: [SearchParameter] {
        switch self {
        case .patient: FHIRServer.patientSearch.map { SearchParameter($0.name, SearchParameter.Kind(rawValue: $0.type) ?? .string) }
        case .condition: [.init("category", .token), .init("code", .token), .init("clinical-status", .token), .init("onset-date", .date),
                          .init("recorded-date", .date)]
        case .allergyIntolerance: [.init("clinical-status", .token), .init("code", .token)]
        case .medicationStatement: [.init("code", .token), .init("status", .token), .init("effective", .date)]
        case .procedure: [.init("code", .token), .init("status", .token), .init("date", .date)]
        case .observation: [.init("category", .token), .init("code", .token), .init("status", .token), .init("date", .date)]
        }
    }

    public func searchParameter(_ name: String) -> SearchParameter? { searchParameters.first { $0.name == name } }

    /// The clinical types: everything but the Patient.
    public static var clinical: [FHIRResourceType] { allCases.filter { $0 != .patient } }
}
