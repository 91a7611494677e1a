import NIOCore
import NIOHTTP1
import Vapor

/// One connection's requests, one at a time (NIO's pipelining handler holds the next until an answer ends): each is
/// assembled from the parser's parts with its body collected up to the practice's limit, answered by the
/// application's responder and written back. A request the parser refuses still gets its 4xx, rendered as the
/// application renders errors, before the connection closes.
final class HTTPConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
        case idle
        case receiving(HTTPRequestHead)
        /// Over the body limit: read to its end, then 413.
        case discarding(HTTPRequestHead)
        case answering
        case closing
    }

    private let application: Application
    private let responder: any Responder
    private let maxBodySize: Int
    private let requestLine: RequestLineMeter
    private var state = State.idle
    private var body: ByteBuffer?
    private var date = HTTPDate()

    init(application: Application, responder: any Responder, maxBodySize: Int, requestLine: RequestLineMeter) {
        self.application = application
        self.responder = responder
        self.maxBodySize = maxBodySize
        self.requestLine = requestLine
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch (unwrapInboundIn(data), state) {
        case (.head(let head), .idle):
            begin(head, context: context)
        case (.body(var part), .receiving(let head)):
            if (body?.readableBytes ?? 0) + part.readableBytes > maxBodySize {
                body = nil
                state = .discarding(head)
            } else if body == nil {
                body = part
            } else {
                body!.writeBuffer(&part)
            }
        case (.end, .receiving(let head)):
            requestLine.requestEnded()
            answer(head, context: context)
        case (.end, .discarding(let head)):
            requestLine.requestEnded()
            refuse(.payloadTooLarge, head: head, context: context)
        default:
            break  // the rest of a refused request, or parts arriving while the connection closes
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        switch (error as? HTTPParserError, state) {
        case (.some(let parserError), .idle), (.some(let parserError), .receiving), (.some(let parserError), .discarding):
            var head: HTTPRequestHead?
            if case .receiving(let received) = state { head = received }
            if case .discarding(let received) = state { head = received }
            let status: HTTPResponseStatus = switch parserError {
            case .headerOverflow: requestLine.requestLineTooLong ? .uriTooLong : .requestHeaderFieldsTooLarge
            default: .badRequest
            }
            application.logger.info("Refused a request the HTTP parser could not take: \(status.code) (\(parserError))")
            refuse(status, head: head, context: context)
        default:
            state = .closing
            context.close(promise: nil)
        }
    }

    private func begin(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        let declaredLength = head.headers.first(name: .contentLength).flatMap { Int($0) } ?? 0
        let expectsContinue = head.headers[.expect].contains { $0.lowercased() == "100-continue" }
        switch (declaredLength > maxBodySize, expectsContinue) {
        case (true, true):
            refuse(.payloadTooLarge, head: head, context: context)  // before the client sends the body
        case (true, false):
            state = .discarding(head)
        case (false, let expectsContinue):
            state = .receiving(head)
            if expectsContinue {
                let interim = HTTPResponseHead(version: head.version, status: .continue)
                context.writeAndFlush(wrapOutboundOut(.head(interim)), promise: nil)
            }
        }
    }

    private func answer(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        state = .answering
        let request = makeRequest(head, body: body, context: context)
        body = nil
        let bound = NIOLoopBound((context, self), eventLoop: context.eventLoop)
        responder.respond(to: request).hop(to: context.eventLoop).whenComplete { result in
            let (context, handler) = bound.value
            switch result {
            case .success(let response):
                handler.write(response, to: head, keepAlive: head.isKeepAlive, context: context)
            case .failure(let error):  // the error middleware answers every error; this is a responder's own failure
                handler.application.logger.report(error: error)
                handler.state = .closing
                context.close(promise: nil)
            }
        }
    }

    /// Answers a request the application never saw, as it answers errors (page or JSON, security headers), and
    /// closes: what follows on this connection cannot be trusted to begin a request.
    private func refuse(_ status: HTTPResponseStatus, head: HTTPRequestHead?, context: ChannelHandlerContext) {
        let head = head ?? HTTPRequestHead(version: .http1_1, method: .GET, uri: "/")
        let reason = switch status {
        case .uriTooLong: "The address is too long."
        case .requestHeaderFieldsTooLarge: "The request's headers are too large."
        case .payloadTooLarge: "The request is too large."
        default: "The request could not be read."
        }
        let request = makeRequest(head, body: nil, context: context)
        let response = ReliefErrorMiddleware().response(for: Abort(status, reason: reason), request: request)
        SecurityHeadersMiddleware.secure(response, for: request)
        write(response, to: head, keepAlive: false, context: context)
    }

    private func makeRequest(_ head: HTTPRequestHead, body: ByteBuffer?, context: ChannelHandlerContext) -> Request {
        Request(application: application, method: head.method, url: URI(path: head.uri), version: head.version,
                headersNoUpdate: head.headers, collectedBody: body, remoteAddress: context.channel.remoteAddress,
                logger: application.logger, byteBufferAllocator: context.channel.allocator, on: context.eventLoop)
    }

    private func write(_ response: Response, to head: HTTPRequestHead, keepAlive: Bool, context: ChannelHandlerContext) {
        var headers = response.headers
        headers.replaceOrAdd(name: .connection, value: keepAlive ? "keep-alive" : "close")
        headers.replaceOrAdd(name: .date, value: date.now())
        let responseHead = HTTPResponseHead(version: response.version, status: response.status, headers: headers)
        context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
        let bodiless = head.method == .HEAD || response.status == .noContent || response.status == .notModified
        if bodiless || response.body.count == 0 {
            end(keepAlive: keepAlive, context: context)
        } else if let buffer = response.body.buffer {
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            end(keepAlive: keepAlive, context: context)
        } else {  // a streamed body: collected, as nothing Relief serves is large
            let bound = NIOLoopBound((context, self), eventLoop: context.eventLoop)
            response.body.collect(on: context.eventLoop).whenComplete { result in
                let (context, handler) = bound.value
                guard case .success(let buffer) = result else {
                    handler.state = .closing
                    return context.close(promise: nil)
                }
                if let buffer { context.write(handler.wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil) }
                handler.end(keepAlive: keepAlive, context: context)
            }
        }
    }

    /// Ends the answer. The state changes first: ending it lets the pipelining handler pass on the next request.
    private func end(keepAlive: Bool, context: ChannelHandlerContext) {
        state = keepAlive ? .idle : .closing
        let ended = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            ended.whenComplete { _ in bound.value.close(promise: nil) }
        }
    }
}
