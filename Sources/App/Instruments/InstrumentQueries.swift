import Fluent
import Foundation
import ReliefCore
import SQLKit
import Vapor

/// Questionnaire responses and the practice's licensed wording, callable without HTTP. A response is saved in
/// one transaction with its audit row and the alerts its answers raise (PHQ-9 item 9).
public enum InstrumentQueries {
    /// A response as lists, the chart and trends show it.
    struct ResponseRow: Decodable {
        let id: UUID
        let instrument: String
        let score: Double
        let band: String?
        let completedOn: String
        let enteredVia: String

        enum CodingKeys: String, CodingKey {
            case id, instrument, score, band
            case completedOn = "completed_on"
            case enteredVia = "entered_via"
        }

        var scored: ScoredResponse? { CalendarDate(completedOn).map { ScoredResponse(completedOn: $0, score: score) } }
    }

    /// The patient's responses that are not entered in error, oldest first.
    static func responses(patientID: UUID, on database: any Database) async throws -> [ResponseRow] {
        try await database.sql.select().columns("id", "instrument", "score", "band", "completed_on", "entered_via")
            .from(InstrumentResponse.schema)
            .where("patient_id", .equal, patientID).where("deleted_at", .is, SQLLiteral.null)
            .orderBy("completed_on").orderBy("created_at")
            .all(decoding: ResponseRow.self)
    }

    static func find(_ id: UUID, patientID: UUID, on database: any Database) async throws -> InstrumentResponse? {
        try await InstrumentResponse.query(on: database).filter(\.$id == id).filter(\.$patientID == patientID).first()
    }

    static func record(_ submission: InstrumentSubmission, patientID: UUID, via: InstrumentResponse.EnteredVia, by user: UUID?,
                       now: Date, on database: any Database, audit: @escaping TransactionalAudit) async throws -> InstrumentResponse {
        try await database.writeTransaction { database in
            let response = try InstrumentResponse(patientID: patientID, submission, via: via, by: user, now: now)
            try await response.create(on: database)
            try await audit(AuditEntry(action: .recordCreate, resourceType: "QuestionnaireResponse", resourceID: response.id!.uuidString,
                                       patientID: patientID, detail: "\(submission.instrument) via \(via.rawValue)"), database)
            for rule in submission.score.alerts {
                let alert = ChartAlert(patientID: patientID, kind: ChartAlertKind.instrument, code: rule.linkId, message: rule.message,
                                       sourceType: "QuestionnaireResponse", sourceID: response.id!, by: user, now: now)
                try await alert.create(on: database)
                try await audit(AuditEntry(action: .alertRaise, resourceType: "ChartAlert", resourceID: alert.id!.uuidString,
                                           patientID: patientID, detail: rule.linkId), database)
            }
            return response
        }
    }

    /// Marks the response entered in error if it is still at `version`; false when someone did so first.
    static func enterInError(_ response: InstrumentResponse, from version: Int, reason: String, by user: UUID, now: Date,
                             on database: any Database, audit: @escaping TransactionalAudit) async throws -> Bool {
        try await database.writeTransaction { database in
            guard response.deletedAt == nil,
                  try await RecordVersion.claim(InstrumentResponse.schema, id: response.id!, expected: version, on: database) else { return false }
            response.version = version + 1
            response.deletedAt = now
            response.deletedBy = user
            response.deletedReason = reason
            try await response.update(on: database)
            try await audit(AuditEntry(action: .recordEnteredInError, resourceType: "QuestionnaireResponse",
                                       resourceID: response.id!.uuidString, patientID: response.patientID, detail: reason), database)
            return true
        }
    }

    // MARK: - Licensed wording

    /// Every instrument with the practice's imported wording applied where there is one.
    static func definitions(on database: any Database) async throws -> [InstrumentDefinition] {
        let rows = try await database.sql.select().columns("wording").from("instrument_wordings").all(decoding: WordingRow.self)
        let wordings = try rows.map { try JSONCoding.decode(LicensedWording.self, $0.wording) }
        return InstrumentCatalogue.all.map { definition in definition.applying(wordings.first { $0.instrument == definition.id }) }
    }

    static func definition(_ id: String, on database: any Database) async throws -> InstrumentDefinition? {
        try await definitions(on: database).first { $0.id == id }
    }

    private struct WordingRow: Decodable { let wording: String }

    /// Stores checked wording, replacing an earlier import of the same instrument.
    static func importWording(_ wording: LicensedWording, now: Date, on database: any Database) async throws {
        let text = try JSONCoding.encode(wording)
        try await database.writeTransaction { database in
            try await database.sql.delete(from: "instrument_wordings").where("instrument", .equal, wording.instrument).run()
            try await database.sql.insert(into: "instrument_wordings").columns("instrument", "wording", "imported_at")
                .values(SQLBind(wording.instrument), SQLBind(text), SQLBind(now)).run()
        }
    }
}

extension InstrumentQueries {
    /// `relief instruments import FILE`: checks the wording against the shipped scoring, stores it, audits it.
    /// Returns the instrument's title; throws the problem in words when the file does not fit.
    public static func importFromCommandLine(_ data: Data, on app: Application) async throws -> String {
        let wording = try LicensedWording.read(data)
        try await importWording(wording, now: app.config.now(), on: app.db)
        let entry = AuditEntry(action: .wordingImport, resourceType: "Questionnaire", resourceID: wording.instrument,
                               detail: "\(wording.items.count) items", userEmail: "command line")
        try await AuditRow.insert([AuditRow(entry, at: app.config.now(), actor: nil, ip: nil, userAgent: UserDirectory.commandLineAgent)],
                                  on: app.db)
        return wording.title ?? InstrumentCatalogue.definition(wording.instrument)?.title ?? wording.instrument
    }

    /// `relief instruments list`: each instrument, whether its wording ships, is imported, or is still missing.
    public static func listFromCommandLine(on app: Application) async throws -> [(id: String, title: String, wording: String)] {
        try await definitions(on: app.db).map { definition in
            let state = definition.wording == .shipped ? "shipped"
                : definition.hasWording ? "imported" : "not imported (values only)"
            return (definition.id, definition.title, state)
        }
    }
}
