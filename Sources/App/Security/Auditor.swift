import Fluent
import ReliefCore
import Foundation
import SQLKit
import Vapor

/// What was done, in the audit trail's words. Stored as strings so old rows stay readable.
enum AuditAction: String, CaseIterable {
    case loginSuccess = "login.success"
    case loginFailure = "login.failure"
    case logout = "logout"
    case permissionDenied = "permission.denied"
    case passwordChange = "account.password.change"
    case userCreate = "user.create"
    case userUpdate = "user.update"
    case userDisable = "user.disable"
    case userEnable = "user.enable"
    case userPasswordReset = "user.password.reset"
    case userList = "user.list"
    case auditView = "audit.view"
    case auditExport = "audit.export"
    case patientSearch = "patient.search"
    case patientView = "patient.view"
    case patientCreate = "patient.create"
    case patientUpdate = "patient.update"
    case patientUpdateConflict = "patient.update.conflict"
    case evaluationView = "evaluation.view"
    case evaluationCreate = "evaluation.create"
    case evaluationUpdate = "evaluation.update"
    case evaluationUpdateConflict = "evaluation.update.conflict"
    case evaluationSign = "evaluation.sign"
    case addendumCreate = "addendum.create"
    case alertRaise = "alert.raise"
    case alertResolve = "alert.resolve"
    /// An open alert or a result awaiting review acknowledged in the inbox; the inbox read is `recordView`.
    case alertAcknowledge = "alert.acknowledge"
    /// Chart list entries (medications, allergies, prior treatments); the resource type says which.
    case recordView = "record.view"
    case recordCreate = "record.create"
    case recordUpdate = "record.update"
    case recordUpdateConflict = "record.update.conflict"
    case recordEnteredInError = "record.entered-in-error"
    /// A Bulk Data export asked for, cancelled, or one of its files fetched.
    case fhirExport = "fhir.export"
    case fhirImport = "fhir.import"
    /// A practice's licensed questionnaire wording imported (`relief questionnaires import`).
    case wordingImport = "instrument.wording.import"
    case questionnaireImport = "questionnaire.import"
    /// Questionnaires handed to a patient on a tablet, and the tablet opening them with its code.
    case kioskStart = "kiosk.start"
    case kioskOpen = "kiosk.open"
    /// A code typed on the tablet that opened nothing (wrong, used, expired), or refused for too many such.
    case kioskFailure = "kiosk.failure"
    /// The patient confirmed the first name and birth year on the tablet, or said they were not theirs (tablet closed).
    case kioskConfirm = "kiosk.confirm"
    case kioskNotMe = "kiosk.not-me"
    case settingsUpdate = "settings.update"
    /// A physician signed the review of a work-up result.
    case resultReview = "result.review"
    /// Personal API tokens made and revoked on the account page.
    case tokenCreate = "api-token.create"
    case tokenRevoke = "api-token.revoke"
    /// A provider's calendar feed address made or stopped, and a calendar reading it (or an address that opened nothing).
    case calendarFeedCreate = "calendar-feed.create"
    case calendarFeedRevoke = "calendar-feed.revoke"
    case calendarFeedRead = "calendar-feed.read"
    /// A link given to a patient for a diary or a follow-up, the patient's device opening it with their birth date,
    /// and an address or birth date that opened nothing (or was refused for too many such).
    case patientLinkCreate = "patient-link.create"
    case patientLinkOpen = "patient-link.open"
    case patientLinkFailure = "patient-link.failure"
    /// An e-mail handed to the practice's mail server, or given up on (refused, or too many tries).
    case mailSend = "mail.send"
    case mailFailure = "mail.failure"
    /// A procedure record signed (then kept as signed).
    case procedureSign = "procedure.sign"
    /// A form sent after its session ended, kept for its author; discarded by them after signing in again.
    case submissionKept = "submission.kept"
    case submissionDiscard = "submission.discard"
    /// A printout of the chart (a note, the medication list, instructions, a letter); the resource type says which.
    case documentPrint = "document.print"
    case letterCreate = "letter.create"
    case planCreate = "plan.create"
    case planUpdate = "plan.update"
    case planActivate = "plan.activate"
    case planRevise = "plan.revise"
    /// An informed consent prepared, answered by the patient (signed or declined), co-signed, withdrawn.
    case consentPrepare = "consent.prepare"
    case consentSign = "consent.sign"
    case consentDecline = "consent.decline"
    case consentCosign = "consent.cosign"
    case consentWithdraw = "consent.withdraw"
}

