import NIOConcurrencyHelpers
import NIOCore
import NIOExtras
import NIOHTTP1
import NIOPosix
import Vapor

/// Relief's HTTP/1.1 server. Vapor's own builds each connection's pipeline with no way in, and when a request line
/// or header block passes NIO's 80 KB limit it closes the connection without an answer; this one runs the same NIO
/// parser and pipelining handler, then `HTTPConnectionHandler`, which answers 414, 431 or 400 before closing.
/// Plain HTTP: TLS ends at the reverse proxy in front (`X-Forwarded-Proto`, `RELIEF_TRUSTED_PROXIES`).
/// Address, port and backlog come from `app.http.server.configuration`, as `relief serve` sets them.
final class ReliefHTTPServer: Server {
    private struct Listener: Sendable {
        let channel: any Channel
        let quiesce: ServerQuiescingHelper
    }

    private let application: Application
    private let listener = NIOLockedValueBox<Listener?>(nil)
    /// The outbox sends while the server serves, not while a command runs.
    private let outbox = OutboxWorker()
    /// Bulk exports waiting, or left by an instance that stopped, are taken up while the server serves.
    private let exports = FHIRExportWorker()

    init(application: Application) {
        self.application = application
    }

    var onShutdown: EventLoopFuture<Void> {
        guard let listener = listener.withLockedValue({ $0 }) else { fatalError("The server has not started") }
        return listener.channel.closeFuture
    }

    /// The bound address: with port 0 the one the system chose.
    var localAddress: SocketAddress? { listener.withLockedValue { $0 }?.channel.localAddress }

    @available(*, noasync)
    func start(address: BindAddress?) throws {
        try bind(address).wait()
    }

    func start(address: BindAddress?) async throws {
        try await bind(address).get()
    }

    @available(*, noasync)
    func shutdown() {
        try? stop().wait()
    }

    func shutdown() async {
        try? await stop().get()
    }

    private func bind(_ address: BindAddress?) -> EventLoopFuture<Void> {
        var configuration = application.http.server.configuration
        switch address {
        case .none: break
        case .hostname(let host, let port):
            configuration.address = .hostname(host ?? configuration.hostname, port: port ?? configuration.port)
        case .unixDomainSocket: configuration.address = address!
        }
        let group = application.eventLoopGroup
        let quiesce = ServerQuiescingHelper(group: group)
        let bound: EventLoopFuture<any Channel>
        let bootstrap = makeBootstrap(configuration, quiesce: quiesce)
        switch configuration.address {
        case .hostname(let host, let port):
            bound = bootstrap.bind(host: host ?? configuration.hostname, port: port ?? configuration.port)
        case .unixDomainSocket(let path):
            bound = bootstrap.bind(unixDomainSocketPath: path)
        }
        let logger = configuration.logger
        let application = application
        return bound.map { [listener, outbox, exports] channel in
            listener.withLockedValue { $0 = Listener(channel: channel, quiesce: quiesce) }
            outbox.start(application)
            exports.start(application)
            if let local = channel.localAddress, let host = local.ipAddress, let port = local.port {
                application.http.server.configuration.address = .hostname(host, port: port)
                logger.notice("Server started on http://\(host):\(port)")
            } else {
                logger.notice("Server started on \(channel.localAddress.map { "\($0)" } ?? "its socket")")
            }
        }.flatMapErrorThrowing { error in
            quiesce.initiateShutdown(promise: nil)
            throw error
        }
    }

    private func makeBootstrap(_ configuration: HTTPServer.Configuration, quiesce: ServerQuiescingHelper) -> ServerBootstrap {
        let application = application
        let maxBodySize = application.routes.defaultMaxBodySize.value
        return ServerBootstrap(group: application.eventLoopGroup)
            .serverChannelOption(.backlog, value: Int32(configuration.backlog))
            .serverChannelOption(.socketOption(.so_reuseaddr), value: configuration.reuseAddress ? 1 : 0)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiesce.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let meter = RequestLineMeter()
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.configureHTTPServerPipeline(withPipeliningAssistance: true, withErrorHandling: false)
                    try pipeline.addHandler(meter, position: .first)
                    try pipeline.addHandler(HTTPConnectionHandler(
                        application: application, responder: application.responder.current,
                        maxBodySize: maxBodySize, requestLine: meter))
                }
            }
            .childChannelOption(.tcpOption(.tcp_nodelay), value: configuration.tcpNoDelay ? 1 : 0)
            .childChannelOption(.socketOption(.so_reuseaddr), value: configuration.reuseAddress ? 1 : 0)
            .childChannelOption(.maxMessagesPerRead, value: 1)
    }

    /// Stops accepting, lets each connection finish the request it is answering, and waits at most the configured
    /// shutdown timeout.
    private func stop() -> EventLoopFuture<Void> {
        outbox.stop()
        exports.stop()
        guard let listener = listener.withLockedValue({ current in defer { current = nil }; return current }) else {
            return application.eventLoopGroup.any().makeSucceededVoidFuture()
        }
        let loop = listener.channel.eventLoop
        let promise = loop.makePromise(of: Void.self)
        let timeout = application.http.server.configuration.shutdownTimeout
        let deadline = loop.scheduleTask(in: timeout) {
            promise.fail(Abort(.internalServerError, reason: "The server took too long to stop"))
        }
        promise.futureResult.whenComplete { _ in deadline.cancel() }
        listener.quiesce.initiateShutdown(promise: promise)
        return promise.futureResult
    }
}
