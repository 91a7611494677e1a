import Foundation
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL

/// Why a message did not go: a refusal the server says may pass later (4xx, or no connection), or one it will not
/// (5xx: a bad address, a refused sender).
enum SMTPError: Error, Equatable, CustomStringConvertible {
    case transient(String)
    case permanent(String)

    var description: String {
        switch self {
        case .transient(let text), .permanent(let text): text
        }
    }
}

/// A small SMTP client (RFC 5321): one message per connection, STARTTLS or TLS from the start, AUTH PLAIN, each
/// reply read before the next command. A minute bounds the whole exchange so a stuck server cannot hold the outbox.
enum SMTPClient {
    static let timeout: TimeAmount = .seconds(60)

    static func send(_ message: MailMessage, with settings: MailSettings, on group: any EventLoopGroup) async throws {
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await exchange(message, settings, group) }
            tasks.addTask {
                try await Task.sleep(nanoseconds: UInt64(timeout.nanoseconds))
                throw SMTPError.transient("the mail server did not answer within \(timeout.nanoseconds / 1_000_000_000) seconds")
            }
            defer { tasks.cancelAll() }
            try await tasks.next()
        }
    }

    private static func exchange(_ message: MailMessage, _ settings: MailSettings, _ group: any EventLoopGroup) async throws {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: group).connectTimeout(.seconds(10))
                .connect(host: settings.host, port: settings.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if settings.security == .tls { try addTLS(to: channel, host: settings.host) }
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw SMTPError.transient("cannot reach the mail server \(settings.host):\(settings.port): \(error)")
        }
        try await channel.executeThenClose { inbound, outbound in
            var lines = inbound.makeAsyncIterator()
            func reply(_ expected: ClosedRange<Int>, after what: String) async throws {
                var text: [String] = []
                while true {
                    guard let buffer = try await lines.next() else { throw SMTPError.transient("the mail server closed the connection after \(what)") }
                    let line = String(buffer: buffer)
                    text.append(line)
                    if line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] != "-" { break }
                }
                let code = Int(text.last?.prefix(3) ?? "") ?? 0
                guard expected.contains(code) else {
                    let said = "\(what): \(text.joined(separator: " ").prefix(200))"
                    throw (500...599).contains(code) ? SMTPError.permanent(said) : SMTPError.transient(said)
                }
            }
            func command(_ text: String, _ expected: ClosedRange<Int> = 250...250, shown: String? = nil) async throws {
                try await outbound.write(ByteBuffer(string: text + "\r\n"))
                try await reply(expected, after: shown ?? String(text.prefix(4)))
            }
            let domain = settings.fromAddress.split(separator: "@").last.map(String.init) ?? "localhost"
            try await reply(220...220, after: "the greeting")
            try await command("EHLO \(domain)")
            if settings.security == .startTLS {
                try await command("STARTTLS", 220...220)
                try await channel.channel.eventLoop.submit { try addTLS(to: channel.channel, host: settings.host, first: true) }.get()
                try await command("EHLO \(domain)")
            }
            if let user = settings.username {
                let token = Data("\u{0}\(user)\u{0}\(settings.password ?? "")".utf8).base64EncodedString()
                try await command("AUTH PLAIN \(token)", 235...235, shown: "AUTH")
            }
            try await command("MAIL FROM:<\(settings.fromAddress)>")
            try await command("RCPT TO:<\(message.to)>", 250...251)
            try await command("DATA", 354...354)
            try await command(dotStuffed(message.rendered) + ".", shown: "the message")
            try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
        }
    }

    /// Lines starting with "." get another (RFC 5321 §4.5.2), so none ends the message early.
    static func dotStuffed(_ text: String) -> String {
        text.split(separator: "\r\n", omittingEmptySubsequences: false).map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\r\n")
    }

    private static func addTLS(to channel: any Channel, host: String, first: Bool = false) throws {
        let context = try NIOSSLContext(configuration: .makeClientConfiguration())
        let handler = try NIOSSLClientHandler(context: context, serverHostname: host)
        try channel.pipeline.syncOperations.addHandler(handler, position: first ? .first : .last)
    }
}
