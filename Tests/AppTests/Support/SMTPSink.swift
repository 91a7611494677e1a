import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOExtras
import NIOPosix

/// A mail server on 127.0.0.1 for tests: speaks enough SMTP to take a message, keeps what it took, and can refuse
/// recipients for a while (451) or for good (550).
final class SMTPSink: Sendable {
    struct Received: Sendable, Equatable {
        let from: String
        let to: [String]
        let data: String
    }

    enum Answer: Sendable { case accept, tryLater, refuse }

    private let state = NIOLockedValueBox<(received: [Received], answer: Answer)>(([], .accept))
    private let channel: any Channel
    let port: Int

    private init(channel: any Channel) {
        self.channel = channel
        port = channel.localAddress?.port ?? 0
    }

    static func start(on group: any EventLoopGroup) async throws -> SMTPSink {
        let box = NIOLockedValueBox<SMTPSink?>(nil)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(Session(sink: box))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let sink = SMTPSink(channel: channel)
        box.withLockedValue { $0 = sink }
        return sink
    }

    var received: [Received] { state.withLockedValue { $0.received } }

    func answer(_ answer: Answer) { state.withLockedValue { $0.answer = answer } }

    func stop() async { try? await channel.close() }

    fileprivate func take(_ message: Received) { state.withLockedValue { $0.received.append(message) } }
    fileprivate var currentAnswer: Answer { state.withLockedValue { $0.answer } }

    private final class Session: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        let sink: NIOLockedValueBox<SMTPSink?>
        var from = "", to: [String] = [], data: [String]? = nil

        init(sink: NIOLockedValueBox<SMTPSink?>) { self.sink = sink }

        func channelActive(context: ChannelHandlerContext) { send(context, "220 sink ESMTP") }

        func channelRead(context: ChannelHandlerContext, data incoming: NIOAny) {
            let line = String(buffer: unwrapInboundIn(incoming))
            if var lines = data {
                if line == "." {
                    sink.withLockedValue { $0 }?.take(Received(from: from, to: to, data: lines.joined(separator: "\r\n")))
                    data = nil
                    return send(context, "250 taken")
                }
                lines.append(line.hasPrefix("..") ? String(line.dropFirst()) : line)
                data = lines
                return
            }
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO") { return send(context, "250-sink\r\n250 AUTH PLAIN") }
            if upper.hasPrefix("AUTH") { return send(context, "235 fine") }
            if upper.hasPrefix("MAIL FROM:") { from = String(line.dropFirst(10)); return send(context, "250 ok") }
            if upper.hasPrefix("RCPT TO:") {
                switch sink.withLockedValue({ $0 })?.currentAnswer ?? .accept {
                case .accept: to.append(String(line.dropFirst(8))); return send(context, "250 ok")
                case .tryLater: return send(context, "451 4.3.0 try again later")
                case .refuse: return send(context, "550 5.1.1 no such user")
                }
            }
            if upper == "DATA" { data = []; return send(context, "354 go on") }
            if upper == "QUIT" {
                send(context, "221 bye")
                context.close(promise: nil)
                return
            }
            send(context, "502 not here")
        }

        private func send(_ context: ChannelHandlerContext, _ text: String) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
        }
    }
}
