import Fluent
import Foundation
import ReliefCore
import SQLKit
import Vapor

/// The reminder calls due and what came of each: read for the front desk's list, recorded with the appointment's
/// confirmation in one transaction.
enum ReminderQueries {
    struct Contact: Decodable, Sendable {
        let appointmentID: UUID
        let outcome: String
        let note: String
        let contactedAt: Date

        enum CodingKeys: String, CodingKey {
            case appointmentID = "appointment_id", outcome, note, contactedAt = "contacted_at"
        }
    }

    /// Booked appointments on the next two working days, with their patients and the reminders so far (oldest first).
    static func due(today: CalendarDate, on database: any Database) async throws -> [(AppointmentRecord, PatientSummary, [Contact])] {
        let rows = try await AppointmentQueries.between(today.adding(days: 1), ReminderCalls.lastDay(after: today), on: database)
        let due = Set(ReminderCalls.due(rows.compactMap { $0.0.decoded() }, today: today).map(\.id))
        let kept = rows.filter { $0.0.id.map(due.contains) == true }
        guard !kept.isEmpty else { return [] }
        let contacts = try await database.sql.select().columns("appointment_id", "outcome", "note", "contacted_at").from("appointment_contacts")
            .where("appointment_id", .in, kept.compactMap(\.0.id)).orderBy("contacted_at").all(decoding: Contact.self)
        let byAppointment = Dictionary(grouping: contacts, by: \.appointmentID)
        return kept.map { ($0.0, $0.1, byAppointment[$0.0.id ?? UUID()] ?? []) }
    }

    /// Records a reminder call; one that reached the patient confirms the appointment if it is still booked at
    /// `version`. False when that confirmation finds it changed.
    static func record(_ outcome: ReminderOutcome, note: String, for record: AppointmentRecord, from version: Int, by user: UUID, now: Date,
                       on database: any Database, audit: @escaping TransactionalAudit) async throws -> Bool {
        let id = try record.requireID()
        return try await database.writeTransaction { database in
            if outcome == .confirmed {
                guard let fresh = try await AppointmentRecord.find(id, on: database), fresh.status == AppointmentStatus.booked.rawValue,
                      try await RecordVersion.claim(AppointmentRecord.schema, id: id, expected: version, on: database) else { return false }
                try await database.sql.update(AppointmentRecord.schema).set("status", to: AppointmentStatus.confirmed.rawValue)
                    .set("updated_at", to: now).set("updated_by", to: user).where("id", .equal, id).run()
            }
            try await addContact(appointmentID: id, patientID: record.patientID, channel: "phone", outcome, note: note, by: user, now: now, on: database)
            try await audit(AuditEntry(action: .recordUpdate, resourceType: "Appointment", resourceID: id.uuidString, patientID: record.patientID,
                                       detail: "reminder call: \(outcome.rawValue)"), database)
            return true
        }
    }

    /// Keeps one reminder of an appointment (a call by `user`, or an e-mail the outbox sent), inside the caller's
    /// write transaction.
    static func addContact(appointmentID: UUID, patientID: UUID, channel: String, _ outcome: ReminderOutcome, note: String, by user: UUID?, now: Date,
                           on database: any Database) async throws {
        try await database.sql.insert(into: "appointment_contacts")
            .columns("id", "appointment_id", "patient_id", "channel", "outcome", "note", "contacted_at", "contacted_by")
            .values(SQLBind(UUID()), SQLBind(appointmentID), SQLBind(patientID), SQLBind(channel), SQLBind(outcome.rawValue), SQLBind(note),
                    SQLBind(now), SQLBind(user))
            .run()
    }
}
