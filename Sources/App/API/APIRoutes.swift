import Foundation
import ReliefCore
import Vapor

/// The JSON API under `/api/v1`: its routes, the schemas of what they take and give, and the OpenAPI description
/// built from both.
enum APIRoutes {
    static let endpoints: [APIEndpoint] = [
        APIEndpoint(.GET, ["me"], access: .signedIn, "Who the token or session acts as, and what that role may do.",
                    response: .ref("Me"), handler: me),
    ] + InterventionsAPI.endpoints + PatientsAPI.endpoints + AlertsAPI.endpoints + InboxAPI.endpoints + QuestionnairesAPI.endpoints + EvaluationsAPI.endpoints + WorkupAPI.endpoints + DecisionSupportAPI.endpoints + CarePlansAPI.endpoints + PlanActivitiesAPI.endpoints + ConsentsAPI.endpoints + CostEstimateAPI.endpoints + AppointmentsAPI.endpoints
        + ChartEntriesAPI<MedicationEntry>.endpoints + ChartEntriesAPI<AllergyEntry>.endpoints
        + ChartEntriesAPI<PriorTreatmentEntry>.endpoints + ChartEntriesAPI<PriorProcedureEntry>.endpoints + ChartEntriesAPI<CoverageEntry>.endpoints + ChartEntriesAPI<PriorAuthorizationEntry>.endpoints + ChartEntriesAPI<DiagnosisEntry>.endpoints
        + ChartEntriesAPI<VitalSignsEntry>.endpoints + ChartEntriesAPI<OutsideVisitEntry>.endpoints + ChartEntriesAPI<LabResultEntry>.endpoints

    static let schemas: [(String, APISchema)] = [
        ("Error", .object([("error", .text), ("fields", .map(.text)), ("requestID", .text)], required: ["error", "requestID"])),
        ("Me", .record([("id", .uuid), ("name", .text), ("email", .text), ("role", .text), ("permissions", .array(.text)),
                        ("via", .string(choices: ["session", "api-token"]))])),
        ("Source", ClinicalSource.schema), ("Reason", APIReason.schema(versioned: false, limit: AlertsAPI.reasonLimit)),
        ("VersionedReason", APIReason.schema(versioned: true, limit: APIReason.limit)),
        ("Retraction", Retraction.schema), ("MedicationAlert", MedicationEntry.alertSchema),
    ] + InterventionsAPI.schemas + PatientsAPI.schemas + AlertsAPI.schemas + InboxAPI.schemas + QuestionnairesAPI.schemas + EvaluationsAPI.schemas + WorkupAPI.schemas + DecisionSupportAPI.schemas + CarePlansAPI.schemas + PlanActivitiesAPI.schemas + ConsentsAPI.schemas + CostEstimateAPI.schemas + AppointmentsAPI.schemas
        + ChartEntriesAPI<MedicationEntry>.schemas + ChartEntriesAPI<AllergyEntry>.schemas
        + ChartEntriesAPI<PriorTreatmentEntry>.schemas + ChartEntriesAPI<PriorProcedureEntry>.schemas + ChartEntriesAPI<CoverageEntry>.schemas + ChartEntriesAPI<PriorAuthorizationEntry>.schemas + ChartEntriesAPI<DiagnosisEntry>.schemas
        + ChartEntriesAPI<VitalSignsEntry>.schemas + ChartEntriesAPI<OutsideVisitEntry>.schemas + ChartEntriesAPI<LabResultEntry>.schemas

    static let components = Dictionary(schemas, uniquingKeysWith: { first, _ in first })

    /// The OpenAPI 3 description, encoded once.
    static let document = Data((try? JSONTextEncoder().encode(OpenAPIDocument.build(endpoints, schemas: schemas))) ?? [])

    static func register(_ app: Application) {
        app.register(endpoints)
        app.on(.GET, SitePath.openAPI, access: .anonymous) { _ in
            Response(status: .ok, headers: ["Content-Type": "application/json"], body: .init(data: document))
        }
    }

    struct Me: Encodable {
        let id: UUID
        let name: String
        let email: String
        let role: String
        let permissions: [String]
        let via: String
    }

