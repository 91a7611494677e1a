import Fluent
import Foundation
import ReliefCore
import SQLKit
import Vapor

/// Follow-ups' database work: created with a signed procedure, listed for the calls, answered, called without
/// reaching the patient, moved or cancelled; each change under the follow-up's version in one transaction with its
/// audit row.
enum FollowUpQueries {
    /// The follow-ups of a procedure just signed, from the practice's schedule, inside the signing transaction.
    static func schedule(procedureID: UUID, patientID: UUID, site: InterventionSite, performedOn: CalendarDate, by user: UUID, now: Date,
                         on database: any Database) async throws {
        let schedule = try await PracticeSettings.followUp(on: database)
        for days in schedule.days(for: site.intervention) {
            try await FollowUpRecord(procedureID: procedureID, patientID: patientID, site: site, performedOn: performedOn, daysAfter: days,
                                     by: user, now: now).create(on: database)
        }
    }

    /// A follow-up added for one patient `daysAfter` the procedure, unless one is already set for that day.
    static func add(procedureID: UUID, patientID: UUID, site: InterventionSite, performedOn: CalendarDate, daysAfter: Int, by user: UUID, now: Date,
                    on database: any Database, audit: @escaping TransactionalAudit) async throws -> Bool {
        try await database.writeTransaction { database in
            guard try await FollowUpRecord.query(on: database).filter(\.$procedureID == procedureID).filter(\.$daysAfter == daysAfter).first() == nil else {
                return false
            }
            let record = FollowUpRecord(procedureID: procedureID, patientID: patientID, site: site, performedOn: performedOn, daysAfter: daysAfter,
                                        by: user, now: now)
            try await record.create(on: database)
            try await audit(AuditEntry(action: .recordCreate, resourceType: "FollowUp", resourceID: record.id?.uuidString, patientID: patientID,
                                       detail: "added: \(record.procedureLabel), \(record.whenLabel)"), database)
            return true
        }
    }

    /// Open follow-ups due by `today`, oldest first, with their patients and the calls so far.
    static func worklist(today: CalendarDate, limit: Int = 500,
                         on database: any Database) async throws -> [(FollowUpRecord, PatientSummary, [FollowUpAttempt])] {
        let records = try await FollowUpRecord.query(on: database).filter(\.$status == FollowUpStatus.due.rawValue)
            .filter(\.$dueOn <= today.description).sort(\.$dueOn).limit(limit).all()
        let patients = try await PatientQueries.summaries(ids: Set(records.map(\.patientID)), on: database)
        let calls = try await attempts(of: records, on: database)
        return records.compactMap { record in patients[record.patientID].map { (record, $0, calls[record.id ?? UUID()] ?? []) } }
    }

    /// The patient's follow-ups, by due day.
    static func all(patientID: UUID, on database: any Database) async throws -> [FollowUpRecord] {
        try await FollowUpRecord.query(on: database).filter(\.$patientID == patientID).sort(\.$dueOn).sort(\.$daysAfter).all()
    }

    static func attempts(of records: [FollowUpRecord], on database: any Database) async throws -> [UUID: [FollowUpAttempt]] {
        let ids = records.compactMap(\.id)
        guard !ids.isEmpty else { return [:] }
        return Dictionary(grouping: try await FollowUpAttempt.query(on: database).filter(\.$followUpID ~~ ids).sort(\.$attemptedAt).all(),
                          by: \.followUpID)
    }

    /// How relief ran after each of the patient's procedures, by procedure record.
    static func courses(patientID: UUID, on database: any Database) async throws -> [UUID: ReliefCourse] {
        let done = try await FollowUpRecord.query(on: database).filter(\.$patientID == patientID).filter(\.$status == FollowUpStatus.done.rawValue).all()
        return Dictionary(grouping: done, by: \.procedureID).mapValues { records in
            ReliefCourse(points: records.compactMap { record in
                guard let answers = record.decodedAnswers, let performed = record.performed else { return nil }
                return FollowUpPoint(answers: answers, performedOn: performed)
            })
        }
    }

