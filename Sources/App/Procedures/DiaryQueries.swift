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

    /// A signed block with its diary so far.
    struct Context {
        let procedure: ProcedureQueries.Signed
        let diary: Stored?

        /// Why no entry is taken any more, if so.
        func closed(today: CalendarDate) -> String? {
            if let closedAt = diary?.closedAt { return "The diary was closed on \(CalendarDate(closedAt).display): entries after it are not taken." }
            let last = BlockDiary.lastDay(after: procedure.appointment.date)
            return today > last ? "The diary closed at the end of \(last.display): entries after it are not taken." : nil
        }

        /// What the diary as stored (or `entries`, about to be) reads as under the practice's criteria.
        func reading(of entries: BlockDiary? = nil, on database: any Database) async throws -> DiaryReading {
            (entries ?? diary?.diary ?? BlockDiary()).reading(painBefore: procedure.note.painBefore, medications: procedure.note.medications,
                                                              criteria: try await PracticeSettings.criteria(on: database))
        }
    }

    /// The diary of a signed procedure, or nil when its intervention is not judged by one.
    static func context(_ procedure: ProcedureQueries.Signed, on database: any Database) async throws -> Context? {
        guard BlockDiary.applies(to: procedure.site.intervention) else { return nil }
        return Context(procedure: procedure, diary: try await stored(procedureID: procedure.record.id, on: database))
    }

    /// What became of entries sent by a nurse or by the patient's link.
    enum Submission {
        case saved(DiaryReading)
        case closed(String)
        case invalid([String: String])
        /// Someone saved or closed the diary meanwhile.
        case stale
    }

    /// Reads `fields` (`pain.15` … and `version`) into the diary and saves it, closing it when `close`.
    static func submit(_ fields: FormFields, to context: Context, close: Bool, by user: UUID?, today: CalendarDate, now: Date,
                       on database: any Database, audit: @escaping TransactionalAudit) async throws -> Submission {
        if let closed = context.closed(today: today) { return .closed(closed) }
        let (parsed, problems) = (context.diary?.diary ?? BlockDiary()).parse(fields, today: today)
        guard let diary = parsed else { return .invalid(problems) }
        let reading = try await context.reading(of: diary, on: database)
        let saved = try await save(diary, reading: reading, close: close, procedureID: context.procedure.record.id, patientID: context.procedure.patient.id,
                                   from: Int(fields["version"]) ?? -1, by: user, now: now, on: database, audit: audit)
        return saved ? .saved(reading) : .stale
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

    /// The patient's diagnostic blocks judged so far: here by their diaries, elsewhere by the relief recorded for them.
    static func blockResults(patientID: UUID, on database: any Database) async throws -> [BlockResult] {
        try await blockResults(patientIDs: [patientID], on: database)[patientID] ?? []
    }

    /// Several patients' diagnostic blocks, by patient, in two queries.
    static func blockResults(patientIDs: [UUID], on database: any Database) async throws -> [UUID: [BlockResult]] {
        struct Row: Decodable { let patient_id: UUID, performed_on: String, content: String, sustained: Double, positive: Int }
        var results: [UUID: [BlockResult]] = [:]
        let here = try await database.sql.raw("""
            SELECT d.patient_id, r.performed_on, r.content, d.sustained, d.positive FROM block_diaries d JOIN procedure_records r ON r.id = d.procedure_id
            WHERE d.patient_id IN \(SQLGroupExpression(patientIDs.map { SQLBind($0) })) AND d.positive IS NOT NULL AND d.sustained IS NOT NULL
            """).all(decoding: Row.self)
        for row in here {
            guard let date = CalendarDate(row.performed_on), let site = (try? JSONCoding.decode(ProcedureNote.self, row.content))?.site else { continue }
            results[row.patient_id, default: []].append(BlockResult(date: date, site: site, sustained: row.sustained, positive: row.positive == 1))
        }
        let criteria = try await PracticeSettings.criteria(on: database)
        struct Entry: Decodable { let patient_id: UUID, content: String }
        let elsewhere = try await database.sql.select().columns("patient_id", "content").from(ChartEntry.schema).where("patient_id", .in, patientIDs)
            .where("kind", .equal, ChartEntryKind.priorProcedure.rawValue).where("deleted_at", .is, SQLLiteral.null).orderBy("created_at", .descending)
            .all(decoding: Entry.self)
        for row in elsewhere {
            guard let entry = try? JSONCoding.decode(PriorProcedureEntry.self, row.content), let result = BlockResult(entry, criteria: criteria) else { continue }
            results[row.patient_id, default: []].append(result)
        }
        return results
    }

    /// Saves the entries (and closes the diary when `close`) if still at `version` (0: none yet) and open; false when
    /// it changed or closed meanwhile.
    private static func save(_ diary: BlockDiary, reading: DiaryReading, close: Bool, procedureID: UUID, patientID: UUID, from version: Int, by user: UUID?,
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
