import Foundation
import Vapor

/// Serves the few own assets (stylesheet, scripts) from the bundle, read once at start, so Relief runs from
/// any directory and never reaches for a CDN.
struct StaticAssetMiddleware: Middleware {
    struct Asset {
        let body: String
        let contentType: HTTPMediaType
        let etag: String
    }

    let assets: [String: Asset]

    init(bundle: Bundle = .module) {
        var assets: [String: Asset] = [:]
        let types: [String: HTTPMediaType] = ["css": .css, "js": HTTPMediaType(type: "text", subType: "javascript"), "svg": .svg]
        let directory = bundle.resourceURL?.appendingPathComponent("Public")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory?.path ?? "")) ?? []
        for name in files {
            guard let directory, let type = types[(name as NSString).pathExtension],
                  let body = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) else { continue }
            assets["/" + name] = Asset(body: body, contentType: type, etag: "\"\(SessionToken.hash(body).prefix(16))\"")
        }
        self.assets = assets
    }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard request.method == .GET || request.method == .HEAD, let asset = assets[request.url.path] else {
            return next.respond(to: request)
        }
        return request.eventLoop.makeSucceededFuture(response(for: asset, request: request))
    }

    private func response(for asset: Asset, request: Request) -> Response {
        if request.headers.first(name: .ifNoneMatch) == asset.etag { return Response(status: .notModified) }
        let response = Response(status: .ok, body: .init(string: asset.body))
        response.headers.contentType = asset.contentType
        response.headers.replaceOrAdd(name: .eTag, value: asset.etag)
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }
}
