import Fluent
import Foundation
import ReliefCore
import SQLKit
import Vapor

/// A procedure's checklist: built from the appointment, the day's decision support and the chart; its answers saved
/// under their version and closed (complete, or gone ahead without by a physician) in one transaction with the audit.
enum ChecklistQueries {
    enum Status: String { case open, complete, overridden }

    struct Stored: Decodable, Sendable {
        let answers: String
        let status: String
        let overrideReason: String?
        let closedAt: Date?
        let closedBy: UUID?
        let version: Int

        enum CodingKeys: String, CodingKey {
            case answers, status, overrideReason = "override_reason", closedAt = "closed_at", closedBy = "closed_by", version
        }

        var decoded: ProcedureChecklist.Answers { (try? JSONCoding.decode(ProcedureChecklist.Answers.self, answers)) ?? .init() }
    }

    static func stored(appointmentID: UUID, on database: any Database) async throws -> Stored? {
        try await database.sql.select().columns("answers", "status", "override_reason", "closed_at", "closed_by", "version")
            .from("procedure_checklists").where("appointment_id", .equal, appointmentID).first(decoding: Stored.self)
    }

    /// The checklist for a procedure's appointment: what decision support says for its day, and whether a signed
    /// consent covers it.
    static func checklist(for appointment: Appointment, site: InterventionSite, patient: PatientRecord,
                          on database: any Database) async throws -> ProcedureChecklist {
        let (facts, criteria) = try await DecisionSupportQueries.inputs(for: patient, on: database)
        let decision = DecisionSupport.decide(Candidate(site, on: appointment.date), for: facts, criteria: criteria)
        let consented = try await ConsentQueries.covering(site, on: appointment.date, patientID: patient.id, excluding: appointment.id, on: database) != nil
        return ProcedureChecklist(decision, facts: facts, consentSigned: consented,
                                  female: SexAtBirth(rawValue: patient.registration[.sexAtBirth]) == .female)
    }

    /// Saves the answers if the checklist is still open at `version` (0: none saved yet), closing it as `status`; false
    /// when someone saved or closed it in between.
    static func save(_ answers: ProcedureChecklist.Answers, closing status: Status, reason: String?, appointment: AppointmentRecord, from version: Int,
                     by user: UUID, now: Date, on database: any Database, audit: @escaping TransactionalAudit) async throws -> Bool {
        let id = try appointment.requireID()
        let closed = status != .open
        return try await database.writeTransaction { database in
            let text = try JSONCoding.encode(answers)
            if version == 0 {
                guard try await stored(appointmentID: id, on: database) == nil else { return false }
                try await database.sql.insert(into: "procedure_checklists")
                    .columns("id", "appointment_id", "patient_id", "answers", "status", "override_reason", "closed_at", "closed_by", "updated_at",
                             "updated_by", "version")
                    .values(SQLBind(UUID()), SQLBind(id), SQLBind(appointment.patientID), SQLBind(text), SQLBind(status.rawValue), SQLBind(reason),
                            SQLBind(closed ? now : nil), SQLBind(closed ? user : nil), SQLBind(now), SQLBind(user), SQLBind(1))
                    .run()
            } else {
                let rows = try await database.sql.update("procedure_checklists").set("answers", to: text).set("status", to: status.rawValue)
                    .set("override_reason", to: reason).set("closed_at", to: closed ? now : nil).set("closed_by", to: closed ? user : nil)
                    .set("updated_at", to: now).set("updated_by", to: user).set("version", to: version + 1)
                    .where("appointment_id", .equal, id).where("version", .equal, version).where("status", .equal, Status.open.rawValue)
                    .returning("version").all()
                guard !rows.isEmpty else { return false }
            }
            try await audit(AuditEntry(action: .recordUpdate, resourceType: "ProcedureChecklist", resourceID: id.uuidString, patientID: appointment.patientID,
                                       detail: [status.rawValue, reason].compactMap { $0 }.joined(separator: ": ")), database)
            return true
        }
    }
}
