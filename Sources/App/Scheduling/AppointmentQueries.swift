import Fluent
import Foundation
import ReliefCore
import Vapor

/// Appointments read for the day views and the patient, and written with their booking check inside the write
/// transaction: SQLite's immediate transaction and PostgreSQL's audit-chain lock let one booking at a time read
/// the schedule and add to it, so two desks (or two instances) cannot both take the same slot.
enum AppointmentQueries {
    /// Staff who see patients: physicians, nurses and therapists, by name; a disabled account stays for its history.
    struct Provider: Sendable, Equatable {
        let id: UUID
        let name: String
        let role: Role
        let disabled: Bool
    }

    enum Outcome: Equatable {
        case saved
        /// Problems keyed by form field, nothing written.
        case refused([String: String])
        /// Someone changed it since the form was opened.
        case stale
    }

    static let providerRoles: [Role] = [.physician, .nurse, .therapist]

    static func providers(on database: any Database) async throws -> [Provider] {
        try await User.query(on: database).filter(\.$role ~~ providerRoles.map(\.rawValue)).sort(\.$name).all().map {
            Provider(id: try $0.requireID(), name: $0.name, role: $0.roleValue ?? .physician, disabled: $0.isDisabled)
        }
    }

    static func find(_ id: UUID, patientID: UUID, on database: any Database) async throws -> AppointmentRecord? {
        try await AppointmentRecord.query(on: database).filter(\.$id == id).filter(\.$patientID == patientID).first()
    }

    /// The patient's appointments, in time order.
    static func all(patientID: UUID, on database: any Database) async throws -> [AppointmentRecord] {
        try await AppointmentRecord.query(on: database).filter(\.$patientID == patientID)
            .sort(\.$date).sort(\.$startMinute).all()
    }

    /// The appointments from `first` to `last` (both included), of one provider or everyone's, in time order, with
    /// their patients.
    static func between(_ first: CalendarDate, _ last: CalendarDate, provider: UUID? = nil,
                        on database: any Database) async throws -> [(AppointmentRecord, PatientSummary)] {
        let query = AppointmentRecord.query(on: database).filter(\.$date >= first.description).filter(\.$date <= last.description)
        if let provider { query.filter(\.$providerID == provider) }
        let records = try await query.sort(\.$date).sort(\.$startMinute).all()
        let patients = try await PatientQueries.summaries(ids: Set(records.map(\.patientID)), on: database)
        return records.compactMap { record in patients[record.patientID].map { (record, $0) } }
    }

    /// Books it unless the schedule refuses: the problems by form field, empty once booked.
    static func book(_ appointment: Appointment, settings: ScheduleSettings, names: [UUID: String], by user: UUID, now: Date,
                     on database: any Database, audit: @escaping TransactionalAudit) async throws -> [String: String] {
        try await database.writeTransaction { database in
            let problems = BookingCheck.problems(appointment, others: try await sharing(appointment, on: database), settings: settings, names: names)
            guard problems.isEmpty else { return problems }
            try await AppointmentRecord(appointment, by: user, now: now).create(on: database)
            try await audit(AuditEntry(action: .recordCreate, resourceType: "Appointment", resourceID: appointment.id.uuidString,
                                       patientID: appointment.patientID, detail: summary(appointment)), database)
            return [:]
        }
    }

    /// Moves an open appointment (another day, time, room or provider) if it is still at `version`.
    static func move(_ record: AppointmentRecord, to appointment: Appointment, from version: Int, settings: ScheduleSettings, names: [UUID: String],
                     by user: UUID, now: Date, on database: any Database, audit: @escaping TransactionalAudit) async throws -> Outcome {
        let id = try record.requireID()
        return try await database.writeTransaction { database in
            guard let fresh = try await AppointmentRecord.find(id, on: database), fresh.version == version,
                  fresh.decoded()?.status.isMovable == true else { return .stale }
            let problems = BookingCheck.problems(appointment, others: try await sharing(appointment, on: database), settings: settings, names: names)
            guard problems.isEmpty else { return .refused(problems) }
            guard try await RecordVersion.claim(AppointmentRecord.schema, id: id, expected: version, on: database) else { return .stale }
            fresh.apply(appointment, by: user, now: now)
            fresh.version = version + 1
            try await fresh.update(on: database)
            try await audit(AuditEntry(action: .recordUpdate, resourceType: "Appointment", resourceID: id.uuidString, patientID: fresh.patientID,
                                       detail: "moved to " + summary(appointment)), database)
            return .saved
        }
    }

