import Foundation
import Testing
import Vapor
@testable import App

/// A running Relief server spoken to in raw bytes: what a browser, curl or an attacker sends, byte for byte,
/// including what no HTTP client library would send.
struct RawHTTP {
    struct Answer {
        let status: Int
        let headers: [(name: String, value: String)]
        let body: String

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    let port: Int

    /// Starts the application's own server on a free port for the test, and stops it after.
    static func serving(_ app: Application, _ test: (RawHTTP) async throws -> Void) async throws {
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        do {
            try await test(RawHTTP(port: try #require(app.http.server.configuration.port)))
        } catch {
            await app.server.shutdown()
            throw error
        }
        await app.server.shutdown()
    }

    /// Sends the bytes on one connection and reads until the server closes it (or 5 s pass): every answer given.
    /// On a thread of its own: blocking a test's thread could starve the server's own tasks on two cores.
    func exchange(_ bytes: [UInt8]) async throws -> [Answer] {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try self.blockingExchange(bytes) })
            }
        }
    }

    func exchange(_ text: String) async throws -> [Answer] {
        try await exchange(Array(text.utf8))
    }

    private func blockingExchange(_ bytes: [UInt8]) throws -> [Answer] {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(socket >= 0)
        defer { close(socket) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return [] }  // nothing listening: no answer
        // The server may answer and close before taking everything: a refused send is part of the exchange.
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { break }
            sent += count
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(socket, &chunk, chunk.count, 0)
            if count <= 0 { break }
            received += chunk[..<count]
        }
        return Self.answers(in: received)
    }

    /// Splits the bytes into answers, each framed by its Content-Length (Relief sends no chunked answers).
    private static func answers(in bytes: [UInt8]) -> [Answer] {
        var answers: [Answer] = []
        var rest = bytes[...]
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        while let headEnd = rest.firstRange(of: separator) {
            let lines = String(decoding: rest[..<headEnd.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
            let status = Int(lines[0].split(separator: " ")[1]) ?? 0
            let headers = lines.dropFirst().map { line in
                let parts = line.split(separator: ":", maxSplits: 1)
                return (name: String(parts[0]), value: parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
            }
            let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
            let interim = (100..<200).contains(status)
            let bodyEnd = interim ? headEnd.upperBound : min(rest.endIndex, headEnd.upperBound + length)
            answers.append(Answer(status: status, headers: headers,
                                  body: String(decoding: rest[headEnd.upperBound..<bodyEnd], as: UTF8.self)))
            rest = rest[bodyEnd...]
        }
        return answers
    }
}

extension Application.Method {
    /// Over real HTTP on a port free a moment ago: VaporTesting learns the port the system chose for port 0 only from
    /// Vapor's own server, not Relief's.
    static var liveHTTP: Self {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                _ = bind(socket, $0, length)
                _ = getsockname(socket, $0, &length)
            }
        }
        return .running(hostname: "127.0.0.1", port: Int(UInt16(bigEndian: address.sin_port)))
    }
}
