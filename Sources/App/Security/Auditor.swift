import Fluent
import Foundation
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

extension AuditEvent {
    convenience init(_ entry: AuditEntry, at time: Date, actor: CurrentUser?, ip: String?, userAgent: String?) {
        self.init()
        occurredAt = time
        userID = actor?.id ?? entry.userID
        userEmail = actor?.email ?? entry.userEmail
        role = actor?.role.rawValue ?? entry.role
        action = entry.action.rawValue
        resourceType = entry.resourceType
        resourceID = entry.resourceID
        patientID = entry.patientID
        self.ip = ip
        self.userAgent = userAgent.map { String($0.prefix(300)) }
        outcome = entry.outcome.rawValue
        detail = entry.detail
    }
}

extension Request {
    /// Appends to the audit trail, on `database` when the change it records runs in a transaction.
    func audit(_ entry: AuditEntry, on database: (any Database)? = nil) async throws {
        let event = AuditEvent(entry, at: now, actor: currentUser, ip: clientAddress, userAgent: headers.first(name: .userAgent))
        try await event.create(on: database ?? db)
    }
}
