import Foundation
import Vapor

/// A one-time message shown on the next page ("Patient registered."), carried in a short-lived cookie
/// so it survives the redirect without server state.
struct Flash: Equatable {
    enum Kind: String { case success, info, warning }
    static let cookieName = "relief_flash"

    let kind: Kind
    let message: String

    var cookieValue: String {
        Data("\(kind.rawValue)|\(message)".utf8).base64EncodedString()
    }

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    init?(cookieValue: String) {
        guard let data = Data(base64Encoded: cookieValue), let text = String(data: data, encoding: .utf8),
              let bar = text.firstIndex(of: "|"), let kind = Kind(rawValue: String(text[..<bar])) else { return nil }
        self.init(kind, String(text[text.index(after: bar)...].prefix(300)))
    }
}

extension Request {
    var flash: Flash? { parsedCookies[Flash.cookieName].flatMap { Flash(cookieValue: $0.string) } }

    /// Redirects after a successful POST, with a message for the next page.
    func redirect(to path: String, flash: Flash) -> Response {
        let response = redirect(to: path, redirectType: .normal)
        response.cookies[Flash.cookieName] = HTTPCookies.Value(
            string: flash.cookieValue, maxAge: 60, path: "/", isSecure: isSecure, isHTTPOnly: true, sameSite: .lax)
        return response
    }
}
