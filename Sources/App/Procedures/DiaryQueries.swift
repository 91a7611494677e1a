import Fluent
import Foundation
import ReliefCore
import SQLKit

/// A diagnostic block's diary: read, its entries saved under their version with what they now read as, and closed.
enum DiaryQueries {
    struct Stored: Decodable, Sendable {
        let pains: String
        let sustained: Double?
        let positive: Int?
        let closedAt: Date?
        let version: Int

        enum CodingKeys: String, CodingKey { case pains, sustained, positive, closedAt = "closed_at", version }

        var diary: BlockDiary { (try? JSONCoding.decode(BlockDiary.self, pains)) ?? BlockDiary() }
    }

    static func stored(procedureID: UUID, on database: any Database) async throws -> Stored? {
        try await database.sql.select().columns("pains", "sustained", "positive", "closed_at", "version").from("block_diaries")
            .where("procedure_id", .equal, procedureID).first(decoding: Stored.self)
    }

    /// The relief each of the patient's diaries held, by procedure record (what the rules read as the block's relief).
    static func held(patientID: UUID, on database: any Database) async throws -> [UUID: Double] {
        struct Row: Decodable { let procedure_id: UUID, sustained: Double? }
        return try await database.sql.select().columns("procedure_id", "sustained").from("block_diaries").where("patient_id", .equal, patientID)
            .all(decoding: Row.self).reduce(into: [:]) { $0[$1.procedure_id] = $1.sustained }
    }

    /// Saves the entries (and closes the diary when `close`) if still at `version` (0: none yet) and open; false when
    /// it changed or closed meanwhile.
    static func save(_ diary: BlockDiary, reading: DiaryReading, close: Bool, procedureID: UUID, patientID: UUID, from version: Int, by user: UUID,
                     now: Date, on database: any Database, audit: @escaping TransactionalAudit) async throws -> Bool {
        try await database.writeTransaction { database in
            let pains = try JSONCoding.encode(diary), positive = reading.positive.map { $0 ? 1 : 0 }
            if version == 0 {
                guard try await stored(procedureID: procedureID, on: database) == nil else { return false }
                try await database.sql.insert(into: "block_diaries")
                    .columns("procedure_id", "patient_id", "pains", "sustained", "positive", "closed_at", "updated_at", "updated_by", "version")
                    .values(SQLBind(procedureID), SQLBind(patientID), SQLBind(pains), SQLBind(reading.sustained), SQLBind(positive),
                            SQLBind(close ? now : nil), SQLBind(now), SQLBind(user), SQLBind(1))
                    .run()
            } else {
                let rows = try await database.sql.update("block_diaries").set("pains", to: pains).set("sustained", to: reading.sustained)
                    .set("positive", to: positive).set("closed_at", to: close ? now : nil).set("updated_at", to: now).set("updated_by", to: user)
                    .set("version", to: version + 1)
                    .where("procedure_id", .equal, procedureID).where("version", .equal, version).where("closed_at", .is, SQLLiteral.null)
                    .returning("version").all()
                guard !rows.isEmpty else { return false }
            }
            try await audit(AuditEntry(action: .recordUpdate, resourceType: "BlockDiary", resourceID: procedureID.uuidString, patientID: patientID,
                                       detail: (close ? "closed: " : "") + reading.summary), database)
            return true
        }
    }
}
