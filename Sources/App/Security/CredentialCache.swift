import Foundation
import Vapor

/// A credential's row as it was checked: whose it is, so every credential of a user can be forgotten at once.
protocol CachedCredential: Sendable {
    var userID: UUID { get }
}

extension SessionStore.Row: CachedCredential {}
extension APITokens.Row: CachedCredential {}

/// Remembers recently checked sessions or API tokens for a few seconds (`RELIEF_SESSION_CACHE_SECONDS`, default 5;
/// 0 turns it off), keyed by the credential's hash, so a request does not pay a database round trip just to learn
/// who is asking. Credentials this instance ends or changes leave the cache at once; with several instances, one
/// ended elsewhere can live on here for at most the cache time.
final class CredentialCache<Row: CachedCredential>: @unchecked Sendable {  // state guarded by `lock`
    private let lock = NSLock()
    private var entries: [String: (row: Row, cachedAt: Date)] = [:]
    let lifetime: TimeInterval
    static var maximumEntries: Int { 10_000 }

    init(lifetime: TimeInterval) { self.lifetime = lifetime }

    func row(for hash: String, now: Date) -> Row? {
        guard lifetime > 0 else { return nil }
        lock.lock(); defer { lock.unlock() }
        guard let entry = entries[hash], now.timeIntervalSince(entry.cachedAt) < lifetime else { return nil }
        return entry.row
    }

    func store(_ row: Row, for hash: String, now: Date) {
        guard lifetime > 0 else { return }
        lock.lock(); defer { lock.unlock() }
        if entries.count >= Self.maximumEntries { entries.removeAll() }
        entries[hash] = (row, now)
    }

    func remove(where matches: (Row) -> Bool) {
        lock.lock(); defer { lock.unlock() }
        entries = entries.filter { !matches($0.value.row) }
    }
}

typealias SessionCache = CredentialCache<SessionStore.Row>
typealias APITokenCache = CredentialCache<APITokens.Row>

extension Application {
    private struct SessionCacheKey: StorageKey { typealias Value = SessionCache }
    private struct APITokenCacheKey: StorageKey { typealias Value = APITokenCache }

    /// Set once by `configure`, before any request runs.
    var sessionCache: SessionCache {
        get { storage[SessionCacheKey.self]! }
        set { storage[SessionCacheKey.self] = newValue }
    }

    /// Set once by `configure`, before any request runs.
    var apiTokenCache: APITokenCache {
        get { storage[APITokenCacheKey.self]! }
        set { storage[APITokenCacheKey.self] = newValue }
    }

    /// Drops what this instance remembers of a user's sessions and tokens: after a change of role, password or
    /// status, their next request is checked against the database.
    func forgetCredentials(of userID: UUID) {
        sessionCache.remove { $0.userID == userID }
        apiTokenCache.remove { $0.userID == userID }
    }
}
