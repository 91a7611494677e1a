import Fluent
import Foundation
import ReliefCore
import SQLKit

/// Bulk Data exports as rows: asked for, claimed by one instance (taken back by another when its heartbeat stops),
/// their progress, finished with their files, failed, or cancelled.
enum FHIRExportQueries {
    struct Job: Decodable, Sendable {
        let id: UUID
        let requested_by: UUID
        let request_url: String
        let request: String
        let status: String
        let progress: String
        let output: String
        let error: String?
        let transaction_time: Date
        let created_at: Date
        let finished_at: Date?

        var requestedBy: UUID { requested_by }
        var parsedRequest: FHIRExportRequest? { try? JSONCoding.decode(FHIRExportRequest.self, request) }
        var files: [FileEntry] { (try? JSONCoding.decode([FileEntry].self, output)) ?? [] }
    }

    /// One NDJSON file of a finished export.
    struct FileEntry: Codable, Sendable {
        let type: String
        let name: String
        let count: Int
    }

    /// A running export whose instance has not reported for this long is taken over by another.
    static let staleAfter: TimeInterval = 120
    static let columns = "id, requested_by, request_url, request, status, progress, output, error, transaction_time, created_at, finished_at"

    static func create(_ request: FHIRExportRequest, url: String, by user: UUID, now: Date, on database: any Database) async throws -> UUID {
        let id = UUID()
        try await database.sql.insert(into: "fhir_exports")
            .columns("id", "requested_by", "request_url", "request", "status", "progress", "output", "transaction_time", "created_at")
            .values(SQLBind(id), SQLBind(user), SQLBind(url), SQLBind(try JSONCoding.encode(request)), SQLBind("accepted"), SQLBind("Waiting to start"),
                    SQLBind("[]"), SQLBind(now), SQLBind(now))
            .run()
        return id
    }

    static func find(_ id: UUID, on database: any Database) async throws -> Job? {
        try await database.sql.raw("SELECT \(unsafeRaw: columns) FROM fhir_exports WHERE id = \(bind: id)").first(decoding: Job.self)
    }

    /// Takes the oldest export waiting, or one whose instance stopped reporting; nil when none is.
    static func claim(now: Date, on database: any Database) async throws -> Job? {
        try await database.sql.raw("""
            UPDATE fhir_exports SET status = 'running', heartbeat_at = \(bind: now), progress = 'Starting'
            WHERE id IN (SELECT id FROM fhir_exports WHERE status = 'accepted'
                             OR (status = 'running' AND heartbeat_at < \(bind: now.addingTimeInterval(-staleAfter)))
                         ORDER BY created_at LIMIT 1)
              AND (status = 'accepted' OR heartbeat_at < \(bind: now.addingTimeInterval(-staleAfter)))
            RETURNING \(unsafeRaw: columns)
            """).first(decoding: Job.self)
    }

    /// Reports progress, which keeps the claim; false when the export was cancelled (or taken over) meanwhile.
    static func heartbeat(_ id: UUID, progress: String, now: Date, on database: any Database) async throws -> Bool {
        try await database.sql.raw("""
            UPDATE fhir_exports SET progress = \(bind: progress), heartbeat_at = \(bind: now) WHERE id = \(bind: id) AND status = 'running' RETURNING id
            """).first() != nil
    }

    static func finish(_ id: UUID, files: [FileEntry], now: Date, on database: any Database) async throws -> Bool {
        try await database.sql.raw("""
            UPDATE fhir_exports SET status = 'completed', progress = 'Done', output = \(bind: try JSONCoding.encode(files)), finished_at = \(bind: now)
            WHERE id = \(bind: id) AND status = 'running' RETURNING id
            """).first() != nil
    }

    static func fail(_ id: UUID, error: String, now: Date, on database: any Database) async throws {
        try await database.sql.update("fhir_exports").set("status", to: "failed").set("error", to: error).set("finished_at", to: now)
            .where("id", .equal, id).where("status", .equal, "running").run()
    }

    /// Cancels an export waiting or running, or withdraws a finished one's files; false when it was already.
    static func cancel(_ id: UUID, now: Date, on database: any Database) async throws -> Bool {
        try await database.sql.raw("""
            UPDATE fhir_exports SET status = 'cancelled', finished_at = \(bind: now)
            WHERE id = \(bind: id) AND status IN ('accepted', 'running', 'completed', 'failed') RETURNING id
            """).first() != nil
    }

    /// Finished exports older than `age`, whose files go.
    static func expire(olderThan age: TimeInterval, now: Date, on database: any Database) async throws -> [UUID] {
        struct Row: Decodable { let id: UUID }
        return try await database.sql.raw("""
            UPDATE fhir_exports SET status = 'expired' WHERE status IN ('completed', 'failed') AND finished_at < \(bind: now.addingTimeInterval(-age))
            RETURNING id
            """).all(decoding: Row.self).map(\.id)
    }

    /// The patients an export reads, a batch at a time in id order after `after`: every patient, or a group's members.
    static func patientBatch(_ request: FHIRExportRequest, after: UUID?, limit: Int, on database: any Database) async throws -> [PatientRecord] {
        var conditions: [SQLQueryString] = ["p.deleted_at IS NULL"]
        if let after { conditions.append("p.id > \(bind: after)") }
        if request.level == .group, let group = request.groupID {
            conditions.append("p.id IN (SELECT patient_id FROM procedure_records WHERE status = 'signed' AND intervention = \(bind: group))")
        }
        let whereClause = conditions.dropFirst().reduce(conditions[0]) { $0 + " AND " + $1 }
        return try await database.sql.raw("SELECT p.* FROM patients p WHERE \(whereClause) ORDER BY p.id LIMIT \(unsafeRaw: String(limit))")
            .all(decoding: PatientRecord.self)
    }

    static func patientCount(_ request: FHIRExportRequest, on database: any Database) async throws -> Int {
        struct Row: Decodable { let count: Int }
        if request.level == .group, let group = request.groupID {
            return try await database.sql.raw("""
                SELECT COUNT(DISTINCT patient_id) AS count FROM procedure_records WHERE status = 'signed' AND intervention = \(bind: group)
                """).first(decoding: Row.self)?.count ?? 0
        }
        return try await database.sql.raw("SELECT COUNT(*) AS count FROM patients WHERE deleted_at IS NULL").first(decoding: Row.self)?.count ?? 0
    }
}
