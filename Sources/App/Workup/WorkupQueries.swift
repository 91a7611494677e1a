import Fluent
import Foundation
import ReliefCore
import SQLKit
import Vapor

/// Work-up orders, callable without HTTP. Every step (order, schedule, result, review, cancel) is one transaction
/// with a version check and its audit row.
enum WorkupQueries {
    static func create(_ order: WorkupOrder, patientID: UUID, today: CalendarDate, by user: UUID, now: Date, on database: any Database,
                       audit: @escaping TransactionalAudit) async throws -> WorkupRecord {
        try await database.writeTransaction { database in
            let record = try WorkupRecord(patientID: patientID, order: order, orderedOn: today, by: user, now: now)
            try await record.create(on: database)
            try await audit(AuditEntry(action: .recordCreate, resourceType: "ServiceRequest", resourceID: (try record.requireID()).uuidString,
                                       patientID: patientID, detail: order.label), database)
            return record
        }
    }

    static func find(_ id: UUID, patientID: UUID, on database: any Database) async throws -> WorkupRecord? {
        try await WorkupRecord.query(on: database).filter(\.$id == id).filter(\.$patientID == patientID).first()
    }

    static func all(patientID: UUID, on database: any Database) async throws -> [WorkupRecord] {
        try await WorkupRecord.query(on: database).filter(\.$patientID == patientID)
            .sort(\.$orderedOn, .descending).sort(\.$createdAt, .descending).all()
    }

    /// Orders still waiting for the test or for review, newest first, for the chart: read through SQLKit, only the
    /// open ones (Fluent's per-row reflection showed on the chart's profile).
    static func outstanding(patientID: UUID, on database: any Database) async throws -> [OutstandingRow] {
        try await database.sql.select()
            .columns("id", "test", "status", "ordered_on", "resulted_on", "request", "result")
            .from(WorkupRecord.schema)
            .where("patient_id", .equal, patientID)
            .where("status", .in, SQLGroupExpression([OrderStatus.ordered, .scheduled, .resulted].map { SQLBind($0.rawValue) }))
            .orderBy("ordered_on", .descending)
            .all(decoding: OutstandingRow.self)
    }

    struct OutstandingRow: Decodable {
        let id: UUID
        let test: String
        let status: String
        let orderedOn: String
        let resultedOn: String?
        let request: String
        let result: String?

        enum CodingKeys: String, CodingKey {
            case id, test, status, request, result
            case orderedOn = "ordered_on", resultedOn = "resulted_on"
        }

        /// As the banner's alerts read it; nil for a row that does not parse (never written so).
        var outstanding: PatientAlert.Outstanding? {
            guard let status = OrderStatus(rawValue: status), let ordered = CalendarDate(orderedOn) else { return nil }
            let label = (try? JSONCoding.decode(WorkupOrder.self, request))?.label ?? WorkupTest(rawValue: test)?.title ?? test
            return PatientAlert.Outstanding(label: label, status: status, orderedOn: ordered, resultedOn: resultedOn.flatMap(CalendarDate.init))
        }
    }

    /// The step's checks on the submitted fields; a 409 when the order is past that step.
    static func parse(_ kind: WorkupStep.Kind, _ fields: FormFields, for record: WorkupRecord,
                      today: CalendarDate) throws -> (WorkupStep?, [String: String]) {
        guard kind.applies(to: record.orderStatus) else {
            throw Abort(.conflict, reason: "This order is \(record.orderStatus.rawValue); that step no longer applies.")
        }
        return WorkupStep.parse(kind, fields, today: today)
    }

    /// Takes one step if the order is still at `version`; false when someone changed it in between.
    static func take(_ step: WorkupStep, on record: WorkupRecord, from version: Int, by user: UUID, now: Date,
                     on database: any Database, audit: @escaping TransactionalAudit) async throws -> Bool {
        try await database.writeTransaction { database in
            guard try await RecordVersion.claim(WorkupRecord.schema, id: try record.requireID(), expected: version, on: database) else { return false }
            try record.apply(step, by: user, now: now)
            record.version = version + 1
            record.updatedAt = now
            record.updatedBy = user
            try await record.update(on: database)
            try await audit(AuditEntry(action: step.kind == .review ? .resultReview : .recordUpdate, resourceType: "ServiceRequest",
                                       resourceID: (try record.requireID()).uuidString, patientID: record.patientID, detail: step.detail), database)
            return true
        }
    }

    /// One line of the practice's worklist.
    struct WorklistRow: Decodable {
        let id: UUID
        let patientID: UUID
        let familyName: String
        let givenName: String
        let mrn: String
        let phone: String?
        let test: String
        let status: String
        let orderedOn: String
        let scheduledFor: String?
        let resultedOn: String?
        let request: String
        let version: Int

        enum CodingKeys: String, CodingKey {
            case id, test, status, mrn, phone, request, version
            case patientID = "patient_id", familyName = "family_name", givenName = "given_name"
            case orderedOn = "ordered_on", scheduledFor = "scheduled_for", resultedOn = "resulted_on"
        }
    }

    /// Orders still waiting for a test or for review, oldest first, with the patient's name.
    static func worklist(statuses: [OrderStatus], on database: any Database) async throws -> [WorklistRow] {
        try await database.sql.select()
            .columns(SQLColumn("id", table: "w"), SQLColumn("patient_id", table: "w"), SQLColumn("family_name", table: "p"),
                     SQLColumn("given_name", table: "p"), SQLColumn("mrn", table: "p"), SQLColumn("phone", table: "p"), SQLColumn("test", table: "w"),
                     SQLColumn("status", table: "w"), SQLColumn("ordered_on", table: "w"), SQLColumn("scheduled_for", table: "w"),
                     SQLColumn("resulted_on", table: "w"), SQLColumn("request", table: "w"), SQLColumn("version", table: "w"))
            .from(SQLAlias(SQLIdentifier(WorkupRecord.schema), as: SQLIdentifier("w")))
            .join(SQLAlias(SQLIdentifier("patients"), as: SQLIdentifier("p")), method: SQLJoinMethod.inner,
                  on: SQLColumn("patient_id", table: "w"), .equal, SQLColumn("id", table: "p"))
            .where(SQLColumn("status", table: "w"), .in, SQLGroupExpression(statuses.map { SQLBind($0.rawValue) }))
            .where(SQLColumn("deleted_at", table: "p"), .is, SQLLiteral.null)
            .orderBy(SQLColumn("ordered_on", table: "w"))
            .all(decoding: WorklistRow.self)
    }
}
