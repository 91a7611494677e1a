import Fluent
import Foundation
import ReliefCore
import Vapor

// @unchecked Sendable: Fluent models are mutable reference types by design; each lives within one request.

/// Questionnaires handed to a patient on a tablet. Staff start it for one patient and chosen questionnaires and read
/// out a one-time code; the tablet trades the code for a cookie and then shows only those questionnaires.
final class KioskSession: Model, @unchecked Sendable {
    static let schema = "kiosk_sessions"
    static let cookieName = "relief_kiosk"
    /// Long enough for a waiting-room stack of questionnaires, short enough that a forgotten tablet closes.
    static let lifetime: TimeInterval = 60 * 60

    @ID(key: .id) var id: UUID?
    @Field(key: "patient_id") var patientID: UUID
    @Field(key: "instruments") var questionnaires: String
    @Field(key: "completed") var completed: String
    @OptionalField(key: "code_hash") var codeHash: String?
    @OptionalField(key: "token_hash") var tokenHash: String?
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "closed_at") var closedAt: Date?
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?

    init() {}

    init(patientID: UUID, questionnaires: [String], codeHash: String, by user: UUID, now: Date) {
        id = UUID()
        self.patientID = patientID
        self.questionnaires = questionnaires.joined(separator: ",")
        completed = ""
        self.codeHash = codeHash
        createdBy = user
        createdAt = now
        expiresAt = now + Self.lifetime
    }

    var questionnaireIDs: [String] { questionnaires.split(separator: ",").map(String.init) }
    var completedIDs: [String] { completed.split(separator: ",").map(String.init) }
    /// The next questionnaire to answer, nil when all are done.
    var next: String? { questionnaireIDs.first { !completedIDs.contains($0) } }
}

enum KioskQueries {
    /// Starts a kiosk session and returns the code to read out (stored only as its hash).
    static func start(patientID: UUID, questionnaires: [String], by user: UUID, now: Date, on database: any Database,
                      audit: @escaping TransactionalAudit) async throws -> String {
        var generator = SystemRandomNumberGenerator()
        let code = KioskCode.make(using: &generator)
        try await database.writeTransaction { database in
            let session = KioskSession(patientID: patientID, questionnaires: questionnaires, codeHash: SessionToken.hash(code), by: user, now: now)
            try await session.create(on: database)
            try await audit(AuditEntry(action: .kioskStart, resourceType: "KioskSession", resourceID: (try session.requireID()).uuidString,
                                       patientID: patientID, detail: questionnaires.joined(separator: ",")), database)
        }
        return code
    }

    /// Trades an unused, unexpired code for the tablet's cookie token; nil when the code is wrong, used or expired.
    static func open(code: String, now: Date, on database: any Database) async throws -> (KioskSession, token: String)? {
        try await database.writeTransaction { database in
            guard let session = try await KioskSession.query(on: database).filter(\.$codeHash == SessionToken.hash(code))
                .filter(\.$closedAt == nil).filter(\.$expiresAt > now).first() else { return nil }
            let token = SessionToken.random()
            session.codeHash = nil
            session.tokenHash = SessionToken.hash(token)
            try await session.update(on: database)
            return (session, token)
        }
    }

    static func active(token: String, now: Date, on database: any Database) async throws -> KioskSession? {
        try await KioskSession.query(on: database).filter(\.$tokenHash == SessionToken.hash(token))
            .filter(\.$closedAt == nil).filter(\.$expiresAt > now).first()
    }

    /// The patient said the name on the tablet is theirs (`yes`), or not: then the tablet closes before showing anything.
    static func confirm(_ session: KioskSession, yes: Bool, now: Date, on database: any Database, audit: @escaping TransactionalAudit) async throws {
        try await database.writeTransaction { database in
            if yes { session.confirmedAt = now } else { session.closedAt = now }
            try await session.update(on: database)
            try await audit(AuditEntry(action: yes ? .kioskConfirm : .kioskNotMe, resourceType: "KioskSession",
                                       resourceID: (try session.requireID()).uuidString, patientID: session.patientID,
                                       outcome: yes ? .success : .failure), database)
        }
    }

    /// Saves the patient's answers and ticks the questionnaire off; the session closes after the last one.
    static func record(_ submission: QuestionnaireSubmission, in session: KioskSession, now: Date, on database: any Database,
                       audit: @escaping TransactionalAudit) async throws {
        try await database.writeTransaction { database in
            _ = try await QuestionnaireQueries.record(submission, patientID: session.patientID, via: .kiosk, by: nil, now: now,
                                                   on: database, audit: audit)
            session.completed = (session.completedIDs + [submission.questionnaire]).joined(separator: ",")
            if session.next == nil { session.closedAt = now }
            try await session.update(on: database)
        }
    }
}

extension Request {
    private struct KioskKey: StorageKey { typealias Value = KioskSession }

    /// The tablet's kiosk session, set by `AccessMiddleware` on `.kiosk` routes.
    var kioskSession: KioskSession? {
        get { storage[KioskKey.self] }
        set { storage[KioskKey.self] = newValue }
    }
}
