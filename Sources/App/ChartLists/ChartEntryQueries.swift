import Fluent
import Foundation
import ReliefCore
import SQLKit
import Vapor

/// The chart lists' database work, callable without HTTP. Each change runs in one transaction with its audit
/// row and what follows from it: a new MME history point, "no known allergies" retired by a known allergy.
enum ChartEntryQueries {
    typealias Audit = TransactionalAudit

    enum SaveOutcome {
        case saved(ChartEntry)
        /// Someone saved in between, or the entry was marked entered in error.
        case conflict(ChartEntry)
        case notFound
    }

    /// The patient's entries of one kind, newest first, without those entered in error.
    static func entries<C: ChartEntryContent>(_ type: C.Type, patientID: UUID, on database: any Database) async throws -> [(UUID, C)] {
        try await ChartLists(rows: stored(patientID: patientID, kind: C.kind, on: database)).entries(C.self)
    }

    /// Every list of the patient in one query, for the chart page.
    static func lists(patientID: UUID, on database: any Database) async throws -> ChartLists {
        ChartLists(rows: try await stored(patientID: patientID, kind: nil, on: database))
    }

    /// The patient's entries of one kind as stored, with their versions and times, newest first: the API answers them.
    static func records(_ kind: ChartEntryKind, patientID: UUID, on database: any Database) async throws -> [ChartEntry] {
        try await ChartEntry.query(on: database).filter(\.$patientID == patientID).filter(\.$kind == kind.rawValue)
            .filter(\.$deletedAt == nil).sort(\.$createdAt, .descending).all()
    }

    /// Read through SQLKit into a plain struct: Fluent's reflection per row was most of a chart page's time.
    private static func stored(patientID: UUID, kind: ChartEntryKind?, on database: any Database) async throws -> [StoredEntry] {
        var select = database.sql.select().columns("id", "kind", "content").from(ChartEntry.schema)
            .where("patient_id", .equal, patientID).where("deleted_at", .is, SQLLiteral.null)
        if let kind { select = select.where("kind", .equal, kind.rawValue) }
        return try await select.orderBy("created_at", .descending).all(decoding: StoredEntry.self)
    }

    struct StoredEntry: Decodable {
        let id: UUID
        let kind: String
        let content: String

        enum CodingKeys: String, CodingKey { case id, kind, content }
    }

    struct ChartLists {
        let rows: [StoredEntry]

        func entries<C: ChartEntryContent>(_ type: C.Type) throws -> [(UUID, C)] {
            try rows.filter { $0.kind == C.kind.rawValue }.map { ($0.id, try JSONCoding.decode(C.self, $0.content)) }
        }
    }

    /// The entry at `id` on the patient's list, or 404. A retracted one is found only for a write (`forWrite`), so that a
    /// change racing its retraction gets the conflict answer with the user's entries, not a bare "no such entry".
    static func require(_ id: UUID?, kind: ChartEntryKind, patientID: UUID, forWrite: Bool = false,
                        on database: any Database) async throws -> ChartEntry {
        guard let id, let entry = try await find(id, kind: kind, patientID: patientID, on: database),
              forWrite || entry.deletedAt == nil else {
            throw Abort(.notFound, reason: "No such entry.")
        }
        return entry
    }

    /// An entry by its id alone (FHIR names a resource without its patient).
    static func find(_ id: UUID, kind: ChartEntryKind, on database: any Database) async throws -> ChartEntry? {
        try await ChartEntry.query(on: database).filter(\.$id == id).filter(\.$kind == kind.rawValue).first()
    }

    static func find(_ id: UUID, kind: ChartEntryKind, patientID: UUID, on database: any Database) async throws -> ChartEntry? {
        try await ChartEntry.query(on: database).filter(\.$id == id).filter(\.$patientID == patientID)
            .filter(\.$kind == kind.rawValue).first()
    }

    static func create<C: ChartEntryContent>(_ content: C, patientID: UUID, by user: UUID, now: Date, on database: any Database,
                                             audit: @escaping Audit) async throws -> ChartEntry {
        try await database.writeTransaction { database in
            let entry = try ChartEntry(patientID: patientID, content: content, by: user, now: now)
            try await entry.create(on: database)
            try await audit(AuditEntry(action: .recordCreate, resourceType: C.kind.resourceType, resourceID: (try entry.requireID()).uuidString,
                                       patientID: patientID, detail: content.code), database)
            try await afterChange(C.self, changed: content, patientID: patientID, by: user, now: now, on: database, audit: audit)
            return entry
        }
    }

