import Crypto
import Fluent
import Foundation
import ReliefCore
import SQLKit
import Vapor

/// A form sent after its session had ended, kept for its author until they sign in again on that browser.
/// The form is sealed (AES-GCM) with a random key that only the browser's cookie carries; the database holds the
/// sealed form and the key's hash, so neither a stolen database nor a stolen cookie alone reads it, and nothing of
/// it travels in a URL.
struct UnsavedSubmission: Sendable {
    static let cookieName = "relief_unsaved"
    /// "Briefly": long enough for a lunch break, short enough that a forgotten form does not linger.
    static let lifetime: TimeInterval = 2 * 3600
    /// The form field that names a kept form being sent again, so it is let go once saved.
    static let fieldName = "_unsaved"

    struct Form: Codable, Sendable {
        let path: String
        let fields: [[String]]
        let keptAt: Date
    }

    let id: UUID
    let form: Form

    /// The fields as typed, without the form token.
    var fields: [(name: String, value: String)] {
        form.fields.compactMap { $0.count == 2 && $0[0] != CSRFMiddleware.fieldName ? ($0[0], $0[1]) : nil }
    }

    /// The patient a form was about, read from its address (`/patients/{id}/…`), for the audit trail.
    var patientID: UUID? { Self.patientID(in: form.path) }

    static func patientID(in path: String) -> UUID? {
        let parts = path.split(separator: "/")
        return parts.count > 1 && parts[0] == "patients" ? UUID(uuidString: String(parts[1])) : nil
    }

    /// Keeps a form for `userID`; returns the key for the browser's cookie.
    static func keep(path: String, fields: FormFields, for userID: UUID, now: Date, on database: any Database) async throws -> String {
        let key = SessionToken.random()
        let form = Form(path: path, fields: fields.pairs.map { [$0.name, $0.value] }, keptAt: now)
        let sealed = try AES.GCM.seal(try JSONEncoder().encode(form), using: sealingKey(key)).combined ?? Data()
        try await database.sql.raw("DELETE FROM unsaved_submissions WHERE expires_at < \(bind: now)").run()
        try await database.sql.raw("""
            INSERT INTO unsaved_submissions (id, key_hash, user_id, sealed, kept_at, expires_at)
            VALUES (\(bind: UUID()), \(bind: SessionToken.hash(key)), \(bind: userID), \(bind: sealed.base64EncodedString()),
                    \(bind: now), \(bind: now.addingTimeInterval(lifetime)))
            """).run()
        return key
    }

    /// The form kept under the browser's key for this user, while it lasts; nil for anyone else's key.
    static func find(key: String, userID: UUID, now: Date, on database: any Database) async throws -> UnsavedSubmission? {
        guard let row = try await database.sql.raw("""
            SELECT id, sealed FROM unsaved_submissions
            WHERE key_hash = \(bind: SessionToken.hash(key)) AND user_id = \(bind: userID) AND expires_at > \(bind: now)
            """).first() else { return nil }
        guard let sealed = Data(base64Encoded: try row.decode(column: "sealed", as: String.self)),
              let box = try? AES.GCM.SealedBox(combined: sealed),
              let plain = try? AES.GCM.open(box, using: sealingKey(key)),
              let form = try? JSONDecoder().decode(Form.self, from: plain) else { return nil }
        return UnsavedSubmission(id: try row.decode(column: "id", as: UUID.self), form: form)
    }

    /// Lets a kept form go (saved or discarded): it is a copy of typing, not part of the record.
    static func release(_ id: UUID, userID: UUID, on database: any Database) async throws {
        try await database.sql.raw("DELETE FROM unsaved_submissions WHERE id = \(bind: id) AND user_id = \(bind: userID)").run()
    }

    private static func sealingKey(_ key: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: Data(key.utf8)), info: Data("relief unsaved submission".utf8),
                               outputByteCount: 32)
    }
}

extension Request {
    /// The key of the form kept on this browser, if any.
    var unsavedSubmissionKey: String? {
        guard let key = parsedCookies[UnsavedSubmission.cookieName]?.string, !key.isEmpty else { return nil }
        return key
    }
}
