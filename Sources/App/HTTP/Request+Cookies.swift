import Vapor

extension Request {
    private struct ParsedCookiesKey: StorageKey { typealias Value = HTTPCookies }

    /// The request's cookies, parsed once: the session, the CSRF check and the flash message each read them, and
    /// Vapor's `cookies` parses the header anew on every call.
    var parsedCookies: HTTPCookies {
        if let cookies = storage[ParsedCookiesKey.self] { return cookies }
        let cookies = self.cookies
        storage[ParsedCookiesKey.self] = cookies
        return cookies
    }
}
