import Foundation
import ReliefCore
import Vapor

/// One route of the JSON API with what its description says about it. Routes are registered from this list and
/// the OpenAPI description is built from it, so the two cannot drift apart.
struct APIEndpoint: Sendable {
    static let base = "api/v1"

    let method: HTTPMethod
    /// After `/api/v1`, parameters named by what they identify.
    let path: [PathSegment]
    let access: Access
    let summary: String
    let request: APISchema?
    let response: APISchema
    let status: HTTPStatus
    /// Failures beyond those every route of its kind can give (401, 403, 404, 422).
    let failures: [HTTPStatus]
    /// Query parameters, each with what it means.
    let query: [(name: String, description: String)]
    let handler: @Sendable (Request) async throws -> Response

    init(_ method: HTTPMethod, _ path: [PathSegment], access: Access, _ summary: String, request: APISchema? = nil, response: APISchema,
         status: HTTPStatus = .ok, failures: [HTTPStatus] = [], query: [(name: String, description: String)] = [], handler: @escaping @Sendable (Request) async throws -> Response) {
        self.method = method
        self.path = path
        self.access = access
        self.summary = summary
        self.request = request
        self.response = response
        self.status = status
        self.failures = failures
        self.query = query
        self.handler = handler
    }

    /// Every failure status the route can answer with, each with the `Error` body.
    var failureStatuses: [HTTPStatus] {
        var statuses: [HTTPStatus] = []
        if access != .anonymous { statuses += [.unauthorized, .forbidden] }
        if !parameters.isEmpty { statuses.append(.notFound) }
        if request != nil { statuses += [.badRequest, .unsupportedMediaType, .unprocessableEntity] }
        return (statuses + failures).reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    var parameters: [PathParameter] {
        path.compactMap { if case .parameter(let parameter) = $0 { parameter } else { nil } }
    }

    /// `/api/v1/patients/{patient}` as OpenAPI writes it.
    var documentedPath: String {
        "/" + ([Self.base] + path.map { segment in
            switch segment {
            case .constant(let text): text
            case .parameter(let parameter): "{\(parameter.rawValue)}"
            }
        }).joined(separator: "/")
    }
}

extension Application {
    /// Registers the API's routes through the same access check as every other route.
    func register(_ endpoints: [APIEndpoint]) {
        let base = APIEndpoint.base.split(separator: "/").map { PathComponent(stringLiteral: String($0)) }
        for endpoint in endpoints {
            let route = on(endpoint.method, base + endpoint.path.map(\.component), access: endpoint.access,
                           use: endpoint.handler)
            route.userInfo[Route.requestSchemaKey] = endpoint.request
        }
    }
}

extension Route {
    static let requestSchemaKey = "relief.request-schema"

    /// The body an API route documents, which `apiBody` holds every request to.
    var requestSchema: APISchema? { userInfo[Self.requestSchemaKey] as? APISchema }
}

/// The body of a write: a record's fields, and the version it was read at when it is changed.
struct APIWrite: Decodable {
    var version: Int?
    var fields: [String: JSONValue]
    /// Register a patient even though one with the same name and date of birth exists.
    var confirmDuplicate: Bool?

    static func schema(_ fields: FieldSchema, versioned: Bool, confirmDuplicate: Bool = false) -> APISchema {
        var properties: [(String, APISchema)] = [("fields", .fields(fields))]
        if versioned { properties.insert(("version", .version), at: 0) }
        if confirmDuplicate { properties.append(("confirmDuplicate", .boolean)) }
        return .object(properties, required: versioned ? ["version", "fields"] : ["fields"])
    }
}

/// A change that needs only a reason (entered in error, cancel, resolve), with the version when it has one.
struct APIReason: Decodable {
    var version: Int?
    var reason: String

    /// Reasons are kept as typed, line breaks included; `limit` is what `checked` takes.
    static func schema(versioned: Bool, limit: Int) -> APISchema {
        let reason = APISchema.string(shape: .init(minLength: 1, maxLength: limit, multiline: true))
        return versioned ? .record([("version", .version), ("reason", reason)]) : .record([("reason", reason)])
    }
}

extension Request {
    /// A JSON body; a malformed one is a 400, one that is not what the route documents a 422 naming each property
    /// (`APISchema.problems`), never a half-read record.
    func apiBody<T: Decodable>(_ type: T.Type) throws -> T {
        guard headers.contentType.map({ $0.type == "application" && $0.subType == "json" }) ?? false else {
            throw Abort(.unsupportedMediaType, reason: "Send the body as application/json.")
        }
        guard let body = body.data else { throw Abort(.badRequest, reason: "The request has no body.") }
        if let schema = route?.requestSchema {
            let problems = schema.problems(try JSONDecoder().decode(JSONValue.self, from: body), components: APIRoutes.components)
            guard problems.isEmpty else { throw ValidationFailure(fields: problems) }
        }
        return try JSONDecoder().decode(T.self, from: body)
    }

    /// The record's form fields from the JSON ones, or a 422 naming each field that is unknown or of the wrong type.
    func formFields(_ object: [String: JSONValue], _ schema: FieldSchema) throws -> FormFields {
        let (fields, problems) = schema.form(object)
        guard problems.isEmpty else { throw ValidationFailure(fields: problems) }
        return fields
    }

    func requireVersion(_ version: Int?) throws -> Int {
        guard let version else { throw ValidationFailure(fields: ["version": "Send the version you read; it guards against overwriting a newer change."]) }
        return version
    }

    /// An API answer: JSON with ISO 8601 times, written in one pass (`JSONTextEncoder`).
    func json<T: Encodable>(_ value: T, status: HTTPStatus = .ok) throws -> Response {
        let response = Response(status: status)
        response.headers.contentType = .json
        response.body = .init(buffer: ByteBuffer(bytes: try JSONTextEncoder().encode(value)))
        return response
    }
}
