import Foundation

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
    case questionnaireResponse = "QuestionnaireResponse"
    case coverage = "Coverage"
    case device = "Device"
    case appointment = "Appointment"
    case encounter = "Encounter"
    case consent = "Consent"
    case practitioner = "Practitioner"
    case organization = "Organization"
    case location = "Location"
    case group = "Group"
    case questionnaire = "Questionnaire"
    case serviceRequest = "ServiceRequest"
    case diagnosticReport = "DiagnosticReport"
    case carePlan = "CarePlan"
    case goal = "Goal"
    case careTeam = "CareTeam"
    case provenance = "Provenance"
    case auditEvent = "AuditEvent"

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
        case .patient: FHIR.usCorePatient
        case .condition: Self.usCore + "us-core-condition-problems-health-concerns"
        case .allergyIntolerance: Self.usCore + "us-core-allergyintolerance"
        // US Core 6.1 profiles MedicationRequest, not MedicationStatement.
        case .medicationStatement: nil
        case .procedure: Self.usCore + "us-core-procedure"
        // Observations claim their profile one by one (a questionnaire score, not an MME total).
        case .observation: nil
        case .questionnaireResponse: Self.usCore + "us-core-questionnaireresponse"
        case .coverage: Self.usCore + "us-core-coverage"
        case .device: Self.usCore + "us-core-implantable-device"
        case .encounter: Self.usCore + "us-core-encounter"
        case .practitioner: Self.usCore + "us-core-practitioner"
        case .organization: Self.usCore + "us-core-organization"
        case .location: Self.usCore + "us-core-location"
        case .serviceRequest: Self.usCore + "us-core-servicerequest"
        // US Core's report profiles ask for LOINC categories and codes Relief's work-up catalogue does not have yet.
        case .diagnosticReport: nil
        case .carePlan: Self.usCore + "us-core-careplan"
        case .goal: Self.usCore + "us-core-goal"
        case .careTeam: Self.usCore + "us-core-careteam"
        case .provenance, .auditEvent: nil
        case .appointment, .consent, .group, .questionnaire: nil
        }
    }

    /// The element naming the patient; nil where the mapping places it (an appointment's participants).
    public var patientElement: String? {
        switch self {
        case .allergyIntolerance, .device, .consent: "patient"
        case .coverage: "beneficiary"
        // An appointment names its patient among its participants; a Provenance through its target.
        case .appointment, .practitioner, .organization, .location, .group, .questionnaire, .provenance, .auditEvent: nil
        default: "subject"
        }
    }

    /// Who may read it: registration, insurance, appointments, staff and rooms with the patient list (the front
    /// desk's); the clinical record with clinical reading.
    public var readAction: Action {
        switch self {
        case .patient, .coverage, .appointment, .practitioner, .organization, .location: .patientRead
        // The trail of who did what is the auditors'.
        case .auditEvent: .auditView
        default: .clinicalRead
        }
    }

    /// The types a client may create and update: the registration and the chart lists staff keep.
    public var isWritable: Bool { [.patient, .allergyIntolerance, .medicationStatement, .condition].contains(self) }

    /// Whether its resources belong to a patient (and are searched one patient at a time) or to the practice.
    public var isPatientScoped: Bool { ![.practitioner, .organization, .location, .group, .questionnaire, .auditEvent].contains(self) }

    /// Parameters beyond `_id` and (for a patient's types) `patient`.
    public var searchParameters: [SearchParameter] {
        switch self {
        case .patient: FHIRServer.patientSearch.map { SearchParameter($0.name, SearchParameter.Kind(rawValue: $0.type) ?? .string) }
        case .condition: [.init("category", .token), .init("code", .token), .init("clinical-status", .token), .init("onset-date", .date),
                          .init("recorded-date", .date)]
        case .allergyIntolerance: [.init("clinical-status", .token), .init("code", .token)]
        case .medicationStatement: [.init("code", .token), .init("status", .token), .init("effective", .date)]
        case .procedure: [.init("code", .token), .init("status", .token), .init("date", .date)]
        case .observation: [.init("category", .token), .init("code", .token), .init("status", .token), .init("date", .date)]
        case .questionnaireResponse: [.init("questionnaire", .token), .init("status", .token), .init("authored", .date)]
        case .coverage: [.init("status", .token), .init("type", .token)]
        case .device: [.init("type", .token), .init("status", .token)]
        case .appointment: [.init("status", .token), .init("service-type", .token), .init("date", .date)]
        case .encounter: [.init("status", .token), .init("class", .token), .init("type", .token), .init("date", .date)]
        case .consent: [.init("status", .token), .init("category", .token), .init("date", .date)]
        case .practitioner: [.init("name", .string), .init("identifier", .token)]
        case .organization: [.init("name", .string), .init("identifier", .token)]
        case .location: [.init("name", .string), .init("status", .token)]
        case .group: [.init("code", .token)]
        case .questionnaire: [.init("name", .string)]
        case .serviceRequest: [.init("category", .token), .init("code", .token), .init("status", .token), .init("authored", .date)]
        case .diagnosticReport: [.init("category", .token), .init("code", .token), .init("status", .token), .init("date", .date)]
        case .carePlan: [.init("category", .token), .init("status", .token), .init("date", .date)]
        case .goal: [.init("lifecycle-status", .token), .init("target-date", .date)]
        case .careTeam: [.init("status", .token)]
        case .provenance: [.init("agent-type", .token), .init("recorded", .date)]
        case .auditEvent: [.init("date", .date), .init("patient", .token), .init("action", .token), .init("subtype", .token)]
        }
    }

    /// The stored record's UUID behind a resource id: the id itself, or its first 36 characters for a resource
    /// derived from a record (an order's report, a plan's goals and team: the record's id with a suffix).
    public func storedID(_ id: String) -> UUID? {
        UUID(uuidString: String(id.prefix(36)))
    }

    public func searchParameter(_ name: String) -> SearchParameter? { searchParameters.first { $0.name == name } }

    /// Everything but the Patient, which is kept and searched on its own.
    public static var records: [FHIRResourceType] { allCases.filter { $0 != .patient } }
}
