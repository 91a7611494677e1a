import Fluent
import Foundation
import ReliefCore
import SQLKit

/// The evaluation's database work, callable without HTTP. Every change runs in one transaction together with
/// its audit rows and the alerts it raises.
enum EvaluationQueries {
    typealias Audit = TransactionalAudit

    enum SaveOutcome {
        case saved(Evaluation)
        /// Someone saved in between, or the note was signed meanwhile.
        case conflict(Evaluation)
        case notFound
    }

    /// Opens a visit note: an encounter in progress with an empty note.
    static func start(_ start: EncounterStart, patientID: UUID, by user: UUID, now: Date, on database: any Database,
                      audit: @escaping Audit) async throws -> Evaluation {
        try await database.writeTransaction { database in
            let encounter = Encounter(patientID: patientID, kind: start.kind, status: .inProgress, on: start.occurredOn, by: user, now: now)
            try await encounter.create(on: database)
            let evaluation = try Evaluation(encounter: encounter, content: EvaluationContent(), by: user, now: now)
            try await evaluation.create(on: database)
            try await audit(AuditEntry(action: .evaluationCreate, resourceType: "Evaluation", resourceID: (try evaluation.requireID()).uuidString,
                                       patientID: patientID), database)
            return evaluation
        }
    }

    /// The patient's notes with their encounters and addenda (oldest first), in no particular order: the API's list.
    static func notes(patientID: UUID, on database: any Database) async throws -> [(Evaluation, Encounter?, [Addendum])] {
        let evaluations = try await Evaluation.query(on: database).filter(\.$patientID == patientID).filter(\.$deletedAt == nil).all()
        let encounters = try await Encounter.query(on: database).filter(\.$patientID == patientID).all()
        let addenda = try await Addendum.query(on: database).filter(\.$patientID == patientID).filter(\.$documentType == "Evaluation")
            .sort(\.$createdAt).all()
        let byID = Dictionary(encounters.compactMap { encounter in encounter.id.map { ($0, encounter) } }, uniquingKeysWith: { first, _ in first })
        return evaluations.map { evaluation in
            (evaluation, byID[evaluation.encounterID], addenda.filter { $0.documentID == evaluation.id })
        }
    }

    /// One note with its encounter and addenda.
    static func note(_ evaluation: Evaluation, on database: any Database) async throws -> (Encounter?, [Addendum]) {
        let encounter = try await Encounter.find(evaluation.encounterID, on: database)
        return (encounter, try await addenda(of: try evaluation.requireID(), on: database))
    }

    static func find(_ id: UUID, patientID: UUID, on database: any Database) async throws -> Evaluation? {
        try await Evaluation.query(on: database).filter(\.$id == id).filter(\.$patientID == patientID)
            .filter(\.$deletedAt == nil).first()
    }

    /// Saves the note if it is still at `version` and unsigned; with `sign`, signs it in the same transaction.
    static func save(_ id: UUID, patientID: UUID, from version: Int, content: EvaluationContent, sign: Bool, by user: UUID,
                     now: Date, on database: any Database, audit: @escaping Audit) async throws -> SaveOutcome {
        try await database.writeTransaction { database in
            guard let evaluation = try await find(id, patientID: patientID, on: database) else { return .notFound }
            guard !evaluation.isSigned, try await RecordVersion.claim(Evaluation.schema, id: id, expected: version, on: database) else {
                return .conflict(evaluation)
            }
            evaluation.content = try Evaluation.encode(content)
            evaluation.version = version + 1
            evaluation.updatedAt = now
            if sign {
                evaluation.signedAt = now
                evaluation.signedBy = user
            }
            try await evaluation.update(on: database)
            if let encounter = try await Encounter.find(evaluation.encounterID, on: database) {
                // A draft saved after the visit ended (its appointment completed) leaves the encounter finished.
                let ended = encounter.status == EncounterStatus.finished.rawValue
                encounter.status = (sign ? EncounterStatus.signed : ended ? .finished : .inProgress).rawValue
                encounter.updatedAt = now
                try await encounter.update(on: database)
            }
            let entry = AuditEntry(action: sign ? .evaluationSign : .evaluationUpdate, resourceType: "Evaluation",
                                   resourceID: id.uuidString, patientID: patientID)
            try await audit(entry, database)
            try await raiseRedFlags(content.positiveRedFlags, patientID: patientID, evaluationID: id, by: user, now: now,
                                    on: database, audit: audit)
            return .saved(evaluation)
        }
    }