extension AuditAction {
    /// The action as an administrator reads it on the audit page.
    var title: String {
        switch self {
        case .loginSuccess: "Signed in"
        case .loginFailure: "Sign-in failed"
        case .logout: "Signed out"
        case .permissionDenied: "Refused: no permission"
        case .passwordChange: "Changed own password"
        case .userCreate: "Created a staff account"
        case .userUpdate: "Changed a staff account"
        case .userDisable: "Disabled a staff account"
        case .userEnable: "Enabled a staff account"
        case .userPasswordReset: "Reset a staff password"
        case .userList: "Listed staff accounts"
        case .auditView: "Searched the audit trail"
        case .auditExport: "Exported the audit trail"
        case .patientSearch: "Searched patients"
        case .patientView: "Opened a patient"
        case .patientCreate: "Registered a patient"
        case .patientUpdate: "Changed a registration"
        case .patientUpdateConflict: "Registration change refused: edited meanwhile"
        case .evaluationView: "Read a visit note"
        case .evaluationCreate: "Started a visit note"
        case .evaluationUpdate: "Saved a visit note"
        case .evaluationUpdateConflict: "Visit note save refused: edited meanwhile"
        case .evaluationSign: "Signed a visit note"
        case .addendumCreate: "Added an addendum"
        case .alertRaise: "Alert raised"
        case .alertResolve: "Resolved an alert"
        case .alertAcknowledge: "Acknowledged an inbox item"
        case .recordView: "Read a record"
        case .recordCreate: "Added a record"
        case .recordUpdate: "Changed a record"
        case .recordUpdateConflict: "Record change refused: edited meanwhile"
        case .recordEnteredInError: "Marked a record entered in error"
        case .fhirExport: "Bulk FHIR export"
        case .fhirImport: "FHIR import"
        case .wordingImport: "Imported licensed questionnaire wording"
        case .questionnaireImport: "Imported a FHIR Questionnaire"
        case .kioskStart: "Handed questionnaires to the tablet"
        case .kioskOpen: "Tablet opened questionnaires"
        case .kioskFailure: "Tablet code refused"
        case .kioskConfirm: "Patient confirmed their name on the tablet"
        case .kioskNotMe: "Tablet closed: the patient said the name was not theirs"
        case .settingsUpdate: "Changed clinical settings"
        case .resultReview: "Signed a result review"
        case .tokenCreate: "Made an API token"
        case .tokenRevoke: "Revoked an API token"
        case .calendarFeedCreate: "Made a calendar feed address"
        case .calendarFeedRevoke: "Stopped a calendar feed"
        case .calendarFeedRead: "Calendar feed read"
        case .patientLinkCreate: "Made a link for a patient"
        case .patientLinkOpen: "A patient opened their link"
        case .patientLinkFailure: "Patient link refused"
        case .mailSend: "E-mail sent"
        case .mailFailure: "E-mail not sent"
        case .procedureSign: "Signed a procedure record"
        case .submissionKept: "Kept a form sent after the session ended"
        case .submissionDiscard: "Discarded a kept form"
        case .documentPrint: "Opened a printout"
        case .letterCreate: "Wrote a letter"
        case .planCreate: "Started a treatment plan"
        case .planUpdate: "Saved a treatment plan draft"
        case .planActivate: "Activated a treatment plan"
        case .planRevise: "Started a revision of a treatment plan"
        case .consentPrepare: "Prepared an informed consent"
        case .consentSign: "Recorded a patient's consent signature"
        case .consentDecline: "Recorded a patient declining a consent"
        case .consentCosign: "Co-signed an informed consent"
        case .consentWithdraw: "Recorded a consent withdrawn"
        }
    }
}

/// One entry for the audit trail, filled from the request's user, address and browser.
struct AuditEntry {
    var action: AuditAction
    var resourceType: String?
    var resourceID: String?
    var patientID: UUID?
    var outcome: AuditOutcome = .success
    var detail: String?
    /// For events before a session exists (a failed login): who it was about.
    var userID: UUID?
    var userEmail: String?
    var role: String?
}

/// One audit row as written.
struct AuditRow: Sendable {
    let id: UUID
    let occurredAt: Date
    let userID: UUID?
    let userEmail: String?
    let role: String?
    let entry: AuditEntry
    let ip: String?
    let userAgent: String?

