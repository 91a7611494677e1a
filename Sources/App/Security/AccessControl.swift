import Foundation
import ReliefCore
import Vapor

/// The one mechanism that guards routes: every route is registered through `on(_:_:access:use:)`, which records
/// its access level on the route and puts `AccessMiddleware` in front of the handler.
extension RoutesBuilder {
    @discardableResult
    func on<each Value>(_ method: HTTPMethod, _ address: Address<repeat each Value>, access: Access,
                        use handler: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable) -> Route {
        on(method, address.route, access: access, use: handler)
    }

    @discardableResult
    func on(_ method: HTTPMethod, _ path: [PathComponent], access: Access,
            use handler: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable) -> Route {
        let route = grouped(AccessMiddleware(access: access)).on(method, path, use: handler)
        route.userInfo[Route.accessKey] = access
        return route
    }
}

extension Route {
    static let accessKey = "relief.access"

    /// The access level the route was registered with; nil for a route that bypassed `on(_:_:access:use:)`.
    var access: Access? { userInfo[Self.accessKey] as? Access }
}

struct AccessMiddleware: Middleware {
    let access: Access

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        if access == .anonymous { return next.respond(to: request) }
        if access == .kiosk { return kiosk(request, next) }
        if access == .patientLink { return patientLink(request, next) }
        guard let user = request.currentUser else {
            if request.wantsJSON { return request.eventLoop.makeFailedFuture(Abort(.unauthorized, reason: "Sign in first.")) }
            let next = request.method == .GET ? request.url.string : SitePath.home()
            let query = (try? URLEncodedFormEncoder().encode(["next": next])) ?? ""
            return request.eventLoop.makeSucceededFuture(
                request.redirect(to: SitePath.login() + "?" + query + (request.sessionEnded ? "&expired=1" : "")))
        }
        // A temporary password set by an administrator must be replaced before anything else.
        if user.mustChangePassword, access != .signedIn {
            if request.wantsJSON {
                return request.eventLoop.makeFailedFuture(Abort(.forbidden, reason: "Replace your temporary password in Relief first."))
            }
            return request.eventLoop.makeSucceededFuture(request.redirect(to: SitePath.accountPassword()))
        }
        // A read-only token reads; anything that could change a record is refused as the role's limit is.
        let changes = ![.GET, .HEAD].contains(request.method)
        guard PermissionTable.allows(user.role, access), !(user.readsOnly && changes) else {
            return request.eventLoop.makeFutureWithTask {
                try await request.audit(AuditEntry(
                    action: .permissionDenied, resourceType: "route",
                    resourceID: "\(request.method.rawValue) /\(request.route?.path.string ?? request.url.path)",
                    outcome: .denied))
                throw Abort(.forbidden, reason: user.readsOnly && changes ? "This API token may only read." : "Your role (\(user.role.title)) does not allow this.")
            }
        }
        return next.respond(to: request)
    }
}

extension AccessMiddleware {
    /// A kiosk route needs the tablet's kiosk cookie of an open, unexpired session; without one, the code entry page.
    private func kiosk(_ request: Request, _ next: any Responder) -> EventLoopFuture<Response> {
        device(request, next, cookie: KioskSession.cookieName, otherwise: SitePath.kiosk(),
               find: { try await KioskQueries.active(token: $0, now: request.now, on: request.db) }, keep: { request.kioskSession = $0 })
    }

    /// A patient link route needs the device's cookie of an opened link still open; without one, a page that says
    /// the link is over (the address of the link itself is not known here).
    private func patientLink(_ request: Request, _ next: any Responder) -> EventLoopFuture<Response> {
        device(request, next, cookie: PatientLink.cookieName, otherwise: SitePath.patientLinkDone(),
               find: { try await PatientLinkQueries.active(session: $0, today: request.today, on: request.db) }, keep: { request.patientLink = $0 })
    }

    /// A route for a device nobody is signed in on: its cookie must name a session `find` still finds.
    private func device<Session: Sendable>(_ request: Request, _ next: any Responder, cookie: String, otherwise: String,
                                           find: @escaping @Sendable (String) async throws -> Session?,
                                           keep: @escaping @Sendable (Session) -> Void) -> EventLoopFuture<Response> {
        request.eventLoop.makeFutureWithTask {
            guard let token = request.parsedCookies[cookie]?.string, let session = try await find(token) else {
                let response = request.redirect(to: otherwise)
                response.cookies[cookie] = .expired
                return response
            }
            keep(session)
            return try await next.respond(to: request).get()
        }
    }
}

extension Request {
    /// JSON clients (API scripts) get JSON errors; browsers get pages.
    var wantsJSON: Bool {
        // Compared by name: HTTPMediaType's == lets "*/*" (curl's default Accept) match JSON.
        url.path.hasPrefix("/api/") || isFHIR || isCDSHooks || headers.accept.first.map { $0.mediaType.type == "application" && $0.mediaType.subType == "json" } ?? false
            || headers.contentType.map { $0.type == "application" && $0.subType == "json" } ?? false
    }
}
