import Fluent
import Foundation
import ReliefCore
import SQLKit
import Vapor

// @unchecked Sendable: Fluent models are mutable reference types by design; each lives within one request.

/// A link given to a patient to fill one diary or answer one follow-up on their own device. Its secret is in the
/// address; the patient's birth date opens it once, binding it to that device's cookie; it closes when answered,
/// when a newer link replaces it, or after its last day. Only the hashes of the secret and the cookie are stored.
final class PatientLink: Model, @unchecked Sendable {
    static let schema = "patient_links"
    static let cookieName = "relief_link"

    @ID(key: .id) var id: UUID?
    @Field(key: "patient_id") var patientID: UUID
    @Field(key: "purpose") var purpose: String
    /// The diary's appointment, or the follow-up.
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "token_hash") var tokenHash: String
    @OptionalField(key: "session_hash") var sessionHash: String?
    @Field(key: "last_day") var lastDay: String
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "opened_at") var openedAt: Date?
    @OptionalField(key: "closed_at") var closedAt: Date?
    @OptionalField(key: "closed_reason") var closedReason: String?

    init() {}

    init(patientID: UUID, purpose: PatientLinkPurpose, subjectID: UUID, tokenHash: String, lastDay: CalendarDate, by user: UUID, now: Date) {
        id = UUID()
        self.patientID = patientID
        self.purpose = purpose.rawValue
        self.subjectID = subjectID
        self.tokenHash = tokenHash
        self.lastDay = lastDay.description
        createdBy = user
        createdAt = now
    }

    var linkPurpose: PatientLinkPurpose { PatientLinkPurpose(rawValue: purpose) ?? .followUp }
    var last: CalendarDate? { CalendarDate(lastDay) }
}

enum PatientLinkQueries {
    /// Makes a link and returns its secret; an earlier link for the same diary or follow-up still open closes, so
    /// only the newest one sent works.
    static func create(patientID: UUID, purpose: PatientLinkPurpose, subjectID: UUID, lastDay: CalendarDate, by user: UUID, now: Date,
                       on database: any Database, audit: @escaping TransactionalAudit) async throws -> String {
        let secret = SessionToken.random()
        try await database.writeTransaction { database in
            try await database.sql.update(PatientLink.schema).set("closed_at", to: now).set("closed_reason", to: "replaced by a newer link")
                .where("subject_id", .equal, subjectID).where("closed_at", .is, SQLLiteral.null).run()
            let link = PatientLink(patientID: patientID, purpose: purpose, subjectID: subjectID, tokenHash: SessionToken.hash(secret), lastDay: lastDay,
                                   by: user, now: now)
            try await link.create(on: database)
            try await audit(AuditEntry(action: .patientLinkCreate, resourceType: "PatientLink", resourceID: (try link.requireID()).uuidString,
                                       patientID: patientID, detail: "\(purpose.rawValue) until \(lastDay)"), database)
        }
        return secret
    }

    /// The link whose secret this is while it can still be opened: never opened, not closed, not past its last day.
    static func unopened(secret: String, today: CalendarDate, on database: any Database) async throws -> PatientLink? {
        guard let link = try await PatientLink.query(on: database).filter(\.$tokenHash == SessionToken.hash(secret))
            .filter(\.$openedAt == nil).filter(\.$closedAt == nil).first(), let last = link.last, today <= last else { return nil }
        return link
    }

    /// Opens the link for one device and returns the device's cookie token; nil when another device opened it first.
    static func open(_ link: PatientLink, now: Date, on database: any Database, audit: @escaping TransactionalAudit) async throws -> String? {
        let token = SessionToken.random(), id = try link.requireID()
        return try await database.writeTransaction { database in
            let rows = try await database.sql.update(PatientLink.schema).set("opened_at", to: now).set("session_hash", to: SessionToken.hash(token))
                .where("id", .equal, id).where("opened_at", .is, SQLLiteral.null).where("closed_at", .is, SQLLiteral.null)
                .returning("id").all()
            guard !rows.isEmpty else { return nil }
            try await audit(AuditEntry(action: .patientLinkOpen, resourceType: "PatientLink", resourceID: id.uuidString, patientID: link.patientID,
                                       detail: link.purpose), database)
            return token
        }
    }

    /// The opened link a device's cookie holds, while open and not past its last day.
    static func active(session token: String, today: CalendarDate, on database: any Database) async throws -> PatientLink? {
        guard let link = try await PatientLink.query(on: database).filter(\.$sessionHash == SessionToken.hash(token))
            .filter(\.$closedAt == nil).first(), let last = link.last, today <= last else { return nil }
        return link
    }

    /// Closes the link once its purpose is served.
    static func close(_ link: PatientLink, reason: String, now: Date, on database: any Database) async throws {
        try await database.sql.update(PatientLink.schema).set("closed_at", to: now).set("closed_reason", to: reason)
            .where("id", .equal, try link.requireID()).where("closed_at", .is, SQLLiteral.null).run()
    }

    /// The links given for a diary or a follow-up, newest first, as staff read them: "Given 11/18/2026 2:05 PM by
    /// …; opened 11/18/2026 2:20 PM; closed: answered".
    static func described(subjectID: UUID, _ req: Request) async throws -> [String] {
        try await PatientLink.query(on: req.db).filter(\.$subjectID == subjectID).sort(\.$createdAt, .descending).all().map { link in
            var parts = ["Given \(req.displayTime(link.createdAt)), for use until \(link.last?.display ?? link.lastDay)"]
            parts.append(link.openedAt.map { "opened \(req.displayTime($0))" } ?? "not opened")
            if let closed = link.closedAt { parts.append("closed \(req.displayTime(closed))" + (link.closedReason.map { ": \($0)" } ?? "")) }
            return parts.joined(separator: "; ")
        }
    }
}

extension Request {
    private struct PatientLinkKey: StorageKey { typealias Value = PatientLink }

    /// The device's opened patient link, set by `AccessMiddleware` on `.patientLink` routes.
    var patientLink: PatientLink? {
        get { storage[PatientLinkKey.self] }
        set { storage[PatientLinkKey.self] = newValue }
    }
}
