import Fluent
import Foundation
import ReliefCore
import Vapor

/// Complications of a signed procedure: listed, recorded and updated under their version, each with its audit row.
enum ComplicationQueries {
    static func all(procedureID: UUID, on database: any Database) async throws -> [ComplicationRecord] {
        try await ComplicationRecord.query(on: database).filter(\.$procedureID == procedureID).sort(\.$onsetOn).sort(\.$recordedAt).all()
    }

    static func record(_ complication: Complication, procedure: ProcedureQueries.Stored, patientID: UUID, by user: UUID, now: Date,
                       on database: any Database, audit: @escaping TransactionalAudit) async throws -> ComplicationRecord {
        try await database.writeTransaction { database in
            let record = try ComplicationRecord(procedureID: procedure.id, patientID: patientID, intervention: procedure.note?.intervention ?? "",
                                                complication, by: user, now: now)
            try await record.create(on: database)
            try await audit(AuditEntry(action: .recordCreate, resourceType: "AdverseEvent", resourceID: record.id?.uuidString, patientID: patientID,
                                       detail: "\(complication.kind.rawValue), \(complication.severity.rawValue)"), database)
            return record
        }
    }

    /// Updates it (its outcome as it resolves) if still at `version`; false when someone changed it meanwhile.
    static func update(_ record: ComplicationRecord, to complication: Complication, from version: Int, by user: UUID, now: Date,
                       on database: any Database, audit: @escaping TransactionalAudit) async throws -> Bool {
        let id = try record.requireID()
        return try await database.writeTransaction { database in
            guard try await RecordVersion.claim(ComplicationRecord.schema, id: id, expected: version, on: database),
                  let fresh = try await ComplicationRecord.find(id, on: database) else { return false }
            try fresh.apply(complication, by: user, now: now)
            try await fresh.update(on: database)
            try await audit(AuditEntry(action: .recordUpdate, resourceType: "AdverseEvent", resourceID: id.uuidString, patientID: fresh.patientID,
                                       detail: "\(complication.kind.rawValue), \(complication.outcome.rawValue)"), database)
            return true
        }
    }

    /// The complication the route's `:complication` names, of the procedure its appointment names, or 404.
    static func complication(_ req: Request, procedureID: UUID) async throws -> ComplicationRecord {
        guard let id = req.id(.complication),
              let record = try await ComplicationRecord.query(on: req.db).filter(\.$id == id).filter(\.$procedureID == procedureID).first() else {
            throw Abort(.notFound, reason: "No such complication.")
        }
        return record
    }
}