    /// What the follow-up's page shows beside it: the answers after the same procedure before it, its unreached calls,
    /// the procedure's appointment, and the opioid picture of the medication list now.
    struct Context {
        let earlier: [String]
        let calls: [FollowUpAttempt]
        let appointmentID: UUID?
        let opioids: OpioidSummary
    }

    static func context(of record: FollowUpRecord, on database: any Database) async throws -> Context {
        let siblings = try await FollowUpRecord.query(on: database).filter(\.$procedureID == record.procedureID)
            .filter(\.$status == FollowUpStatus.done.rawValue).sort(\.$daysAfter).all()
        let earlier = siblings.filter { $0.id != record.id }.compactMap { sibling in
            sibling.decodedAnswers.map { "\(sibling.whenLabel) (\($0.completedOn.display)): \($0.reliefPercent) % relief, pain \($0.painNow)/10" }
        }
        struct Row: Decodable { let appointment_id: UUID }
        let appointment = try await database.sql.select().column("appointment_id").from("procedure_records").where("id", .equal, record.procedureID)
            .first(decoding: Row.self)
        let medications = try await ChartEntryQueries.entries(MedicationEntry.self, patientID: record.patientID, on: database).map(\.1)
        return Context(earlier: earlier, calls: try await attempts(of: [record], on: database)[try record.requireID()] ?? [],
                       appointmentID: appointment?.appointment_id, opioids: OpioidSummary(medications))
    }

    /// The follow-up the route's `:patient` and `:followUp` name, or 404.
    static func followUp(_ req: Request) async throws -> (PatientRecord, FollowUpRecord) {
        let patient = try await PatientQueries.patient(req)
        guard let id = req.id(.followUp),
              let record = try await FollowUpRecord.query(on: req.db).filter(\.$id == id).filter(\.$patientID == patient.id).first() else {
            throw Abort(.notFound, reason: "No such follow-up.")
        }
        return (patient, record)
    }

    /// What a change found: done, or the follow-up changed meanwhile (or is no longer open).
    enum Outcome: Equatable { case done, stale }

    /// Records the answers (with the MME of the medication list now) if the follow-up is still open at `version`;
    /// `user` is nil when the patient answered from a link.
    static func answer(_ record: FollowUpRecord, _ answers: FollowUpAnswers, from version: Int, by user: UUID?, now: Date,
                       on database: any Database, audit: @escaping TransactionalAudit) async throws -> Outcome {
        try await update(record, from: version, openOnly: false, by: user, now: now, on: database) { fresh, database in
            var answers = answers
            answers.mme = OpioidSummary(try await ChartEntryQueries.entries(MedicationEntry.self, patientID: fresh.patientID, on: database).map(\.1)).total
            fresh.status = FollowUpStatus.done.rawValue
            fresh.answers = try JSONCoding.encode(answers)
            fresh.reliefPercent = answers.reliefPercent
            fresh.painNow = answers.painNow
            fresh.peg = answers.peg
            fresh.mme = answers.mme
            fresh.completedOn = answers.completedOn.description
            try await audit(AuditEntry(action: .recordUpdate, resourceType: "FollowUp", resourceID: fresh.id?.uuidString, patientID: fresh.patientID,
                                       detail: "answered: \(answers.reliefPercent) % relief"), database)
        }
    }

