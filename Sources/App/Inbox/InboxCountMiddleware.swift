import Foundation
import Vapor

/// Counts the inbox's new items for a page's navigation ("Inbox 3"), once per page a clinical user opens. Pages are
/// drawn synchronously at the end of their handler, so the count is read before it runs; API calls and form posts
/// (which redirect) go without. The count is kept per instance with the inbox version it was counted at, and counted
/// again only when the database says the version moved.
struct InboxCountMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method == .GET, request.currentUser?.can(.clinicalRead) == true, !request.wantsJSON {
            let version = try await InboxQueries.version(on: request.db)
            request.inboxCount = try await request.application.inboxCount.count(at: version) {
                try await InboxQueries.newCount(on: request.db)
            }
        }
        return try await next.respond(to: request)
    }
}

/// The inbox count as last counted, with the version it was counted at. Read the version first, then count: a
/// change in between leaves a count newer than its version, which only means one recount more.
final class InboxCountCache: @unchecked Sendable {  // state guarded by `lock`
    private let lock = NSLock()
    private var counted: (version: Int, count: Int)?

    func count(at version: Int, counting: () async throws -> Int) async throws -> Int {
        if let counted = lock.withLock({ counted }), counted.version == version { return counted.count }
        let count = try await counting()
        lock.withLock { counted = (version, count) }
        return count
    }
}

extension Application {
    private struct InboxCountCacheKey: StorageKey { typealias Value = InboxCountCache }

    /// Set once by `configure`, before any request runs.
    var inboxCount: InboxCountCache {
        get { storage[InboxCountCacheKey.self]! }
        set { storage[InboxCountCacheKey.self] = newValue }
    }
}

extension Request {
    private struct InboxCountKey: StorageKey { typealias Value = Int }

    /// The new items in the inbox, when this request counted them.
    var inboxCount: Int? {
        get { storage[InboxCountKey.self] }
        set { storage[InboxCountKey.self] = newValue }
    }
}
