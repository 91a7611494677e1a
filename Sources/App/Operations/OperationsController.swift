import Fluent
import Foundation
import ReliefCore
import SQLKit
import Vapor

/// Health and metrics for the people who run Relief.
enum OperationsController {
    static func health(req: Request) async throws -> Response {
        do {
            _ = try await req.db.sql.raw("SELECT 1 AS ok").all()
            return Response(status: .ok, body: .init(string: "ok\n"))
        } catch {
            req.logger.error("health check: database unreachable: \(String(reflecting: error))")
            return Response(status: .serviceUnavailable, body: .init(string: "database unreachable\n"))
        }
    }

    static func metrics(req: Request) async throws -> Response {
        let response = Response(status: .ok, body: .init(string: req.application.requestMetrics.prometheusText()))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4"])
        return response
    }
}

/// Counts every request and its latency by route pattern, and logs one line per request with its id,
/// so the "Reference" a user reads on an error page can be found in the logs.
struct RequestObserverMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let start = ContinuousClock.now
        return next.respond(to: request).map { response in
            observe(request, response, elapsed: ContinuousClock.now - start)
            return response
        }
    }

    private func observe(_ request: Request, _ response: Response, elapsed: Duration) {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let route = request.route.map { "/" + $0.path.string } ?? "unmatched"
        request.application.requestMetrics.record(method: request.method.rawValue, route: route,
                                                  status: Int(response.status.code), seconds: seconds)
        request.logger.info("\(request.method.rawValue) \(request.url.path) \(response.status.code)", metadata: [
            "route": .string(route), "ms": .stringConvertible((seconds * 1000).rounded()),
        ])
    }
}

extension Application {
    private struct MetricsKey: StorageKey { typealias Value = RequestMetrics }

    /// Set once by `configure`, before any request runs.
    var requestMetrics: RequestMetrics {
        get { storage[MetricsKey.self]! }
        set { storage[MetricsKey.self] = newValue }
    }
}
