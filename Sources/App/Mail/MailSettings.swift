import Foundation
import ReliefCore

/// Where Relief's e-mails go out and in whose name: `RELIEF_SMTP_URL`, `RELIEF_MAIL_FROM`, `RELIEF_PRACTICE_PHONE`.
/// Unset, no e-mail is sent and reminders are listed for phone calls.
public struct MailSettings: Sendable, Equatable {
    public enum Security: String, Sendable {
        /// Plain SMTP: only to a relay on this machine (`smtp://127.0.0.1:25`).
        case none
        /// `smtp+starttls://host:587`: TLS after the greeting, the usual submission port.
        case startTLS
        /// `smtps://host:465`: TLS from the first byte.
        case tls
    }

    public let host: String
    public let port: Int
    public let security: Security
    public let username: String?
    public let password: String?
    public let fromAddress: String
    /// The practice's name, as the sender and the signature.
    public let fromName: String
    public let phone: String?

    /// Reads the settings; nil when no server is set. Credentials never travel in the clear, and plain SMTP goes only
    /// to this machine (a local relay).
    public static func fromEnvironment(_ env: [String: String]) throws -> MailSettings? {
        guard let url = env["RELIEF_SMTP_URL"], !url.isEmpty else { return nil }
        guard let from = env["RELIEF_MAIL_FROM"], !from.isEmpty else {
            throw ConfigError(message: "RELIEF_MAIL_FROM must name the sender when RELIEF_SMTP_URL is set, e.g. Springfield Pain Center <reminders@clinic.example>")
        }
        return try parse(url: url, from: from, phone: env["RELIEF_PRACTICE_PHONE"].flatMap { $0.isEmpty ? nil : $0 })
    }

    static func parse(url text: String, from: String, phone: String?) throws -> MailSettings {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw ConfigError(message: "RELIEF_SMTP_URL must look like smtp+starttls://user:password@mail.example:587, not '\(text)'")
        }
        let security: Security, defaultPort: Int
        switch scheme {
        case "smtp": (security, defaultPort) = (.none, 25)
        case "smtp+starttls": (security, defaultPort) = (.startTLS, 587)
        case "smtps": (security, defaultPort) = (.tls, 465)
        default: throw ConfigError(message: "RELIEF_SMTP_URL must start with smtp://, smtp+starttls:// or smtps://")
        }
        let loopback = ["127.0.0.1", "::1", "localhost"].contains(host.lowercased())
        if security == .none, !loopback {
            throw ConfigError(message: "RELIEF_SMTP_URL: plain smtp:// only to a relay on this machine; use smtp+starttls:// or smtps:// for \(host)")
        }
        let (name, address) = try sender(from)
        return MailSettings(host: host, port: url.port ?? defaultPort, security: security, username: url.user?.removingPercentEncoding,
                            password: url.password?.removingPercentEncoding, fromAddress: address, fromName: name, phone: phone)
    }

    /// "Springfield Pain Center <reminders@clinic.example>" → the name and the address.
    private static func sender(_ text: String) throws -> (String, String) {
        let problem = ConfigError(message: "RELIEF_MAIL_FROM must be like Springfield Pain Center <reminders@clinic.example>")
        guard let open = text.lastIndex(of: "<"), text.hasSuffix(">") else { throw problem }
        let name = text[..<open].trimmingCharacters(in: .whitespaces)
        let address = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        guard !name.isEmpty, !name.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 0x20 } == true }), EmailAddress.isDeliverable(address) else {
            throw problem
        }
        return (name, address)
    }
}
