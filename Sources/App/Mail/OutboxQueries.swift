import Fluent
import Foundation
import ReliefCore
import SQLKit

/// The e-mail outbox: reminders queued once per appointment day and time, picked up by one instance at a time,
/// then sent, tried again later, given up on, or withdrawn when the appointment changed. Each change in a write
/// transaction; each e-mail sent or given up on audited with the system as the actor.
enum OutboxQueries {
    struct Email: Decodable, Sendable {
        let id: UUID
        let patientID: UUID
        let appointmentID: UUID?
        let purpose: String
        let dedupeKey: String
        let recipient: String
        let subject: String
        let body: String
        let attempts: Int

        enum CodingKeys: String, CodingKey {
            case id, patientID = "patient_id", appointmentID = "appointment_id", purpose, dedupeKey = "dedupe_key", recipient, subject, body, attempts
        }
    }

    static let reminder = "appointment-reminder"
    /// Minutes before each retry after a refusal that may pass; after the last, the e-mail is given up on.
    static let retryMinutes = [5, 15, 60, 240]

    /// What a reminder is about: the appointment on its day and time, so a moved appointment gets a new one.
    static func reminderKey(_ appointment: Appointment) -> String {
        "\(reminder):\(appointment.id.lowercasedText):\(appointment.date) \(appointment.time.start)"
    }

    /// Queues a reminder for each appointment the front desk would call about today whose patient has an e-mail
    /// address; returns how many were new.
    static func queueReminders(today: CalendarDate, now: Date, settings: MailSettings, on database: any Database) async throws -> Int {
        let due = try await ReminderQueries.due(today: today, on: database).compactMap { $0.0.decoded() }
        guard !due.isEmpty else { return 0 }
        let directory = try await ScheduleDirectory.load(on: database)
        let patients = try await PatientQueries.records(ids: Set(due.map(\.patientID)), on: database)
        var queued = 0
        for appointment in due {
            guard let patient = patients[appointment.patientID], EmailAddress.isDeliverable(patient.registration[.email]) else { continue }
            let name = patient.registration[.preferredName].isEmpty ? patient.registration[.givenName] : patient.registration[.preferredName]
            let email = ReminderEmail(practice: settings.fromName, phone: settings.phone, givenName: name, date: appointment.date,
                                      time: appointment.time.start, place: appointment.roomID.flatMap { directory.settings.room($0)?.label },
                                      provider: directory.names[appointment.providerID])
            let inserted = try await database.writeTransaction { database in
                try await database.sql.insert(into: "outbox_emails")
                    .columns("id", "patient_id", "appointment_id", "purpose", "dedupe_key", "recipient", "subject", "body", "status", "attempts",
                             "next_attempt_at", "created_at")
                    .values(SQLBind(UUID()), SQLBind(appointment.patientID), SQLBind(appointment.id), SQLBind(reminder), SQLBind(reminderKey(appointment)),
                            SQLBind(patient.registration[.email]), SQLBind(email.subject), SQLBind(email.body), SQLBind("queued"), SQLBind(0),
                            SQLBind(now), SQLBind(now))
                    .ignoringConflicts(with: "dedupe_key").returning("id").all().count
            }
            queued += inserted
        }
        return queued
    }

    /// Takes up to `limit` e-mails due for this instance to send; one another instance took is not taken again. One
    /// taken but never finished (the instance stopped mid-send) is due again after ten minutes.
    static func claim(now: Date, limit: Int = 20, on database: any Database) async throws -> [Email] {
        try await database.writeTransaction { database in
            try await database.sql.update("outbox_emails").set("status", to: "queued").where("status", .equal, "sending")
                .where("claimed_at", .lessThan, now.addingTimeInterval(-600)).run()
            return try await database.sql.raw("""
                UPDATE outbox_emails SET status = 'sending', claimed_at = \(bind: now), attempts = attempts + 1
                WHERE status = 'queued' AND id IN (SELECT id FROM outbox_emails WHERE status = 'queued' AND next_attempt_at <= \(bind: now)
                                                   ORDER BY next_attempt_at LIMIT \(unsafeRaw: String(limit)))
                RETURNING id, patient_id, appointment_id, purpose, dedupe_key, recipient, subject, body, attempts
                """).all(decoding: Email.self)
        }
    }