    static func me(req: Request) async throws -> Response {
        let user = try req.user
        return try req.json(Me(id: user.id, name: user.name, email: user.email, role: user.role.rawValue,
                               permissions: Action.allCases.filter(user.can).map(\.rawValue), via: user.viaAPIToken ? "api-token" : "session"))
    }
}

/// The OpenAPI 3.0 document: one operation per endpoint, every failure answered with the `Error` schema.
enum OpenAPIDocument {
    static func build(_ endpoints: [APIEndpoint], schemas: [(String, APISchema)]) -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for endpoint in endpoints {
            paths[endpoint.documentedPath, default: [:]][endpoint.method.rawValue.lowercased()] = operation(endpoint)
        }
        return .object([
            "openapi": "3.0.3",
            "info": .object(["title": "Relief API", "version": "1",
                             "description": .string("""
                                 Relief's records as JSON. A record's `fields` are its form's fields, checked by the same rules with the same \
                                 messages (422 names each field). Changes send the `version` they read; a stale one gets 409. Authenticate with a \
                                 personal API token from your account page: `Authorization: Bearer relief_…`. Every read and change is audited \
                                 under the token's owner.
                                 """)]),
            "servers": .array([.object(["url": "/"])]),
            "paths": .object(paths.mapValues(JSONValue.object)),
            "components": .object([
                "schemas": .object(Dictionary(uniqueKeysWithValues: schemas.map { ($0.0, $0.1.json) })),
                "securitySchemes": .object([
                    "token": .object(["type": "http", "scheme": "bearer", "description": "A personal API token"]),
                    "session": .object(["type": "apiKey", "in": "cookie", "name": .string(SessionAuthenticator.cookieName),
                                        "description": "A browser session; changes also need the X-CSRF-Token header"]),
                ]),
            ]),
        ])
    }

    private static func operation(_ endpoint: APIEndpoint) -> JSONValue {
        var parameters: [JSONValue] = endpoint.parameters.map { parameter in
            .object(["name": .string(parameter.rawValue), "in": "path", "required": true, "description": .string(parameter.meaning),
                     "schema": (parameter.isCatalogueID ? APISchema.text : APISchema.uuid).json])
        }
        parameters += endpoint.query.map { query in
            .object(["name": .string(query.name), "in": "query", "required": false, "description": .string(query.description),
                     "schema": APISchema.text.json])
        }
        var responses: [String: JSONValue] = [String(endpoint.status.code): response(endpoint.status, endpoint.response)]
        for status in endpoint.failureStatuses where responses[String(status.code)] == nil {
            responses[String(status.code)] = response(status, .ref("Error"))
        }
        if endpoint.documentedPath == "/api/v1/patients", endpoint.method == .POST {
            responses["409"] = response(.conflict, .ref("PossibleDuplicates"))
        }
        var operation: [String: JSONValue] = [
            "summary": .string(endpoint.summary), "operationId": .string(operationID(endpoint)),
            "responses": .object(responses),
            "security": endpoint.access == .anonymous ? .array([]) : .array([.object(["token": .array([])]), .object(["session": .array([])])]),
        ]
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if let request = endpoint.request {
            operation["requestBody"] = .object(["required": true, "content": .object(["application/json": .object(["schema": request.json])])])
        }
        if case .action(let action) = endpoint.access { operation["x-relief-permission"] = .string(action.rawValue) }
        return .object(operation)
    }

    private static func response(_ status: HTTPStatus, _ schema: APISchema) -> JSONValue {
        .object(["description": .string(status.reasonPhrase), "content": .object(["application/json": .object(["schema": schema.json])])])
    }

    /// "get /api/v1/patients/{patient}/medications" → "getPatientsPatientMedications"
    private static func operationID(_ endpoint: APIEndpoint) -> String {
        let texts = endpoint.path.map { segment in
            switch segment {
            case .constant(let text): text
            case .parameter(let parameter): parameter.rawValue
            }
        }
        let words = texts.flatMap { $0.split(whereSeparator: { !$0.isLetter }) }.map { $0.prefix(1).uppercased() + $0.dropFirst() }
        return endpoint.method.rawValue.lowercased() + words.joined()
    }
}
