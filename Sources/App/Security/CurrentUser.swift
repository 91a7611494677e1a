import Foundation
import ReliefCore
import Vapor

/// The signed-in user of a request, as read from the session or a personal API token (never from the form or the URL).
struct CurrentUser: Sendable {
    /// How the request proved who it is.
    enum Credential: Sendable {
        case session(UUID)
        /// A token limited to reading is refused every route that changes something.
        case apiToken(UUID, readOnly: Bool)
    }

    let id: UUID
    let email: String
    let name: String
    let role: Role
    let credential: Credential
    /// Empty for a token: a bearer token is never sent by a browser on its own, so it needs no CSRF token.
    let csrfToken: String
    let mustChangePassword: Bool

    var sessionID: UUID? {
        if case .session(let id) = credential { id } else { nil }
    }

    var viaAPIToken: Bool { sessionID == nil }

    var readsOnly: Bool {
        if case .apiToken(_, let readOnly) = credential { readOnly } else { false }
    }
}

extension CurrentUser {
    /// For showing or hiding controls; routes themselves are guarded by `AccessMiddleware`.
    func can(_ action: Action) -> Bool { PermissionTable.allows(role, action) }
}

extension Request {
    private struct CurrentUserKey: StorageKey { typealias Value = CurrentUser }
    private struct SessionEndedKey: StorageKey { typealias Value = Bool }

    var currentUser: CurrentUser? {
        get { storage[CurrentUserKey.self] }
        set { storage[CurrentUserKey.self] = newValue }
    }

    /// Handlers behind a signed-in route use this; the access middleware guarantees it.
    var user: CurrentUser {
        get throws {
            guard let user = currentUser else { throw Abort(.unauthorized) }
            return user
        }
    }

    /// True when the request carried a session that had just timed out.
    var sessionEnded: Bool {
        get { storage[SessionEndedKey.self] ?? false }
        set { storage[SessionEndedKey.self] = newValue }
    }

    /// Whether the browser reached us over HTTPS: through the TLS-terminating proxy, as Relief serves plain HTTP.
    var isSecure: Bool {
        headers.first(name: "X-Forwarded-Proto")?.lowercased() == "https"
    }

    /// `path` as a full address for use outside the browser (a calendar app), from the host the browser asked for;
    /// a host with anything but the characters of a host name and port is not echoed.
    func absoluteURL(_ path: String) -> String {
        let host = headers.first(name: .host) ?? ""
        let allowed = host.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-:[]".contains($0)) }
        return (isSecure ? "https://" : "http://") + (allowed && !host.isEmpty ? host : "localhost") + path
    }

    /// The client's address: the peer's, or behind a trusted proxy the one it forwarded (`TrustedProxies`).
    /// In-process test requests have no peer; they count as one address.
    var clientAddress: String {
        let peer = remoteAddress?.ipAddress ?? "local"
        let proxies = application.config.trustedProxies
        return proxies.ranges.isEmpty ? peer : proxies.client(peer: peer, forwardedFor: headers[.xForwardedFor])
    }
}