    /// Why a reminder should not go any more: its appointment was moved, cancelled or confirmed meanwhile.
    static func staleness(of email: Email, on database: any Database) async throws -> String? {
        guard email.purpose == reminder, let id = email.appointmentID else { return nil }
        guard let appointment = try await AppointmentRecord.find(id, on: database)?.decoded() else { return "the appointment is gone" }
        if reminderKey(appointment) != email.dedupeKey { return "the appointment was moved" }
        return appointment.status == .booked ? nil : "the appointment is \(appointment.status.title.lowercased())"
    }

    /// Records an e-mail the server took: sent, on the appointment's reminders, audited.
    static func sent(_ email: Email, now: Date, on database: any Database) async throws {
        try await database.writeTransaction { database in
            try await finish(email, status: "sent", error: nil, now: now, on: database)
            if let appointment = email.appointmentID {
                try await ReminderQueries.addContact(appointmentID: appointment, patientID: email.patientID, channel: "email", .leftMessage,
                                                     note: "by e-mail to \(email.recipient)", by: nil, now: now, on: database)
            }
            try await audit(.mailSend, email, detail: "\(email.purpose) to \(email.recipient)", now: now, on: database)
        }
    }

    /// Records a refusal: tried again later when it may pass and tries are left, else given up on (audited).
    static func failed(_ email: Email, _ error: SMTPError, now: Date, on database: any Database) async throws {
        try await database.writeTransaction { database in
            if case .transient = error, email.attempts <= retryMinutes.count {
                let next = now.addingTimeInterval(Double(retryMinutes[email.attempts - 1] * 60))
                try await database.sql.update("outbox_emails").set("status", to: "queued").set("next_attempt_at", to: next)
                    .set("last_error", to: String(error.description.prefix(500))).where("id", .equal, email.id).run()
            } else {
                try await finish(email, status: "failed", error: error.description, now: now, on: database)
                try await audit(.mailFailure, email, detail: "\(email.purpose) to \(email.recipient): \(error.description.prefix(300))", now: now, on: database)
            }
        }
    }

    /// Records a reminder not sent because its appointment changed.
    static func withdraw(_ email: Email, reason: String, now: Date, on database: any Database) async throws {
        try await database.writeTransaction { database in try await finish(email, status: "withdrawn", error: reason, now: now, on: database) }
    }

    /// The latest e-mail reminder of each appointment, as the reminder list shows it: "sent 12/07/2026 8:00 AM" and so on.
    struct Status: Decodable, Sendable {
        let appointmentID: UUID
        let status: String
        let recipient: String
        let lastError: String?
        let sentAt: Date?

        enum CodingKeys: String, CodingKey {
            case appointmentID = "appointment_id", status, recipient, lastError = "last_error", sentAt = "sent_at"
        }
    }

    static func reminders(of appointmentIDs: [UUID], on database: any Database) async throws -> [UUID: Status] {
        guard !appointmentIDs.isEmpty else { return [:] }
        return try await database.sql.select().columns("appointment_id", "status", "recipient", "last_error", "sent_at").from("outbox_emails")
            .where("appointment_id", .in, appointmentIDs).where("purpose", .equal, reminder).orderBy("created_at")
            .all(decoding: Status.self).reduce(into: [:]) { $0[$1.appointmentID] = $1 }
    }

    private static func finish(_ email: Email, status: String, error: String?, now: Date, on database: any Database) async throws {
        try await database.sql.update("outbox_emails").set("status", to: status).set("last_error", to: error.map { String($0.prefix(500)) })
            .set("sent_at", to: status == "sent" ? now : nil).where("id", .equal, email.id).run()
    }

    private static func audit(_ action: AuditAction, _ email: Email, detail: String, now: Date, on database: any Database) async throws {
        let entry = AuditEntry(action: action, resourceType: email.appointmentID == nil ? "Communication" : "Appointment",
                               resourceID: (email.appointmentID ?? email.id).uuidString, patientID: email.patientID,
                               outcome: action == .mailSend ? .success : .failure, detail: detail, userEmail: "relief", role: "system")
        try await AuditRow.insert([AuditRow(entry, at: now, actor: nil, ip: nil, userAgent: "relief outbox")], on: database)
    }
}
