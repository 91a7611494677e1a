import Foundation
import ReliefCore

/// One e-mail as the server receives it (RFC 5322): headers in ASCII (names and subjects outside it as encoded
/// words), the text base64-encoded as UTF-8, so no line of it can be read as the end of the message.
struct MailMessage: Sendable, Equatable {
    let fromName: String
    let fromAddress: String
    let to: String
    let subject: String
    let body: String
    let date: Date
    let messageID: String

    /// The message with CRLF line ends, ready for DATA (without the final ".").
    var rendered: String {
        let domain = fromAddress.split(separator: "@").last.map(String.init) ?? "relief.invalid"
        let headers = [
            "From: \(Self.phrase(fromName)) <\(fromAddress)>",
            "To: <\(to)>",
            "Subject: \(Self.phrase(subject, quoted: false))",
            "Date: \(Self.rfc5322(date))",
            "Message-ID: <\(messageID)@\(domain)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "Auto-Submitted: auto-generated",
        ]
        let encoded = Data(body.replacingOccurrences(of: "\n", with: "\r\n").utf8).base64EncodedString()
        var lines: [Substring] = []
        var rest = Substring(encoded)
        while !rest.isEmpty {
            lines.append(rest.prefix(76))
            rest = rest.dropFirst(76)
        }
        return (headers + [""] + lines.map(String.init)).joined(separator: "\r\n") + "\r\n"
    }

    /// Text for a header: plain (quoted for a name) when it is printable ASCII, else a UTF-8 encoded word. Line
    /// breaks and control characters never reach a header.
    static func phrase(_ text: String, quoted: Bool = true) -> String {
        let clean = String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        if clean.unicodeScalars.allSatisfy({ $0.isASCII }) {
            return quoted ? "\"" + clean.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" : clean
        }
        return "=?UTF-8?B?" + Data(clean.utf8).base64EncodedString() + "?="
    }

    /// "Mon, 07 Dec 2026 08:00:00 +0000"
    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
