import NIOCore
import NIOHTTP1

/// Measures, ahead of the HTTP parser, the current request's first line. The parser reports an over-long request
/// line and an over-long header block as the same error, and they take different answers (414, 431): a request
/// line that alone reaches the parser's limit is the long part.
final class RequestLineMeter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    static let parserLimit = NIOHTTPDecoderLimitConfiguration().maxHeaderFieldSize

    private var length = 0
    private var ended = false

    var requestLineTooLong: Bool { length >= Self.parserLimit }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if !ended {
            let bytes = unwrapInboundIn(data).readableBytesView
            if let lineEnd = bytes.firstIndex(of: UInt8(ascii: "\n")) {
                length += lineEnd - bytes.startIndex
                ended = true
            } else {
                length += bytes.count
            }
        }
        context.fireChannelRead(data)
    }

    /// The connection handler saw the request end: the next bytes begin another request line.
    func requestEnded() {
        length = 0
        ended = false
    }
}
