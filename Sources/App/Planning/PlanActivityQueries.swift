import Fluent
import Foundation
import ReliefCore
import Vapor

/// The work recorded under a plan: read for every version of it, written with its audit row in one transaction.
enum PlanActivityQueries {
    /// Everything recorded under `planID`, latest first.
    static func all(planID: UUID, on database: any Database) async throws -> [PlanActivityRecord] {
        try await PlanActivityRecord.query(on: database).filter(\.$planID == planID)
            .sort(\.$occurredOn, .descending).sort(\.$createdAt, .descending).all()
    }

    static func find(_ id: UUID, planID: UUID, on database: any Database) async throws -> PlanActivityRecord? {
        try await PlanActivityRecord.query(on: database).filter(\.$id == id).filter(\.$planID == planID).first()
    }

    static func record(_ activity: PlanActivity, under plan: CarePlanRecord, by user: UUID, now: Date, on database: any Database,
                       audit: @escaping TransactionalAudit) async throws -> PlanActivityRecord {
        let record = try PlanActivityRecord(patientID: plan.patientID, planID: plan.planID, activity: activity, by: user, now: now)
        try await database.writeTransaction { database in
            try await record.create(on: database)
            try await audit(AuditEntry(action: .recordCreate, resourceType: "PlanActivity", resourceID: (try record.requireID()).uuidString,
                                       patientID: plan.patientID, detail: "\(activity.kind.rawValue) \(activity.intervention) on \(activity.occurredOn)"), database)
        }
        return record
    }

    /// Marks a record at `version` entered in error; false when it changed meanwhile or already was.
    static func enterInError(_ record: PlanActivityRecord, reason: String, from version: Int, on database: any Database,
                             audit: @escaping TransactionalAudit) async throws -> Bool {
        let id = try record.requireID()
        return try await database.writeTransaction { database in
            guard let fresh = try await PlanActivityRecord.find(id, on: database), !fresh.isInError,
                  try await RecordVersion.claim(PlanActivityRecord.schema, id: id, expected: version, on: database) else { return false }
            fresh.status = PlanActivityRecord.enteredInError
            fresh.reason = reason
            fresh.version = version + 1
            try await fresh.update(on: database)
            try await audit(AuditEntry(action: .recordEnteredInError, resourceType: "PlanActivity", resourceID: id.uuidString,
                                       patientID: fresh.patientID, detail: reason), database)
            return true
        }
    }
}

extension PlanActivityQueries {
    /// The plan version and the record the route's `:plan` and `:activity` name, or 404.
    static func activity(_ req: Request) async throws -> (PatientRecord, CarePlanRecord, PlanActivityRecord) {
        let (patient, plan) = try await CarePlanQueries.plan(req)
        guard let id = req.id(.activity), let activity = try await find(id, planID: plan.planID, on: req.db) else {
            throw Abort(.notFound, reason: "No such record under this plan.")
        }
        return (patient, plan, activity)
    }
}

