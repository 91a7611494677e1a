import Fluent
import Foundation
import ReliefCore
import SQLKit
import Vapor

/// A procedure appointment's record: read, saved as a draft under its version, and signed in one transaction that
/// completes the appointment, records its encounter and the consent it was done under; then read by the rules.
enum ProcedureQueries {
    struct Stored: Decodable, Sendable {
        let id: UUID
        let content: String
        let status: String
        let signedAt: Date?
        let signedBy: UUID?
        let version: Int

        enum CodingKeys: String, CodingKey { case id, content, status, signedAt = "signed_at", signedBy = "signed_by", version }

        var note: ProcedureNote? { try? JSONCoding.decode(ProcedureNote.self, content) }
        var isSigned: Bool { status == "signed" }
    }

    static func stored(appointmentID: UUID, on database: any Database) async throws -> Stored? {
        try await database.sql.select().columns("id", "content", "status", "signed_at", "signed_by", "version").from("procedure_records")
            .where("appointment_id", .equal, appointmentID).first(decoding: Stored.self)
    }

    /// Saves the draft (or signs it) if still at `version` (0: none yet) and not signed; false when it changed meanwhile.
    static func save(_ note: ProcedureNote, sign: Bool, appointment: AppointmentRecord, from version: Int, by user: UUID, now: Date,
                     on database: any Database, audit: @escaping TransactionalAudit) async throws -> Bool {
        let id = try appointment.requireID()
        return try await database.writeTransaction { database in
            let content = try JSONCoding.encode(note), status = sign ? "signed" : "draft"
            // Signed, the row takes no later change: the encounter and the consent go in with the signature.
            let encounterID = sign ? UUID() : nil
            let consentID = sign ? try await consent(for: appointment, on: database)?.id : nil
            if version == 0 {
                guard try await stored(appointmentID: id, on: database) == nil else { return false }
                try await database.sql.insert(into: "procedure_records")
                    .columns("id", "appointment_id", "patient_id", "intervention", "performed_on", "content", "status", "signed_at", "signed_by",
                             "updated_at", "updated_by", "version", "encounter_id", "consent_id")
                    .values(SQLBind(UUID()), SQLBind(id), SQLBind(appointment.patientID), SQLBind(note.intervention), SQLBind(appointment.date),
                            SQLBind(content), SQLBind(status), SQLBind(sign ? now : nil), SQLBind(sign ? user : nil), SQLBind(now), SQLBind(user), SQLBind(1),
                            SQLBind(encounterID), SQLBind(consentID))
                    .run()
            } else {
                let rows = try await database.sql.update("procedure_records").set("content", to: content).set("intervention", to: note.intervention)
                    .set("status", to: status).set("signed_at", to: sign ? now : nil).set("signed_by", to: sign ? user : nil)
                    .set("updated_at", to: now).set("updated_by", to: user).set("version", to: version + 1)
                    .set("encounter_id", to: encounterID).set("consent_id", to: consentID)
                    .where("appointment_id", .equal, id).where("version", .equal, version).where("status", .equal, "draft")
                    .returning("version").all()
                guard !rows.isEmpty else { return false }
            }
            if let encounterID, let record = try await stored(appointmentID: id, on: database) {
                try await performed(record, note: note, appointment: id, encounterID: encounterID, by: user, now: now, on: database)
            }
            try await audit(AuditEntry(action: sign ? .procedureSign : .recordUpdate, resourceType: "Procedure", resourceID: id.uuidString,
                                       patientID: appointment.patientID, detail: note.site?.label), database)
            return true
        }
    }

    /// The signed consent the procedure goes ahead under, sessions left.
    private static func consent(for record: AppointmentRecord, on database: any Database) async throws -> ConsentRecord? {
        guard let appointment = record.decoded(), let site = appointment.site else { return nil }
        return try await ConsentQueries.covering(site, on: appointment.date, patientID: record.patientID, excluding: appointment.id, on: database)
    }

    /// Signing the record is the procedure done: its day is a finished procedure encounter, its appointment is
    /// completed, its follow-ups are due, and its outcome row starts from the chart as it stands.
    private static func performed(_ record: Stored, note: ProcedureNote, appointment id: UUID, encounterID: UUID, by user: UUID, now: Date,
                                  on database: any Database) async throws {
        guard let fresh = try await AppointmentRecord.find(id, on: database), let appointment = fresh.decoded() else { return }
        if let site = note.site {
            try await FollowUpQueries.schedule(procedureID: record.id, patientID: fresh.patientID, site: site, performedOn: appointment.date,
                                               by: user, now: now, on: database)
        }
        try await OutcomeQueries.start(procedureID: record.id, patientID: fresh.patientID, note: note, performedOn: appointment.date, provider: user,
                                       now: now, on: database)
        let encounter = Encounter(patientID: fresh.patientID, kind: .procedure, status: .finished, on: appointment.date, by: user, now: now)
        encounter.id = encounterID
        try await encounter.create(on: database)
        if appointment.status.holdsTime, appointment.status != .completed {
            fresh.status = AppointmentStatus.completed.rawValue
            fresh.encounterID = fresh.encounterID ?? encounterID
            fresh.updatedAt = now
            fresh.updatedBy = user
            fresh.version += 1
            try await fresh.update(on: database)
        }
    }