    /// What a request supplied (a typed email, a search, a user agent) is kept with its control characters made
    /// visible: the row of a refused attempt must be written on PostgreSQL too, which refuses NUL.
    init(_ entry: AuditEntry, at time: Date, actor: CurrentUser?, ip: String?, userAgent: String?) {
        id = .timeOrdered(at: time)
        occurredAt = AuditChain.wholeMilliseconds(time)
        userID = actor?.id ?? entry.userID
        userEmail = (actor?.email ?? entry.userEmail).map(TextRules.visible)
        role = actor?.role.rawValue ?? entry.role
        var entry = entry
        entry.resourceID = entry.resourceID.map(TextRules.visible)
        entry.detail = entry.detail.map(TextRules.visible)
        self.entry = entry
        self.ip = ip
        self.userAgent = userAgent.map { TextRules.visible(String($0.prefix(300))) }
    }

    var chainFields: AuditChain.Fields {
        AuditChain.Fields(id: id, occurredAt: occurredAt, userID: userID, userEmail: userEmail, role: role, action: entry.action.rawValue,
                          resourceType: entry.resourceType, resourceID: entry.resourceID, patientID: entry.patientID, ip: ip,
                          userAgent: userAgent, outcome: entry.outcome.rawValue, detail: entry.detail)
    }

    func values(_ link: AuditChain.Head) -> SQLQueryString {
        """
        (\(bind: id), \(bind: occurredAt), \(bind: userID), \(bind: userEmail), \(bind: role), \(bind: entry.action.rawValue),
         \(bind: entry.resourceType), \(bind: entry.resourceID), \(bind: entry.patientID), \(bind: ip), \(bind: userAgent),
         \(bind: entry.outcome.rawValue), \(bind: entry.detail), \(bind: link.seq), \(bind: link.hash))
        """
    }

    static let columns: SQLQueryString = """
        INSERT INTO audit_events (id, occurred_at, user_id, user_email, role, action, resource_type, resource_id,
                                  patient_id, ip, user_agent, outcome, detail, seq, hash)
        """

    /// Appends the rows to the chain (`AuditChain`), in the caller's write transaction or a new one, and returns the
    /// new head. Hand-written SQL because it runs on every read of patient data: Fluent's model encoding cost more than
    /// the insert itself (docs/benchmarks.md).
    @discardableResult
    static func insert(_ rows: [AuditRow], on database: any Database) async throws -> AuditChain.Head {
        try await database.writeTransaction { database in
            let current = try await AuditChain.head(on: database)
            guard !rows.isEmpty else { return current }
            let (values, head) = chained(rows, after: current)
            try await database.sql.raw(columns + " VALUES " + values).run()
            return head
        }
    }

    /// Appends the rows in one statement if `head` is still the chain's head, and returns the new one; nil when another
    /// connection appended meanwhile (then nothing was written). One statement instead of a transaction's four: what a
    /// read's audit row costs on SQLite, where the statement takes the write lock by itself.
    static func insert(_ rows: [AuditRow], after head: AuditChain.Head, on database: any Database) async throws -> AuditChain.Head? {
        let (values, next) = chained(rows, after: head)
        let condition: SQLQueryString = ") AS appended WHERE COALESCE((SELECT MAX(seq) FROM audit_events), 0) = \(bind: head.seq) RETURNING seq"
        let written = try await database.sql.raw(columns + " SELECT * FROM (VALUES " + values + condition).all()
        return written.isEmpty ? nil : next
    }

    private static func chained(_ rows: [AuditRow], after head: AuditChain.Head) -> (SQLQueryString, AuditChain.Head) {
        var head = head, values: [SQLQueryString] = []
        for row in rows {
            head = head.appending(row.chainFields)
            values.append(row.values(head))
        }
        return (values.joined(separator: ", "), head)
    }
}

