import RoutingKit
import Vapor

/// A method no route of the path takes (TRACE, or DELETE on a list) answers 405 with the methods it does take, as
/// HTTP says, instead of the router's 404 for "no such address".
struct MethodNotAllowedMiddleware: Middleware {
    /// Filled here, before the server starts, and only read afterwards, as Vapor's own router is.
    private final class Table: @unchecked Sendable {
        let router = TrieRouter([String].self)
    }

    private let table = Table()

    /// The methods of every registered path, read once after the routes are registered.
    init(routes: Routes) {
        var byPath: [String: (path: [PathComponent], methods: [String])] = [:]
        for route in routes.all {
            byPath[route.path.string, default: (route.path, [])].methods.append(route.method.rawValue)
        }
        for (_, entry) in byPath {
            let allowed = entry.methods.contains("GET") && !entry.methods.contains("HEAD") ? entry.methods + ["HEAD"] : entry.methods
            table.router.register(allowed.sorted(), at: entry.path)
        }
    }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).flatMapErrorThrowing { error in
            guard request.route == nil, (error as? any AbortError)?.status == .notFound else { throw error }
            var parameters = Parameters()
            let path = request.url.path.split(separator: "/").map(String.init)
            guard let allowed = table.router.route(path: path, parameters: &parameters), !allowed.contains(request.method.rawValue) else {
                throw error
            }
            throw Abort(.methodNotAllowed, headers: ["Allow": allowed.joined(separator: ", ")],
                        reason: "This address takes \(allowed.joined(separator: ", ")).")
        }
    }
}
