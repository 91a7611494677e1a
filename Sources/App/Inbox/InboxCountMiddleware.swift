import Vapor

/// Counts the inbox's new items for a page's navigation ("Inbox 3"), once per page a clinical user opens. Pages are
/// drawn synchronously at the end of their handler, so the count is read before it runs; API calls and form posts
/// (which redirect) go without.
struct InboxCountMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method == .GET, request.currentUser?.can(.clinicalRead) == true, !request.wantsJSON {
            request.inboxCount = try await InboxQueries.newCount(on: request.db)
        }
        return try await next.respond(to: request)
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
