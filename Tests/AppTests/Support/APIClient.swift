import Foundation
import ReliefCore
import Testing
import Vapor
import VaporTesting
@testable import App

/// A script talking to the JSON API with a personal token, as a user makes one on the account page.
struct APIClient {
    let app: Application
    let token: String

    /// Makes a token through the account page of a signed-in browser and reads it off the page, shown once.
    static func make(_ browser: Browser, name: String = "script", expiresIn: String = "90", readOnly: Bool = false) async throws -> APIClient {
        try await browser.get(SitePath.account())
        let page = try await browser.post(SitePath.apiTokens(), form: ["name": name, "expiresIn": expiresIn].merging(readOnly ? ["reach": "read-only"] : [:]) { a, _ in a })
        #expect(page.status == .created)
        let marker = try #require(page.body.string.range(of: "id=\"new-token\" value=\""))
        let token = String(page.body.string[marker.upperBound...].prefix { $0 != "\"" })
        return APIClient(app: browser.app, token: token)
    }

    func send(_ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil) async throws -> (status: HTTPStatus, json: JSONValue) {
        let (status, json, _) = try await exchange(method, path, body)
        return (status, json)
    }

    /// A request with more headers (`If-Match`, `Prefer`), answered with the response's headers too.
    func exchange(_ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil, headers more: [(String, String)] = [])
        async throws -> (status: HTTPStatus, json: JSONValue, headers: HTTPHeaders) {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token)
        headers.add(name: .accept, value: "application/json")
        var buffer: ByteBuffer?
        if let body {
            headers.contentType = .json
            buffer = ByteBuffer(data: try JSONEncoder().encode(body))
        }
        for (name, value) in more { headers.replaceOrAdd(name: name, value: value) }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: buffer)
        let json = response.body.readableBytes == 0 ? JSONValue.null : try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body))
        return (response.status, json, response.headers)
    }

    func get(_ path: String) async throws -> (status: HTTPStatus, json: JSONValue) { try await send(.GET, path) }
}

extension JSONValue {
    subscript(key: String) -> JSONValue {
        if case .object(let object) = self { object[key] ?? .null } else { .null }
    }

    subscript(index: Int) -> JSONValue {
        if case .array(let items) = self, items.indices.contains(index) { items[index] } else { .null }
    }

    var count: Int {
        switch self {
        case .array(let items): items.count
        case .object(let object): object.count
        default: 0
        }
    }

    var items: [JSONValue] {
        if case .array(let items) = self { items } else { [] }
    }

    var number: Double? {
        if case .number(let value) = self { value } else { nil }
    }
}

/// Checks a JSON value against a schema of the OpenAPI description (the parts Relief's description uses).
struct SchemaValidator {
    let document: JSONValue

    func problems(_ value: JSONValue, _ schema: JSONValue, at path: String = "$") -> [String] {
        if let ref = schema["$ref"].string {
            let name = String(ref.split(separator: "/").last ?? "")
            guard case .object = document["components"]["schemas"][name] else { return ["\(path): unknown schema \(ref)"] }
            return problems(value, document["components"]["schemas"][name], at: path)
        }
        if value == .null { return schema["nullable"] == true ? [] : ["\(path): null where the schema allows none"] }
        if case .array(let all) = schema["allOf"] { return all.flatMap { problems(value, $0, at: path) } }
        if case .array(let choices) = schema["enum"], !choices.contains(value) { return ["\(path): \(value) is not one of the listed codes"] }
        switch (schema["type"].string, value) {
        case ("string", .string(let text)):
            if schema["format"] == "uuid", UUID(uuidString: text) == nil { return ["\(path): not a UUID"] }
            if schema["format"] == "date", CalendarDate(text)?.description != text { return ["\(path): not a YYYY-MM-DD date"] }
            if schema["format"] == "date-time", (try? Date(text, strategy: .iso8601)) == nil { return ["\(path): not an ISO 8601 time"] }
            return []
        case ("integer", .number(let number)): return number.rounded() == number ? [] : ["\(path): not a whole number"]
        case ("number", .number), ("boolean", .bool): return []
        case ("array", .array(let items)):
            return items.enumerated().flatMap { problems($1, schema["items"], at: "\(path)[\($0)]") }
        case ("object", .object(let object)):
            var found: [String] = []
            if case .array(let required) = schema["required"] {
                found += required.compactMap(\.string).filter { object[$0] == nil }.map { "\(path): missing \($0)" }
            }
            for (key, item) in object {
                if case .object = schema["properties"][key] {
                    found += problems(item, schema["properties"][key], at: "\(path).\(key)")
                } else if case .object = schema["additionalProperties"] {
                    found += problems(item, schema["additionalProperties"], at: "\(path).\(key)")
                } else if schema["additionalProperties"] == false {
                    found.append("\(path): undocumented property \(key)")
                }
            }
            return found
        default:
            return ["\(path): \(value) is not of type \(schema["type"].string ?? "?")"]
        }
    }
}
