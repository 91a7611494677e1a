import Fluent
import Foundation
import ReliefCore
import SQLKit

/// The opioid-safety records of a patient, the urine drug screens from the work-up, and a new record kept with its
/// audit row.
enum OpioidSafetyQueries {
    /// The patient's records, newest first.
    static func records(patientID: UUID, on database: any Database) async throws -> [OpioidSafetyRecord] {
        struct Row: Decodable { let content: String }
        return try await database.sql.select().column("content").from("opioid_safety_records").where("patient_id", .equal, patientID)
            .orderBy("recorded_on", .descending).orderBy("created_at", .descending).all(decoding: Row.self)
            .compactMap { try? JSONCoding.decode(OpioidSafetyRecord.self, $0.content) }
    }

    /// The urine drug screens resulted in the work-up: the day and whether the result was flagged as unexpected.
    static func drugScreens(patientID: UUID, on database: any Database) async throws -> [DrugScreen] {
        struct Row: Decodable { let result: String }
        return try await database.sql.select().column("result").from("workup_orders").where("patient_id", .equal, patientID)
            .where("test", .equal, WorkupTest.urineDrugScreen.rawValue).where("result", .isNot, SQLLiteral.null).all(decoding: Row.self)
            .compactMap { row in (try? JSONCoding.decode(WorkupResult.self, row.result)).map { DrugScreen(resultedOn: $0.resultedOn, unexpected: $0.abnormal) } }
    }

    static func add(_ record: OpioidSafetyRecord, patientID: UUID, by user: UUID, now: Date, on database: any Database,
                    audit: @escaping TransactionalAudit) async throws {
        try await database.writeTransaction { database in
            let id = UUID()
            try await database.sql.insert(into: "opioid_safety_records")
                .columns("id", "patient_id", "kind", "recorded_on", "content", "created_by", "created_at")
                .values(SQLBind(id), SQLBind(patientID), SQLBind(record.kind.rawValue), SQLBind(record.recordedOn.description),
                        SQLBind(try JSONCoding.encode(record)), SQLBind(user), SQLBind(now))
                .run()
            try await audit(AuditEntry(action: .recordCreate, resourceType: "OpioidSafety", resourceID: id.uuidString, patientID: patientID,
                                       detail: record.summary), database)
        }
    }
}