    /// One alert per positive red flag: a flag already open is not raised twice, one a physician resolved is not
    /// raised again by the same note, and unticking a flag in a draft does not clear it — only a resolution does.
    private static func raiseRedFlags(_ flags: [RedFlag], patientID: UUID, evaluationID: UUID, by user: UUID, now: Date,
                                      on database: any Database, audit: Audit) async throws {
        guard !flags.isEmpty else { return }
        // Already raised: open alerts, and any this note raised before (a resolved flag stays resolved).
        let raised = try await ChartAlert.query(on: database).filter(\.$patientID == patientID).group(.or) { group in
            group.filter(\.$resolvedAt == nil).filter(\.$sourceID == evaluationID)
        }.all().map(\.code)
        for flag in flags where !raised.contains(flag.rawValue) {
            let alert = ChartAlert(patientID: patientID, kind: ChartAlertKind.redFlag, code: flag.rawValue,
                                   message: flag.alertMessage,
                                   sourceType: "Evaluation", sourceID: evaluationID, by: user, now: now)
            try await alert.create(on: database)
            try await audit(AuditEntry(action: .alertRaise, resourceType: "ChartAlert", resourceID: (try alert.requireID()).uuidString,
                                       patientID: patientID, detail: flag.rawValue), database)
        }
    }

    @discardableResult
    static func addAddendum(to evaluation: Evaluation, text: String, by user: UUID, now: Date, on database: any Database,
                            audit: @escaping Audit) async throws -> Addendum {
        try await database.writeTransaction { database in
            let addendum = Addendum(patientID: evaluation.patientID, documentType: "Evaluation", documentID: try evaluation.requireID(),
                                    text: text, by: user, now: now)
            try await addendum.create(on: database)
            try await audit(AuditEntry(action: .addendumCreate, resourceType: "Addendum", resourceID: (try addendum.requireID()).uuidString,
                                       patientID: evaluation.patientID, detail: "evaluation \((try evaluation.requireID()).uuidString)"), database)
            return addendum
        }
    }

    static func addenda(of documentID: UUID, on database: any Database) async throws -> [Addendum] {
        try await Addendum.query(on: database).filter(\.$documentID == documentID).sort(\.$createdAt).all()
    }

    /// An open alert as the banner and chart show it.
    struct OpenAlert: Decodable {
        let id: UUID
        let kind: String
        let code: String
        let message: String
        let raisedAt: Date

        enum CodingKeys: String, CodingKey { case id, kind, code, message, raisedAt = "raised_at" }

        var raised: PatientAlert.Raised { PatientAlert.Raised(isRedFlag: kind == ChartAlertKind.redFlag, message: message, raisedAt: raisedAt) }
    }

    /// Read through SQLKit, not Fluent: it runs on every patient page.
    static func openAlerts(patientID: UUID, on database: any Database) async throws -> [OpenAlert] {
        try await database.sql.select().columns("id", "kind", "code", "message", "raised_at").from(ChartAlert.schema)
            .where("patient_id", .equal, patientID).where("resolved_at", .is, SQLLiteral.null)
            .orderBy("raised_at").all(decoding: OpenAlert.self)
    }

