import Fluent
import Foundation
import ReliefCore
import SQLKit

/// Treatment plans' database work, each change in one transaction with its audit row. A draft is edited under its
/// version; activating it retires the plan's active version (status `revised`); revising an active plan starts the
/// next version as a draft copy.
enum CarePlanQueries {
    enum Outcome: Equatable { case done, conflict, notFound }

    /// Every version of the patient's plans, newest plan first, its versions newest first.
    static func all(patientID: UUID, on database: any Database) async throws -> [CarePlanRecord] {
        try await CarePlanRecord.query(on: database).filter(\.$patientID == patientID)
            .sort(\.$createdAt, .descending).sort(\.$number, .descending).all()
    }

    static func find(_ id: UUID, patientID: UUID, on database: any Database) async throws -> CarePlanRecord? {
        try await CarePlanRecord.query(on: database).filter(\.$id == id).filter(\.$patientID == patientID).first()
    }

    static func versions(of planID: UUID, on database: any Database) async throws -> [CarePlanRecord] {
        try await CarePlanRecord.query(on: database).filter(\.$planID == planID).sort(\.$number, .descending).all()
    }

    static func create(_ content: CarePlanContent, patientID: UUID, by user: UUID, now: Date, on database: any Database,
                       audit: @escaping TransactionalAudit) async throws -> CarePlanRecord {
        let record = try CarePlanRecord(patientID: patientID, content: content, by: user, now: now)
        try await database.writeTransaction { database in
            try await record.create(on: database)
            try await audit(AuditEntry(action: .planCreate, resourceType: "CarePlan", resourceID: (try record.requireID()).uuidString,
                                       patientID: patientID, detail: content.title), database)
        }
        return record
    }

    /// Saves a draft still at `version`.
    static func update(_ record: CarePlanRecord, with content: CarePlanContent, from version: Int, by user: UUID, now: Date,
                       on database: any Database, audit: @escaping TransactionalAudit) async throws -> Outcome {
        let id = try record.requireID()
        return try await database.writeTransaction { database in
            guard let fresh = try await CarePlanRecord.find(id, on: database), fresh.planStatus == .draft,
                  try await RecordVersion.claim(CarePlanRecord.schema, id: id, expected: version, on: database) else { return .conflict }
            try fresh.set(content, by: user, now: now)
            fresh.version = version + 1
            try await fresh.update(on: database)
            try await audit(AuditEntry(action: .planUpdate, resourceType: "CarePlan", resourceID: id.uuidString, patientID: fresh.patientID,
                                       detail: "version \(fresh.number)"), database)
            return .done
        }
    }

    /// Makes a draft at `version` the plan's active version; the version active before becomes `revised`.
    static func activate(_ record: CarePlanRecord, from version: Int, by user: UUID, now: Date, on database: any Database,
                         audit: @escaping TransactionalAudit) async throws -> Outcome {
        let id = try record.requireID()
        return try await database.writeTransaction { database in
            guard let fresh = try await CarePlanRecord.find(id, on: database), fresh.planStatus == .draft,
                  try await RecordVersion.claim(CarePlanRecord.schema, id: id, expected: version, on: database) else { return .conflict }
            try await database.sql.update(CarePlanRecord.schema).set("status", to: PlanStatus.revised.rawValue).set("updated_at", to: now)
                .set("updated_by", to: user).where("plan_id", .equal, fresh.planID).where("status", .equal, PlanStatus.active.rawValue).run()
            fresh.status = PlanStatus.active.rawValue
            fresh.activatedAt = now
            fresh.activatedBy = user
            fresh.updatedAt = now
            fresh.updatedBy = user
            fresh.version = version + 1
            try await fresh.update(on: database)
            try await audit(AuditEntry(action: .planActivate, resourceType: "CarePlan", resourceID: id.uuidString, patientID: fresh.patientID,
                                       detail: "version \(fresh.number)"), database)
            return .done
        }
    }

    /// Starts the next version of an active plan as a draft copy; nil when the plan is not active or already has a
    /// draft (the two revisers would otherwise race to the same number).
    static func revise(_ record: CarePlanRecord, by user: UUID, now: Date, on database: any Database,
                       audit: @escaping TransactionalAudit) async throws -> CarePlanRecord? {
        try await database.writeTransaction { database in
            let versions = try await versions(of: record.planID, on: database)
            guard record.planStatus == .active, !versions.contains(where: { $0.planStatus == .draft }) else { return nil }
            let next = try CarePlanRecord(patientID: record.patientID, planID: record.planID, number: (versions.first?.number ?? 0) + 1,
                                          content: try record.decoded(), by: user, now: now)
            try await next.create(on: database)
            try await audit(AuditEntry(action: .planRevise, resourceType: "CarePlan", resourceID: (try next.requireID()).uuidString,
                                       patientID: record.patientID, detail: "version \(next.number) from \(record.number)"), database)
            return next
        }
    }
}

extension CarePlanQueries {
    /// A new plan's form: named after the main diagnosis, starting today, reviewed in three months, with the goals
    /// the patient gave at the latest visit.
    static func newFields(for patient: PatientRecord, today: CalendarDate, on database: any Database) async throws -> FormFields {
        let diagnoses = try await ChartEntryQueries.entries(DiagnosisEntry.self, patientID: patient.id, on: database).map(\.1).filter(\.isCurrent)
        let visit = try await DecisionSupportQueries.latestEvaluation(patientID: patient.id, on: database)
        let goals = (visit?.goals.compactMap { PatientGoal(rawValue: $0)?.title } ?? []) + [visit?.goalOther ?? ""].filter { !$0.isEmpty }
        var fields = FormFields()
        fields.set([("title", diagnoses.first?.condition?.label ?? diagnoses.first?.text), ("phase", PlanPhase.painReduction.rawValue),
                    ("startOn", today.display), ("reviewOn", today.adding(days: 90).display)])
        for (index, goal) in goals.prefix(CarePlanContent.goalRows).enumerated() {
            fields.set(CarePlanContent.goalPrefix(index + 1) + "text", goal)
        }
        return fields
    }

    /// The procedures on record, done elsewhere or here, so an implant whose trial was done is not asked to plan it again.
    static func history(patientID: UUID, on database: any Database) async throws -> [ProcedureFact] {
        try await ChartEntryQueries.entries(PriorProcedureEntry.self, patientID: patientID, on: database).map(\.1.fact)
            + (try await ProcedureQueries.performed(patientID: patientID, on: database).compactMap(\.fact))
    }
}
