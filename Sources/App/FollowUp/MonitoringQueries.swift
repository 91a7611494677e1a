import Fluent
import Foundation
import ReliefCore
import SQLKit

/// A patient's course as monitoring reads it: the procedures done here with their relief, the MME history, the open
/// follow-ups, and decision support's inputs; and the alerts about a procedure raised on the chart when one of its
/// follow-ups is answered.
enum MonitoringQueries {
    struct Course {
        /// Procedure record id, the procedure, its relief course, its follow-ups.
        let procedures: [(id: UUID, procedure: MonitoredProcedure, note: ProcedureNote, followUps: [FollowUpRecord])]
        let mme: [(on: CalendarDate, total: Double)]
        let scores: [QuestionnaireQueries.ResponseRow]
        let alerts: [MonitoringAlert]
    }

    static func course(patientID: UUID, patient: PatientRecord, today: CalendarDate, on database: any Database) async throws -> Course {
        struct Row: Decodable { let id: UUID, performed_on: String, content: String }
        let rows = try await database.sql.select().columns("id", "performed_on", "content").from("procedure_records")
            .where("patient_id", .equal, patientID).where("status", .equal, "signed").orderBy("performed_on").all(decoding: Row.self)
        let followUps = Dictionary(grouping: try await FollowUpQueries.all(patientID: patientID, on: database), by: \.procedureID)
        let procedures = rows.compactMap { row -> (UUID, MonitoredProcedure, ProcedureNote, [FollowUpRecord])? in
            guard let date = CalendarDate(row.performed_on), let note = try? JSONCoding.decode(ProcedureNote.self, row.content), let site = note.site else { return nil }
            let records = followUps[row.id] ?? []
            let course = ReliefCourse(points: records.compactMap { $0.decodedAnswers.map { FollowUpPoint(answers: $0, performedOn: date) } }, painBefore: note.painBefore)
            return (row.id, MonitoredProcedure(site: site, date: date, course: course), note, records)
        }
        let mme = try await ChartEntryQueries.mmeHistory(patientID: patientID, on: database).map { (CalendarDate($0.recordedAt), $0.total) }
        let open = followUps.values.joined().filter { $0.followUpStatus == .due }.compactMap(\.due)
        let (facts, criteria) = try await DecisionSupportQueries.inputs(for: patient, on: database)
        let alerts = Monitoring.alerts(procedures: procedures.map(\.1), mme: mme, openFollowUps: open, facts: facts, criteria: criteria, today: today)
        return Course(procedures: procedures.map { ($0.0, $0.1, $0.2, $0.3) }, mme: mme,
                      scores: try await QuestionnaireQueries.responses(patientID: patientID, on: database), alerts: alerts)
    }

    /// Raises on the chart the alerts about the procedure a follow-up was just answered for (no meaningful relief, a
    /// repeat to consider, repeats without benefit), each once per procedure, resolved or not.
    static func raise(procedureID: UUID, patient: PatientRecord, today: CalendarDate, by user: UUID?, now: Date, on database: any Database,
                      audit: @escaping TransactionalAudit) async throws {
        try await database.writeTransaction { database in
            let course = try await course(patientID: patient.id, patient: patient, today: today, on: database)
            guard let done = course.procedures.first(where: { $0.id == procedureID }) else { return }
            let about = course.alerts.filter { alert in
                alert.kind != .mmeRising && alert.kind != .followUpsOverdue && alert.procedure?.intervention == done.procedure.site.intervention.id
                    && alert.procedure?.date == done.procedure.date
            }
            let raised = Set(try await ChartAlert.query(on: database).filter(\.$sourceID == procedureID).all().map(\.code))
            for alert in about where !raised.contains(alert.kind.rawValue) {
                let record = ChartAlert(patientID: patient.id, kind: ChartAlertKind.monitoring, code: alert.kind.rawValue, message: alert.message,
                                        sourceType: "Procedure", sourceID: procedureID, by: user, now: now)
                try await record.create(on: database)
                try await audit(AuditEntry(action: .alertRaise, resourceType: "ChartAlert", resourceID: record.id?.uuidString, patientID: patient.id,
                                           detail: alert.kind.rawValue), database)
            }
        }
    }
}