    /// Moves the appointment along its statuses if `status` may follow the current one and it is still at `version`;
    /// a cancellation keeps its reason.
    static func setStatus(_ record: AppointmentRecord, to status: AppointmentStatus, reason: String?, from version: Int, by user: UUID, now: Date,
                          on database: any Database, audit: @escaping TransactionalAudit) async throws -> Bool {
        let id = try record.requireID()
        return try await database.writeTransaction { database in
            guard let fresh = try await AppointmentRecord.find(id, on: database),
                  let current = AppointmentStatus(rawValue: fresh.status), current.next.contains(status),
                  try await RecordVersion.claim(AppointmentRecord.schema, id: id, expected: version, on: database) else { return false }
            fresh.status = status.rawValue
            fresh.reason = reason
            if status == .completed, let encounter = fresh.encounterID {
                // The visit's encounter ends with its appointment, unless its note is signed already.
                try await Encounter.query(on: database).filter(\.$id == encounter).filter(\.$status == EncounterStatus.inProgress.rawValue)
                    .set(\.$status, to: EncounterStatus.finished.rawValue).set(\.$updatedAt, to: now).update()
            }
            fresh.updatedAt = now
            fresh.updatedBy = user
            fresh.version = version + 1
            try await fresh.update(on: database)
            try await audit(AuditEntry(action: .recordUpdate, resourceType: "Appointment", resourceID: id.uuidString, patientID: fresh.patientID,
                                       detail: [status.rawValue, reason].compactMap { $0 }.joined(separator: ": ")), database)
            return true
        }
    }

    /// The visit note of the appointment's encounter: the one started already, or a new note of the visit's kind on
    /// its day, the appointment then in progress. The evaluation's id, or why there is none.
    static func startVisit(_ record: AppointmentRecord, today: CalendarDate, by user: UUID, now: Date, on database: any Database,
                           audit: @escaping TransactionalAudit) async throws -> Result<UUID, VisitRefusal> {
        let id = try record.requireID()
        return try await database.writeTransaction { database in
            guard let fresh = try await AppointmentRecord.find(id, on: database), let appointment = fresh.decoded() else { return .failure(.gone) }
            if let encounter = fresh.encounterID, let note = try await Evaluation.query(on: database).filter(\.$encounterID == encounter).first() {
                return .success(try note.requireID())
            }
            if let refusal = VisitRefusal(appointment, today: today) { return .failure(refusal) }
            let note = try await EvaluationQueries.start(EncounterStart(kind: appointment.kind.encounterKind, occurredOn: appointment.date),
                                                         patientID: fresh.patientID, by: user, now: now, on: database, audit: audit)
            fresh.encounterID = note.encounterID
            if [.booked, .confirmed, .checkedIn].contains(appointment.status) { fresh.status = AppointmentStatus.inProgress.rawValue }
            fresh.updatedAt = now
            fresh.updatedBy = user
            fresh.version += 1
            try await fresh.update(on: database)
            try await audit(AuditEntry(action: .recordUpdate, resourceType: "Appointment", resourceID: id.uuidString, patientID: fresh.patientID,
                                       detail: "visit note started, \(fresh.status)"), database)
            return .success(try note.requireID())
        }
    }

    /// Why an appointment's note is not started from it.
    enum VisitRefusal: Error, Equatable {
        case gone, procedure, notYet(CalendarDate), didNotHappen, ended

        init?(_ appointment: Appointment, today: CalendarDate) {
            switch appointment.status {
            case .cancelled, .noShow: self = .didNotHappen
            case .completed: self = .ended
            default:
                if appointment.kind == .procedure { self = .procedure } else if appointment.date > today { self = .notYet(appointment.date) } else { return nil }
            }
        }

        var message: String {
            switch self {
            case .gone: "No such appointment."
            case .procedure: "A procedure is documented with its procedure record."
            case .notYet(let day): "The visit is on \(day.display): its note starts that day."
            case .didNotHappen: "This appointment did not take place."
            case .ended: "This appointment is completed: start a note from the chart."
            }
        }
    }

    /// That day's appointments holding time that share the provider, the patient or the room.
    private static func sharing(_ appointment: Appointment, on database: any Database) async throws -> [Appointment] {
        try await AppointmentRecord.query(on: database).filter(\.$date == appointment.date.description)
            .filter(\.$status !~ AppointmentStatus.allCases.filter { !$0.holdsTime }.map(\.rawValue))
            .group(.or) { group in
                group.filter(\.$providerID == appointment.providerID).filter(\.$patientID == appointment.patientID)
                if let room = appointment.roomID { group.filter(\.$roomID == room) }
            }
            .all().compactMap { $0.decoded() }
    }

    private static func summary(_ appointment: Appointment) -> String {
        "\(appointment.what) on \(appointment.date) \(appointment.time.start)–\(appointment.time.end) with \(appointment.providerID.uuidString)"
            + (appointment.roomID.map { " in \($0)" } ?? "")
    }
}

extension AppointmentQueries {
    /// The patient and the appointment the route's `:patient` and `:appointment` name, or 404.
    static func appointment(_ req: Request) async throws -> (PatientRecord, AppointmentRecord) {
        let patient = try await PatientQueries.patient(req)
        guard let id = req.id(.appointment), let record = try await find(id, patientID: patient.id, on: req.db) else {
            throw Abort(.notFound, reason: "No such appointment.")
        }
        return (patient, record)
    }

    /// A procedure's appointment (its checklist's, its record's), or 404.
    static func procedure(_ req: Request) async throws -> (PatientRecord, AppointmentRecord, Appointment, InterventionSite) {
        let (patient, record) = try await appointment(req)
        guard let appointment = record.decoded(), let site = appointment.site else { throw Abort(.notFound, reason: "Not a procedure's appointment.") }
        return (patient, record, appointment, site)
    }
}
