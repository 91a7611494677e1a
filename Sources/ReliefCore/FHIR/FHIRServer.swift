import Foundation

/// What the FHIR endpoint says about itself and about what went wrong.
public enum FHIRServer {
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
            "software": ["name": "Relief"],
            "implementation": ["description": "Relief: interventional pain management"],
            "rest": [[
                "mode": "server",
                "security": ["description": "A personal API token as a Bearer token; each read is audited and checked against the token owner's role."],
                "resource": .array(FHIRResourceType.allCases.map(resource)),
            ]],
        ]
    }

    private static func resource(_ type: FHIRResourceType) -> JSONValue {
        let common: [(String, String)] = type == .patient ? [] : [("_id", "token")] + (type.isPatientScoped ? [("patient", "reference")] : [])
        let parameters = common + type.searchParameters.map { ($0.name, $0.kind.rawValue) } + [("_count", "number")]
        return FHIR.object([
            ("type", .string(type.rawValue)),
            ("supportedProfile", type == .observation ? [.string(FHIRObservation.screeningAssessment)] : type.profile.map { [.string($0)] }),
            ("interaction", [["code": "read"], ["code": "search-type"]]),
            ("searchInclude", type == .patient || !type.isPatientScoped ? nil : [.string("\(type.rawValue):patient")]),
            ("searchParam", .array(parameters.map { ["name": .string($0.0), "type": .string($0.1)] })),
            ("operation", type == .patient ? [["name": "everything", "definition": "http://hl7.org/fhir/OperationDefinition/Patient-everything"]] : nil),
        ])
    }

    /// An OperationOutcome with one error: its code (FHIR's issue-type), what is wrong, and the element at fault.
    public static func outcome(_ code: String, _ diagnostics: String, expression: String? = nil, severity: String = "error") -> JSONValue {
        FHIR.object([("resourceType", "OperationOutcome"), ("issue", [FHIR.object([
            ("severity", .string(severity)), ("code", .string(code)), ("diagnostics", .string(diagnostics)),
            ("expression", expression.map { [.string($0)] }),
        ])])])
    }

    /// FHIR's issue-type for an HTTP status.
    public static func issueCode(status: Int) -> String {
        switch status {
        case 401: "login"
        case 403: "forbidden"
        case 404: "not-found"
        case 406: "not-supported"
        case 409, 412: "conflict"
        case 422, 400: "invalid"
        case 429: "throttled"
        default: status >= 500 ? "exception" : "processing"
        }
    }
}