    /// Saves the entry if it is still at `version` and not entered in error.
    static func update<C: ChartEntryContent>(_ id: UUID, patientID: UUID, from version: Int, content: C, by user: UUID, now: Date,
                                             on database: any Database, audit: @escaping Audit) async throws -> SaveOutcome {
        try await database.writeTransaction { database in
            guard let entry = try await find(id, kind: C.kind, patientID: patientID, on: database) else { return .notFound }
            guard entry.deletedAt == nil,
                  try await RecordVersion.claim(ChartEntry.schema, id: id, expected: version, on: database) else { return .conflict(entry) }
            entry.version = version + 1
            // A form edit does not carry the codes an import brought; they stay while the entry is about the same thing.
            let stored: C? = try? entry.decoded()
            try entry.set(stored.map { content.keepingSourceCodings(of: $0) } ?? content, by: user, now: now)
            try await entry.update(on: database)
            try await audit(AuditEntry(action: .recordUpdate, resourceType: C.kind.resourceType, resourceID: id.uuidString,
                                       patientID: patientID, detail: "\(content.code) \(content.status)"), database)
            try await afterChange(C.self, changed: content, patientID: patientID, by: user, now: now, on: database, audit: audit)
            return .saved(entry)
        }
    }

    /// Takes an entry off the chart with the reason; the row stays, with who removed it and why.
    static func enterInError<C: ChartEntryContent>(_ type: C.Type, _ id: UUID, patientID: UUID, from version: Int, reason: String,
                                                   by user: UUID, now: Date, on database: any Database,
                                                   audit: @escaping Audit) async throws -> SaveOutcome {
        try await database.writeTransaction { database in
            guard let entry = try await find(id, kind: C.kind, patientID: patientID, on: database) else { return .notFound }
            guard entry.deletedAt == nil,
                  try await RecordVersion.claim(ChartEntry.schema, id: id, expected: version, on: database) else { return .conflict(entry) }
            entry.version = version + 1
            entry.deletedAt = now
            entry.deletedBy = user
            entry.deletedReason = reason
            try await entry.update(on: database)
            try await audit(AuditEntry(action: .recordEnteredInError, resourceType: C.kind.resourceType, resourceID: id.uuidString,
                                       patientID: patientID, detail: reason), database)
            try await afterChange(C.self, changed: nil, patientID: patientID, by: user, now: now, on: database, audit: audit)
            return .saved(entry)
        }
    }

    /// The patient's MME history, oldest first.
    static func mmeHistory(patientID: UUID, on database: any Database) async throws -> [MMERecord] {
        try await MMERecord.query(on: database).filter(\.$patientID == patientID).sort(\.$recordedAt).all()
    }

    // MARK: - What follows from a change

    /// Entries the change retires (`ChartEntryContent.retiring`), and for medications a new MME history point.
    private static func afterChange<C: ChartEntryContent>(_ type: C.Type, changed: C?, patientID: UUID, by user: UUID, now: Date,
                                                          on database: any Database, audit: Audit) async throws {
        let current = try await entries(C.self, patientID: patientID, on: database)
        if let changed {
            for (id, other) in current {
                guard let retired = changed.retiring(other), let entry = try await find(id, kind: C.kind, patientID: patientID, on: database),
                      try await RecordVersion.claim(ChartEntry.schema, id: id, expected: entry.version, on: database) else { continue }
                entry.version += 1
                try entry.set(retired, by: user, now: now)
                try await entry.update(on: database)
                try await audit(AuditEntry(action: .recordUpdate, resourceType: C.kind.resourceType, resourceID: id.uuidString,
                                           patientID: patientID, detail: "\(retired.code) \(retired.status): superseded by a new entry"),
                                database)
            }
        }
        if let medications = current.map(\.1) as? [MedicationEntry] {
            try await recordMME(OpioidSummary(medications), patientID: patientID, by: user, now: now, on: database)
        }
    }

    /// A new history point when the total, or what it is made of, changed; none while the patient never had an opioid.
    private static func recordMME(_ summary: OpioidSummary, patientID: UUID, by user: UUID, now: Date, on database: any Database) async throws {
        let record = MMERecord(patientID: patientID, summary: summary, by: user, now: now)
        let last = try await MMERecord.query(on: database).filter(\.$patientID == patientID).sort(\.$recordedAt, .descending).first()
        if let last {
            guard last.total != record.total || last.incomplete != record.incomplete || last.detail != record.detail else { return }
        } else if record.detail.isEmpty {
            return
        }
        try await record.create(on: database)
    }
}