    /// Closes an open alert with the physician's reason; false when it was already resolved or does not exist.
    static func resolveAlert(_ id: UUID, patientID: UUID, reason: String, by user: UUID, now: Date, on database: any Database,
                             audit: @escaping Audit) async throws -> Bool {
        try await database.writeTransaction { database in
            guard let alert = try await ChartAlert.query(on: database).filter(\.$id == id).filter(\.$patientID == patientID)
                .filter(\.$resolvedAt == nil).first(),
                try await RecordVersion.claim(ChartAlert.schema, id: id, expected: alert.version, on: database) else { return false }
            alert.version += 1
            alert.resolvedAt = now
            alert.resolvedBy = user
            alert.resolution = reason
            try await alert.update(on: database)
            try await audit(AuditEntry(action: .alertResolve, resourceType: "ChartAlert", resourceID: id.uuidString,
                                       patientID: patientID, detail: alert.code), database)
            return true
        }
    }

    /// The pain map of each evaluation, oldest encounter first, read without decoding the rest of the note.
    static func painMaps(patientID: UUID, on database: any Database) async throws -> [PainMapRow] {
        try await storedMaps(patientID: patientID, newestFirst: false, on: database).compactMap { try $0.painMap }
    }

    /// The newest pain map and how many evaluations there are to compare, for the chart: only the newest note's
    /// content is decoded.
    static func latestPainMap(patientID: UUID, on database: any Database) async throws -> (PainMapRow?, count: Int) {
        let stored = try await storedMaps(patientID: patientID, newestFirst: true, on: database)
        for row in stored {
            if let map = try row.painMap { return (map, stored.count) }
        }
        return (nil, 0)
    }

    private static func storedMaps(patientID: UUID, newestFirst: Bool, on database: any Database) async throws -> [StoredPainMap] {
        try await database.sql.raw("""
            SELECT v.id, e.occurred_on, v.content
            FROM evaluations v JOIN encounters e ON e.id = v.encounter_id
            WHERE v.patient_id = \(bind: patientID) AND v.deleted_at IS NULL AND e.deleted_at IS NULL
            ORDER BY e.occurred_on \(unsafeRaw: newestFirst ? "DESC" : "ASC"), v.created_at \(unsafeRaw: newestFirst ? "DESC" : "ASC")
            """).all(decoding: StoredPainMap.self)
    }

    struct PainMapRow {
        let evaluationID: UUID
        let occurredOn: String
        let marks: [PainMark]

        var date: String { CalendarDate(occurredOn)?.display ?? occurredOn }
    }

    private struct StoredPainMap: Decodable {
        let id: UUID
        let occurredOn: String
        let content: String

        enum CodingKeys: String, CodingKey { case id, occurredOn = "occurred_on", content }

        /// Nil when the note has no map.
        var painMap: PainMapRow? {
            get throws {
                let marks = try JSONCoding.decode(PainMapOnly.self, content).painMap ?? []
                return marks.isEmpty ? nil : PainMapRow(evaluationID: id, occurredOn: occurredOn, marks: marks)
            }
        }
    }

    /// The one key of an evaluation's content the pain map needs.
    private struct PainMapOnly: Decodable { let painMap: [PainMark]? }

    struct EncounterRow: Decodable {
        let id: UUID
        let kind: String
        let status: String
        let occurredOn: String
        let evaluationID: UUID?

        enum CodingKeys: String, CodingKey { case id, kind, status, occurredOn = "occurred_on", evaluationID = "evaluation_id" }
    }

    /// The patient's encounters, newest first, with their evaluation note's id when there is one.
    static func encounters(patientID: UUID, on database: any Database) async throws -> [EncounterRow] {
        try await database.sql.raw("""
            SELECT e.id, e.kind, e.status, e.occurred_on, v.id AS evaluation_id
            FROM encounters e LEFT JOIN evaluations v ON v.encounter_id = e.id AND v.deleted_at IS NULL
            WHERE e.patient_id = \(bind: patientID) AND e.deleted_at IS NULL
            ORDER BY e.occurred_on DESC, e.created_at DESC
            """).all(decoding: EncounterRow.self)
    }
}

enum ChartAlertKind {
    static let redFlag = "red-flag"
    /// An answer that needs attention whatever the score (PHQ-9 item 9).
    static let questionnaire = "instrument"  // as stored since the first alerts
    /// What a procedure's follow-ups call attention to (`Monitoring`).
    static let monitoring = "monitoring"
}
