import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

/// Drives the app as a browser does: keeps cookies, sends forms with the page's CSRF token.
final class Browser: @unchecked Sendable {  // used by one test at a time
    let app: Application
    /// In memory by default; `.running` goes through a real HTTP server (body limits, peer addresses).
    let transport: Application.Method
    private(set) var cookies: [String: String] = [:]
    var csrfToken: String?

    init(app: Application, method: Application.Method = .inMemory) {
        self.app = app
        self.transport = method
    }

    /// The same signed-in browser, talking over another transport.
    func over(_ transport: Application.Method) -> Browser {
        let copy = Browser(app: app, method: transport)
        copy.cookies = cookies
        copy.csrfToken = csrfToken
        return copy
    }

    @discardableResult
    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        let response = try await send(.GET, path, headers: headers, body: nil)
        if let token = Self.csrf(in: response.body.string) { csrfToken = token }
        return response
    }

    /// Posts a form as the browser would, with the CSRF token of the last page unless `csrf` says otherwise.
    @discardableResult
    func post(_ path: String, form: [String: String] = [:], csrf: String?? = .none,
              headers: HTTPHeaders = [:], method: HTTPMethod = .POST) async throws -> TestingHTTPResponse {
        var fields = form
        let token: String? = switch csrf {
        case .none: csrfToken
        case .some(let explicit): explicit
        }
        if let token { fields[CSRFMiddleware.fieldName] = token }
        var headers = headers
        headers.contentType = .urlEncodedForm
        return try await send(method, path, headers: headers, body: ByteBuffer(string: Self.encode(fields)))
    }

    /// Posts fields in order, repeated names kept (checkbox groups), with the page's CSRF token.
    @discardableResult
    func post(_ path: String, pairs: [(String, String)]) async throws -> TestingHTTPResponse {
        let fields = pairs + (csrfToken.map { [(CSRFMiddleware.fieldName, $0)] } ?? [])
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        let body = fields.map { Self.encode([$0.0: $0.1]) }.joined(separator: "&")
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    /// Posts fields and one file as multipart/form-data, as a form with a file input does.
    @discardableResult
    func post(_ path: String, pairs: [(String, String)], file: (field: String, name: String, type: String, bytes: Data)) async throws -> TestingHTTPResponse {
        let boundary = "relief-test-\(UUID().uuidString)"
        var body = ByteBuffer()
        for (name, value) in pairs + (csrfToken.map { [(CSRFMiddleware.fieldName, $0)] } ?? []) {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: \(file.type)\r\n\r\n")
        body.writeBytes(file.bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await send(.POST, path, headers: headers, body: body)
    }

    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: ByteBuffer?) async throws -> TestingHTTPResponse {
        var headers = headers
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        let response = try await app.testing(method: transport).sendRequest(method, path, headers: headers, body: body)
        for (name, value) in response.headers.setCookie?.all ?? [:] {
            if value.string.isEmpty || (value.expires.map { $0 < Date() } ?? false) {
                cookies[name] = nil
            } else {
                cookies[name] = value.string
            }
        }
        return response
    }

    func login(email: String, password: String) async throws {
        try await get(SitePath.login())
        let response = try await post(SitePath.login(), form: ["email": email, "password": password])
        #expect(response.status == .seeOther, "login of \(email) failed: \(response.status)")
        try await get(SitePath.account())
    }

    static func encode(_ fields: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.sorted { $0.key < $1.key }.map { key, value in
            "\(key.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}

extension ByteBuffer {
    var string: String { String(buffer: self) }
}

extension TestingHTTPResponse {
    var text: String { body.string }
    var location: String? { headers.first(name: .location) }
}

/// The version a page's form carries (its first `version` field), to send back with a change.
func versionField(_ html: String) throws -> String {
    String(try #require(html.firstMatch(of: /name="version" value="(\d+)"/)).1)
}
