import Foundation
import Testing
import Vapor
@testable import App

/// Relief's own HTTP server: what the parser refuses is answered, never dropped; bodies stop at the practice's
/// limit; connections are kept, pipelined and closed as HTTP/1.1 says.
@Suite struct HTTPServerTests {
    private static let overLimit = String(repeating: "a", count: 90_000)

    @Test(arguments: TestDatabase.available)
    func aRequestLineOverTheLimitGets414(_ database: TestDatabase) async throws {
        try await withRelief(database) { context in
            try await RawHTTP.serving(context.app) { server in
                // act
                let answers = try await server.exchange("GET /patients?q=\(Self.overLimit) HTTP/1.1\r\nHost: relief\r\n\r\n")
                // check
                let answer = try #require(answers.first)
                #expect(answer.status == 414)
                #expect(answer.header("Connection") == "close")
                #expect(answer.header("Content-Security-Policy") != nil)
                #expect(answer.body.contains("The address is too long."))
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func headersOverTheLimitGet431InTheClientsFormat(_ database: TestDatabase) async throws {
        try await withRelief(database) { context in
            try await RawHTTP.serving(context.app) { server in
                // setup
                let manyHeaders = (1...60).map { "X-Filler-\($0): \(String(repeating: "b", count: 2_000))\r\n" }.joined()
                // act
                let oneLong = try await server.exchange("GET /health HTTP/1.1\r\nHost: relief\r\nX-Long: \(Self.overLimit)\r\n\r\n")
                let many = try await server.exchange("GET /api/v1/patients HTTP/1.1\r\nHost: relief\r\nAccept: application/json\r\n"
                                               + manyHeaders + "\r\n")
                // check
                #expect(oneLong.map(\.status) == [431])
                #expect(oneLong.first?.body.contains("headers are too large") == true)
                #expect(many.map(\.status) == [431])
                // The headers were never read, so the page is what anyone gets: the JSON client's Accept is lost with them.
                #expect(many.first?.header("X-Content-Type-Options") == "nosniff")
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aBodyOverTheLimitGets413WithoutBeingKept(_ database: TestDatabase) async throws {
        try await withRelief(database, adjust: { $0.maxBodySize = 1_000 }) { context in
            try await RawHTTP.serving(context.app) { server in
                // setup
                let body = String(repeating: "c", count: 1_001)
                let head = "POST /api/v1/patients HTTP/1.1\r\nHost: relief\r\nAccept: application/json\r\n"
                    + "Content-Type: application/json\r\n"
                // act
                let declared = try await server.exchange(head + "Content-Length: 1001\r\nExpect: 100-continue\r\n\r\n")
                let sent = try await server.exchange(head + "Content-Length: 1001\r\n\r\n" + body)
                let chunked = try await server.exchange(head + "Transfer-Encoding: chunked\r\n\r\n3e9\r\n\(body)\r\n0\r\n\r\n")
                let overThenBroken = try await server.exchange(head + "Transfer-Encoding: chunked\r\n\r\n3e9\r\n\(body)\r\nzz\r\n")
                // check
                for answers in [declared, sent, chunked] {
                    #expect(answers.map(\.status) == [413])
                    #expect(answers.first?.body.contains("\"error\":\"The request is too large.\"") == true)
                }
                // Unreadable after the limit: still an answer, not a dropped connection.
                #expect(overThenBroken.map(\.status) == [400])
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aKeptConnectionAnswersPipelinedRequestsInOrderAndHeadWithoutABody(_ database: TestDatabase) async throws {
        try await withRelief(database) { context in
            try await RawHTTP.serving(context.app) { server in
                // act
                let answers = try await server.exchange(
                    "GET /health HTTP/1.1\r\nHost: relief\r\n\r\n"
                        + "GET /nowhere HTTP/1.1\r\nHost: relief\r\n\r\n"
                        + "HEAD /health HTTP/1.1\r\nHost: relief\r\nConnection: close\r\n\r\n")
                let old = try await server.exchange("GET /health HTTP/1.0\r\n\r\n")
                // check
                #expect(answers.map(\.status) == [200, 404, 200])
                #expect(answers.map { $0.header("Connection") } == ["keep-alive", "keep-alive", "close"])
                #expect(answers[0].body == "ok\n")
                #expect(answers[2].header("Content-Length") == "3" && answers[2].body.isEmpty)
                #expect(answers.allSatisfy { $0.header("Date")?.hasSuffix(" GMT") == true })
                #expect(old.map(\.status) == [200] && old.first?.header("Connection") == "close")
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func whatIsNotHTTPGets400AndTheConnectionCloses(_ database: TestDatabase) async throws {
        try await withRelief(database) { context in
            try await RawHTTP.serving(context.app) { server in
                // act
                let garbage = try await server.exchange("GARBAGE\r\n\r\n")
                let nul = try await server.exchange(Array("GET /hea".utf8) + [0] + Array("lth HTTP/1.1\r\nHost: relief\r\n\r\n".utf8))
                let badChunk = try await server.exchange("POST /login HTTP/1.1\r\nHost: relief\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
                let afterAnAnswer = try await server.exchange("GET /health HTTP/1.1\r\nHost: relief\r\n\r\nGARBAGE\r\n\r\n")
                // check
                #expect(garbage.map(\.status) == [400])
                #expect(nul.map(\.status) == [400])
                #expect(badChunk.map(\.status) == [400])
                #expect(afterAnAnswer.map(\.status) == [200, 400])
                #expect(afterAnAnswer.last?.header("Connection") == "close")
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aStoppedServerLetsGoOfItsPortAndStartsAgainOnIt(_ database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            var port = 0
            try await RawHTTP.serving(context.app) { server in port = server.port }
            // act
            let whileStopped = try await RawHTTP(port: port).exchange("GET /health HTTP/1.1\r\nHost: relief\r\n\r\n")
            try await context.app.server.start(address: .hostname("127.0.0.1", port: port))
            let afterRestart = try await RawHTTP(port: port).exchange("GET /health HTTP/1.0\r\n\r\n")
            await context.app.server.shutdown()
            // check
            #expect(whileStopped.isEmpty)
            #expect(afterRestart.map(\.status) == [200])
        }
    }

    @Test func theDateHeaderIsAnIMFFixdate() {
        // act, check: RFC 9110's own example
        #expect(HTTPDate.format(secondsSince1970: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(secondsSince1970: 1_796_463_005) == "Sat, 05 Dec 2026 09:30:05 GMT")
    }
}
