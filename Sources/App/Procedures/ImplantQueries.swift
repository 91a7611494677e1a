import Fluent
import Foundation
import ReliefCore
import SQLKit
import Vapor

/// Implanted devices: listed, added, changed under their version, their programming and refills kept, and the pumps
/// whose refill falls due. Each change in one write transaction with its audit row.
enum ImplantQueries {
    struct Stored: Sendable {
        let id: UUID
        let patientID: UUID
        let implant: Implant
        let version: Int
    }

    private struct Row: Decodable {
        let id: UUID, patient_id: UUID, content: String, version: Int
        var stored: Stored? { (try? JSONCoding.decode(Implant.self, content)).map { Stored(id: id, patientID: patient_id, implant: $0, version: version) } }
    }

    /// The patient's devices, in place ones first, newest first.
    static func all(patientID: UUID, on database: any Database) async throws -> [Stored] {
        try await database.sql.select().columns("id", "patient_id", "content", "version").from("implants").where("patient_id", .equal, patientID)
            .orderBy("implanted_on", .descending).all(decoding: Row.self).compactMap(\.stored)
            .sorted { ($0.implant.isActive ? 0 : 1) < ($1.implant.isActive ? 0 : 1) }
    }

    /// The device the route's `:patient` and `:implant` name, or 404.
    static func implant(_ req: Request) async throws -> (PatientRecord, Stored) {
        let patient = try await PatientQueries.patient(req)
        guard let id = req.id(.implant),
              let stored = try await req.db.sql.select().columns("id", "patient_id", "content", "version").from("implants")
                .where("id", .equal, id).where("patient_id", .equal, patient.id).first(decoding: Row.self)?.stored else {
            throw Abort(.notFound, reason: "No such device.")
        }
        return (patient, stored)
    }

    static func create(_ implant: Implant, patientID: UUID, by user: UUID, now: Date, on database: any Database,
                       audit: @escaping TransactionalAudit) async throws -> UUID {
        let id = UUID()
        try await database.writeTransaction { database in
            try await database.sql.insert(into: "implants")
                .columns("id", "patient_id", "kind", "content", "implanted_on", "explanted_on", "created_at", "created_by", "updated_at", "updated_by", "version")
                .values(SQLBind(id), SQLBind(patientID), SQLBind(implant.kind.rawValue), SQLBind(try JSONCoding.encode(implant)),
                        SQLBind(implant.implantedOn.description), SQLBind(implant.explantedOn?.description), SQLBind(now), SQLBind(user), SQLBind(now),
                        SQLBind(user), SQLBind(1))
                .run()
            try await audit(AuditEntry(action: .recordCreate, resourceType: "Device", resourceID: id.uuidString, patientID: patientID, detail: implant.label), database)
        }
        return id
    }

    /// Saves the device if still at `version`; false when someone changed it meanwhile.
    static func update(_ stored: Stored, to implant: Implant, from version: Int, by user: UUID, now: Date, on database: any Database,
                       audit: @escaping TransactionalAudit) async throws -> Bool {
        try await database.writeTransaction { database in
            guard try await RecordVersion.claim("implants", id: stored.id, expected: version, on: database) else { return false }
            try await database.sql.update("implants").set("kind", to: implant.kind.rawValue).set("content", to: try JSONCoding.encode(implant))
                .set("implanted_on", to: implant.implantedOn.description).set("explanted_on", to: implant.explantedOn?.description)
                .set("updated_at", to: now).set("updated_by", to: user).where("id", .equal, stored.id).run()
            try await audit(AuditEntry(action: .recordUpdate, resourceType: "Device", resourceID: stored.id.uuidString, patientID: stored.patientID,
                                       detail: implant.label), database)
            return true
        }
    }

    /// A device's programming or refills, newest first.
    static func entries<T: Decodable & Sendable>(_ type: T.Type, in table: Table, of implantID: UUID, on database: any Database) async throws -> [T] {
        try await database.sql.select().column("content").from(table.rawValue).where("implant_id", .equal, implantID)
            .orderBy("recorded_on", .descending).orderBy("created_at", .descending).all(decoding: ContentRow.self)
            .compactMap { try? JSONCoding.decode(T.self, $0.content) }
    }

    enum Table: String { case settings = "implant_settings", refills = "pump_refills" }

    private struct ContentRow: Decodable { let content: String }

    /// Keeps a programming or a refill of the device.
    static func add(_ table: Table, _ content: some Encodable & Sendable, recordedOn: CalendarDate, nextRefillOn: CalendarDate? = nil, to stored: Stored,
                    by user: UUID, now: Date, on database: any Database, audit: @escaping TransactionalAudit, detail: String) async throws {
        try await database.writeTransaction { database in
            let id = UUID()
            var columns = ["id", "implant_id", "patient_id", "recorded_on", "content", "created_by", "created_at"]
            var values: [any SQLExpression] = [SQLBind(id), SQLBind(stored.id), SQLBind(stored.patientID), SQLBind(recordedOn.description),
                                               SQLBind(try JSONCoding.encode(content)), SQLBind(user), SQLBind(now)]
            if let nextRefillOn {
                columns.append("next_refill_on")
                values.append(SQLBind(nextRefillOn.description))
            }
            try await database.sql.insert(into: table.rawValue).columns(columns).values(values).run()
            try await audit(AuditEntry(action: .recordCreate, resourceType: table == .refills ? "PumpRefill" : "DeviceSetting", resourceID: id.uuidString,
                                       patientID: stored.patientID, detail: detail), database)
        }
    }

    /// A pump whose refill falls due: its patient, the device and its latest refill.
    struct DueRefill: Sendable {
        let patient: PatientSummary
        let implantID: UUID
        let implant: Implant
        let refill: PumpRefill
    }

    /// Pumps in place whose latest refill's next refill is within `PumpRefillDue.withinDays` or past, soonest first.
    static func dueRefills(today: CalendarDate, on database: any Database) async throws -> [DueRefill] {
        struct Due: Decodable { let implant_id: UUID, patient_id: UUID, implant: String, refill: String }
        let rows = try await database.sql.raw("""
            SELECT r.implant_id, r.patient_id, i.content AS implant, r.content AS refill FROM pump_refills r JOIN implants i ON i.id = r.implant_id
            WHERE i.explanted_on IS NULL AND r.next_refill_on <= \(bind: today.adding(days: PumpRefillDue.withinDays).description)
              AND r.created_at = (SELECT MAX(created_at) FROM pump_refills latest WHERE latest.implant_id = r.implant_id)
            ORDER BY r.next_refill_on LIMIT 500
            """).all(decoding: Due.self)
        let patients = try await PatientQueries.summaries(ids: Set(rows.map(\.patient_id)), on: database)
        return rows.compactMap { row in
            guard let patient = patients[row.patient_id], let implant = try? JSONCoding.decode(Implant.self, row.implant),
                  let refill = try? JSONCoding.decode(PumpRefill.self, row.refill) else { return nil }
            return DueRefill(patient: patient, implantID: row.implant_id, implant: implant, refill: refill)
        }
    }
}