/// Group commit for audit rows that are not part of a change's own transaction (reads, sign-ins, denials):
/// rows that arrive while a write is under way go together in the next INSERT. Each caller returns only once
/// its row is committed, so nothing is read without its audit row. The batch is written by one of the requests
/// whose rows it holds, never by a task of its own: on two busy cores every hand-off between threads costs a few
/// hundred microseconds (docs/benchmarks.md).
actor AuditWriter {
    private let database: any Database
    /// Rows waiting for the write under way; each is resumed with whether its request writes the next batch.
    private var pending: [(AuditRow, CheckedContinuation<Bool, any Error>)] = []
    private var writing = false
    /// The chain's head after this writer's last batch. On SQLite the next batch is written in one statement that
    /// checks it is still the head; after a change's own audit rows it is not, and the batch takes the full path.
    /// (PostgreSQL always takes the full path: its appends must hold the chain's lock.)
    private var head: AuditChain.Head?
    static let maximumBatch = 500  // 15 parameters a row stays far below SQLite's variable limit

    init(database: any Database) { self.database = database }

    func append(_ row: AuditRow) async throws {
        if writing {
            let leads = try await withCheckedThrowingContinuation { continuation in pending.append((row, continuation)) }
            guard leads else { return }
        } else {
            writing = true
        }
        // This request writes its row with those waiting, then hands the next batch to the first row still waiting.
        let others = Array(pending.prefix(Self.maximumBatch - 1))
        pending.removeFirst(others.count)
        defer {
            if pending.isEmpty { writing = false } else { pending.removeFirst().1.resume(returning: true) }
        }
        do {
            try await write([row] + others.map(\.0))
        } catch {
            for (_, continuation) in others { continuation.resume(throwing: error) }
            throw error
        }
        for (_, continuation) in others { continuation.resume(returning: false) }
    }

    private func write(_ rows: [AuditRow]) async throws {
        if let head, let next = try await AuditRow.insert(rows, after: head, on: database) {
            self.head = next
        } else {
            let next = try await AuditRow.insert(rows, on: database)
            head = database.isPostgres ? nil : next
        }
    }
}

extension Application {
    private struct AuditWriterKey: StorageKey { typealias Value = AuditWriter }

    /// Set once by `configure`, before any request runs.
    var auditWriter: AuditWriter {
        get { storage[AuditWriterKey.self]! }
        set { storage[AuditWriterKey.self] = newValue }
    }
}

extension Request {
    /// Appends to the audit trail: on `database` inside the transaction of the change it records, otherwise
    /// through the application's group commit.
    func audit(_ entry: AuditEntry, on database: (any Database)? = nil) async throws {
        let row = AuditRow(entry, at: now, actor: currentUser, ip: clientAddress, userAgent: headers.first(name: .userAgent))
        if let database {
            try await AuditRow.insert([row], on: database)
        } else {
            try await application.auditWriter.append(row)
        }
    }

    /// `audit(_:on:)` as a value, for query functions that write audit rows inside their own transaction.
    var transactionalAudit: TransactionalAudit {
        { entry, database in try await self.audit(entry, on: database) }
    }

    /// The same for a patient's device, where nobody is signed in: the rows name the device (`kiosk`, `patient link`)
    /// as the actor, in the patient role.
    func patientAudit(as actor: String) -> TransactionalAudit {
        { entry, database in
            var entry = entry
            entry.userEmail = actor
            entry.role = Role.patient.rawValue
            try await self.audit(entry, on: database)
        }
    }
}

extension AuditRow {
    /// How many `action` rows (a failure kind with its partial index) since `since`, from `address` or from anywhere,
    /// about one resource or any.
    static func count(_ action: AuditAction, from address: String? = nil, about resourceID: String? = nil, since: Date,
                      on database: any Database) async throws -> Int {
        let row = try await database.sql.raw("""
            SELECT COUNT(*) AS n FROM audit_events WHERE action = '\(unsafeRaw: action.rawValue)' AND occurred_at > \(bind: since)
            \(address.map { "AND ip = \(bind: $0)" as SQLQueryString } ?? "")
            \(resourceID.map { "AND resource_id = \(bind: $0)" as SQLQueryString } ?? "")
            """).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }
}

extension AuditRow {
    /// Failed openings from an address at the tablet and at patient links together: a source switching between
    /// them gets no more tries.
    static func patientAccessFailures(from address: String, since: Date, on database: any Database) async throws -> Int {
        try await count(.kioskFailure, from: address, since: since, on: database) + count(.patientLinkFailure, from: address, since: since, on: database)
    }
}

/// Writes an audit row on the given database (a transaction), so the row commits or rolls back with the change.
typealias TransactionalAudit = @Sendable (AuditEntry, any Database) async throws -> Void
