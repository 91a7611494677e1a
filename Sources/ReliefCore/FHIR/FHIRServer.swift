import Foundation

/// What the FHIR endpoint says about itself and about what went wrong.
public enum FHIRServer {
    /// Sent with a Patient create to register someone who looks like a registered patient (a namesake, a twin).
    public static let confirmDuplicateHeader = "Relief-Confirm-Duplicate"

    /// The Patient search parameters served, with their FHIR types (US Core's required ones for Patient).
    public static let patientSearch: [(name: String, type: String)] = [
        ("_id", "token"), ("identifier", "token"), ("name", "string"), ("family", "string"), ("given", "string"), ("birthdate", "date"),
        ("gender", "token"),
    ]

    /// The CapabilityStatement: exactly the interactions and search parameters served, JSON only.
    public static func capabilityStatement(date: CalendarDate) -> JSONValue {
        [
            "resourceType": "CapabilityStatement", "status": "active", "date": .string(date.description), "kind": "instance",
            "fhirVersion": "4.0.1", "format": ["json"],
            "instantiates": ["http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data"],
            "software": ["name": "Relief"],
            "implementation": ["description": "Relief: interventional pain management"],
            "rest": [[
                "mode": "server",
                "security": ["description": "A personal API token as a Bearer token; each read and write is audited and checked against the token owner's role; a token may be read-only."],
                "resource": .array(FHIRResourceType.allCases.map(resource)),
                // A bundle imports another system's records (patients, problems, allergies, medications).
                "interaction": [["code": "transaction"], ["code": "batch"]],
                "operation": [["name": "export", "definition": "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export"]],
            ]],
        ]
    }

    private static func resource(_ type: FHIRResourceType) -> JSONValue {
        let common: [(String, String)] = type == .patient ? [] : [("_id", "token")] + (type.isPatientScoped ? [("patient", "reference")] : [])
        let parameters = common + type.searchParameters.map { ($0.name, $0.kind.rawValue) } + [("_count", "number")]
        let interactions: [String] = ["read", "vread", "search-type"] + (type.isWritable ? ["create", "update"] : [.questionnaire, .questionnaireResponse].contains(type) ? ["create"] : [])
        let documentation: JSONValue? = type == .patient
            ? .string("A create that looks like a registered patient is refused (409) unless sent with \(confirmDuplicateHeader): true.") : nil
        return FHIR.object([
            ("type", .string(type.rawValue)),
            ("documentation", documentation),
            ("supportedProfile", type == .observation ? .array(([FHIRObservation.screeningAssessment, FHIRLabResult.profile] + VitalSign.allCases.map(\.profile)).map(JSONValue.string))
                : type.profile.map { [.string($0)] }),
            ("interaction", .array(interactions.map { ["code": .string($0)] })),
            // Updates name the version read (If-Match); only the current version is kept to read.
            ("versioning", .string(type.isWritable ? "versioned-update" : "versioned")), ("readHistory", .bool(false)),
            ("updateCreate", type.isWritable ? .bool(false) : nil),
            ("searchInclude", type == .patient || !type.isPatientScoped ? nil : [.string("\(type.rawValue):patient")]),
            ("searchRevInclude", type == .patient || type == .provenance || !type.isPatientScoped ? nil : ["Provenance:target"]),
            ("searchParam", .array(parameters.map { ["name": .string($0.0), "type": .string($0.1)] })),
            ("operation", operations(type)),
        ])
    }

    /// `$everything` and the Bulk Data kick-offs a type offers.
    private static func operations(_ type: FHIRResourceType) -> JSONValue? {
        switch type {
        case .patient:
            [["name": "everything", "definition": "http://hl7.org/fhir/OperationDefinition/Patient-everything"],
             ["name": "export", "definition": "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export"]]
        case .group: [["name": "export", "definition": "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export"]]
        default: nil
        }
    }

    /// An OperationOutcome with one error: its code (FHIR's issue-type), what is wrong, and the element at fault.
    public static func outcome(_ code: String, _ diagnostics: String, expression: String? = nil, severity: String = "error") -> JSONValue {
        outcome([issue(code, diagnostics, expression: expression, severity: severity)])
    }

    /// An OperationOutcome listing the issues a resource sent had, each at its element (`invalid` for errors,
    /// `informational` for what was not kept), after any others.
    public static func outcome(_ issues: [FHIRIssue], after others: [JSONValue] = []) -> JSONValue {
        outcome(others + issues.map { issue($0.severity == .error ? "invalid" : "informational", $0.message, expression: $0.expression, severity: $0.severity.rawValue) })
    }

    private static func outcome(_ issues: [JSONValue]) -> JSONValue {
        FHIR.object([("resourceType", "OperationOutcome"), ("issue", .array(issues))])
    }

    public static func issue(_ code: String, _ diagnostics: String, expression: String? = nil, severity: String = "error") -> JSONValue {
        FHIR.object([("severity", .string(severity)), ("code", .string(code)), ("diagnostics", .string(diagnostics)), ("expression", expression.map { [.string($0)] })])
    }

    /// FHIR's issue-type for an HTTP status.
    public static func issueCode(status: Int) -> String {
        switch status {
        case 401: "login"
        case 403: "forbidden"
        case 404: "not-found"
        case 406, 415: "not-supported"
        case 409, 412: "conflict"
        case 422, 400: "invalid"
        case 429: "throttled"
        default: status >= 500 ? "exception" : "processing"
        }
    }
}