    /// The patient's signed procedures, oldest first, as the rules read them, with the relief their diaries or
    /// follow-ups tell.
    static func performed(patientID: UUID, on database: any Database) async throws -> [PerformedProcedure] {
        let courses = try await FollowUpQueries.courses(patientID: patientID, on: database)
        let diaries = try await DiaryQueries.held(patientID: patientID, on: database)
        return try await signedRecords(patientID: patientID, on: database).map { record in
            let course = courses[record.id]
            // A diagnostic block's relief is what its diary held through the anaesthetic's action.
            let held = diaries[record.id].flatMap { $0 }.map { Int($0.rounded(.down)) }
            return PerformedProcedure(date: record.date, note: record.note, peakReliefPercent: held ?? course?.peakReliefPercent, reliefWeeks: course?.reliefWeeks)
        }
    }

    /// The patient's signed procedure records, oldest first.
    static func signedRecords(patientID: UUID, on database: any Database) async throws -> [(id: UUID, date: CalendarDate, note: ProcedureNote)] {
        struct Row: Decodable { let id: UUID, performed_on: String, content: String }
        return try await database.sql.select().columns("id", "performed_on", "content").from("procedure_records")
            .where("patient_id", .equal, patientID).where("status", .equal, "signed").orderBy("performed_on").all(decoding: Row.self)
            .compactMap { row in
                guard let date = CalendarDate(row.performed_on), let note = try? JSONCoding.decode(ProcedureNote.self, row.content) else { return nil }
                return (row.id, date, note)
            }
    }

    /// How many signed procedures each consent has been used for, leaving out `appointmentID`'s own.
    static func sessionsUsed(consentIDs: [UUID], excluding appointmentID: UUID, on database: any Database) async throws -> [UUID: Int] {
        guard !consentIDs.isEmpty else { return [:] }
        struct Row: Decodable { let consent_id: UUID }
        return try await database.sql.select().column("consent_id").from("procedure_records")
            .where("consent_id", .in, consentIDs).where("status", .equal, "signed").where("appointment_id", .notEqual, appointmentID)
            .all(decoding: Row.self).reduce(into: [:]) { $0[$1.consent_id, default: 0] += 1 }
    }

    /// Adds a dated addendum to a signed record.
    @discardableResult
    static func addAddendum(to record: Stored, patientID: UUID, text: String, by user: UUID, now: Date, on database: any Database,
                            audit: @escaping TransactionalAudit) async throws -> Addendum {
        try await database.writeTransaction { database in
            let addendum = Addendum(patientID: patientID, documentType: documentType, documentID: record.id, text: text, by: user, now: now)
            try await addendum.create(on: database)
            try await audit(AuditEntry(action: .addendumCreate, resourceType: "Addendum", resourceID: (try addendum.requireID()).uuidString,
                                       patientID: patientID, detail: "procedure \(record.id.uuidString)"), database)
            return addendum
        }
    }

    /// The addenda's document type for procedure records.
    static let documentType = "Procedure"
}

extension ProcedureQueries {
    /// A procedure done: the appointment the route names with its signed record.
    struct Signed {
        let patient: PatientRecord
        let appointment: Appointment
        let site: InterventionSite
        let record: Stored
        let note: ProcedureNote
    }

    /// The signed procedure the route's `:patient` and `:appointment` name; 404 if it is not a procedure's
    /// appointment, 409 (with `why`) while its record is not signed.
    static func signed(_ req: Request, why: String) async throws -> Signed {
        let (patient, _, appointment, site) = try await AppointmentQueries.procedure(req)
        guard let signed = try await signed(patient, appointment, site, on: req.db) else { throw Abort(.conflict, reason: why) }
        return signed
    }

    /// The patient's signed procedure of `appointmentID` (a patient link's diary), nil if there is none.
    static func signed(patient: PatientRecord, appointmentID: UUID, on database: any Database) async throws -> Signed? {
        guard let appointment = try await AppointmentQueries.find(appointmentID, patientID: patient.id, on: database)?.decoded(),
              let site = appointment.site else { return nil }
        return try await signed(patient, appointment, site, on: database)
    }

    private static func signed(_ patient: PatientRecord, _ appointment: Appointment, _ site: InterventionSite, on database: any Database) async throws -> Signed? {
        guard let record = try await stored(appointmentID: appointment.id, on: database), record.isSigned, let note = record.note else { return nil }
        return Signed(patient: patient, appointment: appointment, site: site, record: record, note: note)
    }
}
