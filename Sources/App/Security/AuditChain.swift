import Crypto
import Fluent
import Foundation
import SQLKit
import Vapor

/// Makes tampering with the audit trail detectable, not only hard. Each row carries its place in the trail (`seq`,
/// 1, 2, 3, …) and a SHA-256 over the previous row's hash and its own fields. Triggers refuse changes, but whoever
/// owns the database can drop them; a changed, removed or inserted row then breaks every link after it, and
/// `relief audit verify` names the first. (Rows cut off the end leave no broken link: keep the head the command
/// prints somewhere else to catch that.)
///
/// Rows are appended in one order only: on SQLite the write lock orders them, on PostgreSQL a transaction-level
/// advisory lock that every write transaction takes first (`writeTransaction`).
enum AuditChain {
    /// The hash before the first row.
    static let genesis = String(repeating: "0", count: 64)

    /// The last row's place and hash, or the start of the chain.
    struct Head: Equatable, Sendable {
        var seq: Int64
        var hash: String

        /// The head after appending a row with these fields.
        func appending(_ fields: Fields) -> Head {
            Head(seq: seq + 1, hash: AuditChain.link(previous: hash, seq: seq + 1, fields))
        }
    }

    /// A row's fields in the order they are hashed; times in whole milliseconds, ids in lower case.
    struct Fields: Equatable, Sendable {
        var values: [String?]

        init(id: UUID, occurredAt: Date, userID: UUID?, userEmail: String?, role: String?, action: String, resourceType: String?,
             resourceID: String?, patientID: UUID?, ip: String?, userAgent: String?, outcome: String, detail: String?) {
            values = [id.lowercasedText, String(AuditChain.milliseconds(occurredAt)), userID?.lowercasedText, userEmail, role, action,
                      resourceType, resourceID, patientID?.lowercasedText, ip, userAgent, outcome, detail]
        }
    }

    /// SHA-256 of the previous hash, the place and every field, each field length-prefixed ("-" for none), so that no
    /// two different rows encode alike. Never change this: the rows already written are checked with it.
    static func link(previous: String, seq: Int64, _ fields: Fields) -> String {
        var text = "relief-audit-v1\n\(previous)\n\(seq)\n"
        for value in fields.values {
            if let value { text += "\(value.utf8.count):\(value)\n" } else { text += "-\n" }
        }
        return SessionToken.hex(SHA256.hash(data: Data(text.utf8)))
    }

    /// Stored times are whole milliseconds, so both databases give back exactly the time that was hashed.
    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    static func wholeMilliseconds(_ date: Date) -> Date { Date(timeIntervalSince1970: Double(milliseconds(date)) / 1000) }

    /// The head as committed; call inside the write transaction that appends, which holds the lock that orders them.
    static func head(on database: any Database) async throws -> Head {
        guard let row = try await database.sql.raw("""
            SELECT seq, hash FROM audit_events WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1
            """).first() else { return Head(seq: 0, hash: genesis) }
        return Head(seq: try row.decode(column: "seq", as: Int64.self), hash: try row.decode(column: "hash", as: String.self))
    }
}

extension AuditChain {
    /// One stored row, read back for checking the chain.
    struct Stored: Decodable, Sendable {
        let id: UUID
        let occurredAt: Date
        let userID: UUID?
        let userEmail: String?
        let role: String?
        let action: String
        let resourceType: String?
        let resourceID: String?
        let patientID: UUID?
        let ip: String?
        let userAgent: String?
        let outcome: String
        let detail: String?
        let seq: Int64?
        let hash: String?

        enum CodingKeys: String, CodingKey {
            case id, occurredAt = "occurred_at", userID = "user_id", userEmail = "user_email", role, action
            case resourceType = "resource_type", resourceID = "resource_id", patientID = "patient_id", ip, userAgent = "user_agent"
            case outcome, detail, seq, hash
        }

        var fields: Fields {
            Fields(id: id, occurredAt: occurredAt, userID: userID, userEmail: userEmail, role: role, action: action,
                   resourceType: resourceType, resourceID: resourceID, patientID: patientID, ip: ip, userAgent: userAgent,
                   outcome: outcome, detail: detail)
        }
    }

    /// What `relief audit verify` found.
    struct Verification: Equatable, Sendable {
        var rows: Int
        var head: Head
        /// The first place where the chain does not hold, in words; nil when every link holds.
        var broken: String?
    }

    /// Walks the whole trail in order, a page at a time, and stops at the first link that does not hold.
    static func verify(on database: any Database, pageSize: Int = 2000) async throws -> Verification {
        var head = Head(seq: 0, hash: genesis), rows = 0
        while true {
            let page = try await database.sql.raw("""
                SELECT * FROM audit_events WHERE seq > \(bind: head.seq) ORDER BY seq LIMIT \(unsafeRaw: String(pageSize))
                """).all(decoding: Stored.self)
            for row in page {
                let expected = head.appending(row.fields)
                guard row.seq == expected.seq else {
                    return Verification(rows: rows, head: head, broken: "row \(expected.seq) is missing (the next is \(row.seq.map(String.init) ?? "none"), id \(row.id.lowercasedText))")
                }
                guard row.hash == expected.hash else {
                    return Verification(rows: rows, head: head, broken: "row \(expected.seq) (id \(row.id.lowercasedText)) was changed, or one before it was")
                }
                head = expected
                rows += 1
            }
            if page.count < pageSize { break }
        }
        let outside = try await database.sql.raw("SELECT COUNT(*) AS n FROM audit_events WHERE seq IS NULL").first()?
            .decode(column: "n", as: Int.self) ?? 0
        return Verification(rows: rows, head: head, broken: outside == 0 ? nil : "\(outside) row(s) stand outside the chain (inserted around it)")
    }
}

/// The audit trail as the command line sees it.
public enum AuditTrail {
    /// `relief audit verify`: whether every link holds, and in words what was checked or where it breaks.
    public static func verifyFromCommandLine(on app: Application) async throws -> (intact: Bool, text: String) {
        let result = try await AuditChain.verify(on: app.db)
        if let broken = result.broken { return (false, "\(broken); the \(result.rows) row(s) before it hold.") }
        return (true, "\(result.rows) audit row(s), every link holds. Head: row \(result.head.seq), \(result.head.hash) "
                    + "(keep it elsewhere: rows cut off after it would leave no broken link).")
    }
}
