import Fluent
import Foundation
import ReliefCore
import SQLKit
import Vapor

/// A procedure appointment's record: read, saved as a draft under its version, and signed in one transaction that
/// completes the appointment.
enum ProcedureQueries {
    struct Stored: Decodable, Sendable {
        let content: String
        let status: String
        let signedAt: Date?
        let signedBy: UUID?
        let version: Int

        enum CodingKeys: String, CodingKey { case content, status, signedAt = "signed_at", signedBy = "signed_by", version }

        var note: ProcedureNote? { try? JSONCoding.decode(ProcedureNote.self, content) }
        var isSigned: Bool { status == "signed" }
    }

    static func stored(appointmentID: UUID, on database: any Database) async throws -> Stored? {
        try await database.sql.select().columns("content", "status", "signed_at", "signed_by", "version").from("procedure_records")
            .where("appointment_id", .equal, appointmentID).first(decoding: Stored.self)
    }

    /// Saves the draft (or signs it) if still at `version` (0: none yet) and not signed; false when it changed meanwhile.
    static func save(_ note: ProcedureNote, sign: Bool, appointment: AppointmentRecord, from version: Int, by user: UUID, now: Date,
                     on database: any Database, audit: @escaping TransactionalAudit) async throws -> Bool {
        let id = try appointment.requireID()
        return try await database.writeTransaction { database in
            let content = try JSONCoding.encode(note), status = sign ? "signed" : "draft"
            if version == 0 {
                guard try await stored(appointmentID: id, on: database) == nil else { return false }
                try await database.sql.insert(into: "procedure_records")
                    .columns("id", "appointment_id", "patient_id", "intervention", "performed_on", "content", "status", "signed_at", "signed_by",
                             "updated_at", "updated_by", "version")
                    .values(SQLBind(UUID()), SQLBind(id), SQLBind(appointment.patientID), SQLBind(note.intervention), SQLBind(appointment.date),
                            SQLBind(content), SQLBind(status), SQLBind(sign ? now : nil), SQLBind(sign ? user : nil), SQLBind(now), SQLBind(user), SQLBind(1))
                    .run()
            } else {
                let rows = try await database.sql.update("procedure_records").set("content", to: content).set("intervention", to: note.intervention)
                    .set("status", to: status).set("signed_at", to: sign ? now : nil).set("signed_by", to: sign ? user : nil)
                    .set("updated_at", to: now).set("updated_by", to: user).set("version", to: version + 1)
                    .where("appointment_id", .equal, id).where("version", .equal, version).where("status", .equal, "draft")
                    .returning("version").all()
                guard !rows.isEmpty else { return false }
            }
            if sign, let fresh = try await AppointmentRecord.find(id, on: database), AppointmentStatus(rawValue: fresh.status)?.holdsTime == true,
               fresh.status != AppointmentStatus.completed.rawValue {
                // Signing the record is the procedure done: its appointment is completed.
                fresh.status = AppointmentStatus.completed.rawValue
                fresh.updatedAt = now
                fresh.updatedBy = user
                fresh.version += 1
                try await fresh.update(on: database)
            }
            try await audit(AuditEntry(action: sign ? .procedureSign : .recordUpdate, resourceType: "Procedure", resourceID: id.uuidString,
                                       patientID: appointment.patientID, detail: note.site?.label), database)
            return true
        }
    }
}