    /// Records an unreached call; the follow-up is lost after the practice's number of them, or a refusal.
    static func attempt(_ record: FollowUpRecord, _ outcome: FollowUpAttemptOutcome, note: String, from version: Int, by user: UUID, now: Date,
                        on database: any Database, audit: @escaping TransactionalAudit) async throws -> (Outcome, FollowUpStatus) {
        let limit = try await PracticeSettings.followUp(on: database).attempts
        let status = try await change(record, from: version, openOnly: true, by: user, now: now, on: database) { fresh, database in
            try await FollowUpAttempt(followUp: fresh, outcome: outcome, note: note, by: user, now: now).create(on: database)
            fresh.attempts += 1
            let status = FollowUpStatus.after(attempts: fresh.attempts, last: outcome, limit: limit)
            fresh.status = status.rawValue
            if status == .lost { fresh.reason = outcome == .declined ? "Declined" : "Not reached after \(fresh.attempts) calls" }
            try await audit(AuditEntry(action: .recordUpdate, resourceType: "FollowUp", resourceID: fresh.id?.uuidString, patientID: fresh.patientID,
                                       detail: "call: \(outcome.rawValue)" + (status == .lost ? ", lost" : "")), database)
            return status
        }
        return status.map { (.done, $0) } ?? (.stale, record.followUpStatus)
    }

    /// Moves an open follow-up to another day, not before its procedure.
    static func move(_ record: FollowUpRecord, to day: CalendarDate, from version: Int, by user: UUID, now: Date,
                     on database: any Database, audit: @escaping TransactionalAudit) async throws -> Outcome {
        try await update(record, from: version, openOnly: true, by: user, now: now, on: database) { fresh, database in
            let before = fresh.dueOn
            fresh.dueOn = day.description
            try await audit(AuditEntry(action: .recordUpdate, resourceType: "FollowUp", resourceID: fresh.id?.uuidString, patientID: fresh.patientID,
                                       detail: "moved from \(before) to \(day)"), database)
        }
    }

    /// Cancels an open follow-up with a reason (no longer needed: a repeat procedure, surgery, the patient moved away).
    static func cancel(_ record: FollowUpRecord, reason: String, from version: Int, by user: UUID, now: Date,
                       on database: any Database, audit: @escaping TransactionalAudit) async throws -> Outcome {
        try await update(record, from: version, openOnly: true, by: user, now: now, on: database) { fresh, database in
            fresh.status = FollowUpStatus.cancelled.rawValue
            fresh.reason = reason
            try await audit(AuditEntry(action: .recordUpdate, resourceType: "FollowUp", resourceID: fresh.id?.uuidString, patientID: fresh.patientID,
                                       detail: "cancelled: \(reason)"), database)
        }
    }

    private static func update(_ record: FollowUpRecord, from version: Int, openOnly: Bool, by user: UUID?, now: Date, on database: any Database,
                               edit: @escaping @Sendable (FollowUpRecord, any Database) async throws -> Void) async throws -> Outcome {
        try await change(record, from: version, openOnly: openOnly, by: user, now: now, on: database, edit: edit) == nil ? .stale : .done
    }

    /// Applies `edit` to the follow-up if still at `version` and open (due; `openOnly` false also lets a lost one be
    /// answered when the patient calls back), bumping its version; nil when it changed meanwhile.
    private static func change<T: Sendable>(_ record: FollowUpRecord, from version: Int, openOnly: Bool, by user: UUID?, now: Date,
                                            on database: any Database,
                                            edit: @escaping @Sendable (FollowUpRecord, any Database) async throws -> T) async throws -> T? {
        let id = try record.requireID()
        let open: [FollowUpStatus] = openOnly ? [.due] : [.due, .lost]
        return try await database.writeTransaction { database in
            // Read before claiming: an answered follow-up refuses any update (its trigger), so it is never claimed.
            guard let fresh = try await FollowUpRecord.find(id, on: database), fresh.version == version, open.contains(fresh.followUpStatus),
                  try await RecordVersion.claim(FollowUpRecord.schema, id: id, expected: version, on: database) else { return nil }
            fresh.version = version + 1
            let result = try await edit(fresh, database)
            fresh.updatedAt = now
            fresh.updatedBy = user
            try await fresh.update(on: database)
            try await OutcomeQueries.refresh(procedureID: fresh.procedureID, now: now, on: database)
            return result
        }
    }
}
