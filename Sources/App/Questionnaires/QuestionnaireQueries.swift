import Fluent
import Foundation
import ReliefCore
import SQLKit
import Vapor

/// Questionnaire responses and the practice's licensed wording, callable without HTTP. A response is saved in
/// one transaction with its audit row and the alerts its answers raise (PHQ-9 item 9).
public enum QuestionnaireQueries {
    /// A response as lists, the chart and trends show it.
    struct ResponseRow: Decodable {
        let id: UUID
        let questionnaire: String
        let score: Double
        let band: String?
        let completedOn: String
        let enteredVia: String

        enum CodingKeys: String, CodingKey {
            case id, score, band
            case questionnaire = "instrument"  // the column keeps its first name
            case completedOn = "completed_on"
            case enteredVia = "entered_via"
        }

        var scored: ScoredResponse? { CalendarDate(completedOn).map { ScoredResponse(completedOn: $0, score: score) } }
    }

    /// One questionnaire's course over the patient's answers: baseline, latest and the change the practice counts.
    struct Course {
        let definition: QuestionnaireDefinition
        /// Oldest first.
        let responses: [ResponseRow]
        let course: QuestionnaireCourse
        let difference: DifferenceSettings.Used?
    }

    /// One course per questionnaire the patient has answered, in catalogue order; for the chart, its pages and the API.
    static func courses(_ definitions: [QuestionnaireDefinition], _ responses: [ResponseRow], differences: DifferenceSettings) -> [Course] {
        definitions.compactMap { definition in
            let own = responses.filter { $0.questionnaire == definition.id }
            let difference = differences.used(for: definition)
            guard let course = QuestionnaireCourse(definition, own.compactMap(\.scored), minimalImportantDifference: difference?.value) else {
                return nil
            }
            return Course(definition: definition, responses: own, course: course, difference: difference)
        }
    }

    /// The patient's responses that are not entered in error, oldest first.
    static func responses(patientID: UUID, on database: any Database) async throws -> [ResponseRow] {
        try await database.sql.select().columns("id", "instrument", "score", "band", "completed_on", "entered_via")
            .from(QuestionnaireResponse.schema)
            .where("patient_id", .equal, patientID).where("deleted_at", .is, SQLLiteral.null)
            .orderBy("completed_on").orderBy("created_at")
            .all(decoding: ResponseRow.self)
    }

    /// The patient's responses as stored, answers included, oldest first: the API answers them.
    static func records(patientID: UUID, on database: any Database) async throws -> [QuestionnaireResponse] {
        try await QuestionnaireResponse.query(on: database).filter(\.$patientID == patientID).filter(\.$deletedAt == nil)
            .sort(\.$completedOn).sort(\.$createdAt).all()
    }

    static func find(_ id: UUID, patientID: UUID, on database: any Database) async throws -> QuestionnaireResponse? {
        try await QuestionnaireResponse.query(on: database).filter(\.$id == id).filter(\.$patientID == patientID).first()
    }

    static func record(_ submission: QuestionnaireSubmission, patientID: UUID, via: QuestionnaireResponse.EnteredVia, by user: UUID?,
                       now: Date, on database: any Database, audit: @escaping TransactionalAudit) async throws -> QuestionnaireResponse {
        try await database.writeTransaction { database in
            let response = try QuestionnaireResponse(patientID: patientID, submission, via: via, by: user, now: now)
            try await response.create(on: database)
            try await audit(AuditEntry(action: .recordCreate, resourceType: "QuestionnaireResponse", resourceID: (try response.requireID()).uuidString,
                                       patientID: patientID, detail: "\(submission.questionnaire) via \(via.rawValue)"), database)
            for rule in submission.score.alerts {
                let alert = ChartAlert(patientID: patientID, kind: ChartAlertKind.questionnaire, code: rule.linkId, message: rule.message,
                                       sourceType: "QuestionnaireResponse", sourceID: try response.requireID(), by: user, now: now)
                try await alert.create(on: database)
                try await audit(AuditEntry(action: .alertRaise, resourceType: "ChartAlert", resourceID: (try alert.requireID()).uuidString,
                                           patientID: patientID, detail: rule.linkId), database)
            }
            return response
        }
    }

    /// Marks the response entered in error if it is still at `version`; false when someone did so first.
    static func enterInError(_ response: QuestionnaireResponse, from version: Int, reason: String, by user: UUID, now: Date,
                             on database: any Database, audit: @escaping TransactionalAudit) async throws -> Bool {
        try await database.writeTransaction { database in
            guard response.deletedAt == nil,
                  try await RecordVersion.claim(QuestionnaireResponse.schema, id: try response.requireID(), expected: version, on: database) else { return false }
            response.version = version + 1
            response.deletedAt = now
            response.deletedBy = user
            response.deletedReason = reason
            try await response.update(on: database)
            try await audit(AuditEntry(action: .recordEnteredInError, resourceType: "QuestionnaireResponse",
                                       resourceID: (try response.requireID()).uuidString, patientID: response.patientID, detail: reason), database)
            return true
        }
    }

    // MARK: - Licensed wording

    /// Every questionnaire: Relief's, with the practice's licensed wording applied where there is one, then those the
    /// practice imported from FHIR.
    static func definitions(on database: any Database) async throws -> [QuestionnaireDefinition] {
        try await definitionsWithVersion(on: database).definitions
    }

    /// The same, with the version and last change of the practice's imports (a served Questionnaire's `meta`).
    static func definitionsWithVersion(on database: any Database) async throws -> (definitions: [QuestionnaireDefinition], version: Int, updated: Date) {
        let rows = try await database.sql.select().columns("wording").from("instrument_wordings").all(decoding: WordingRow.self)
        let wordings = try rows.map { try JSONCoding.decode(LicensedWording.self, $0.wording) }
        let (imported, version, updated) = try await importedQuestionnaires(on: database)
        let own = QuestionnaireCatalogue.all.map { definition in definition.applying(wordings.first { $0.questionnaire == definition.id }) }
        return (own + imported.map(\.definition), version, updated)
    }

    static func importedQuestionnaires(on database: any Database) async throws -> ([ImportedQuestionnaire], version: Int, updated: Date) {
        try await PracticeSettings.stored(PracticeSettings.questionnaires, as: [ImportedQuestionnaire].self, on: database) ?? ([], 0, Date(timeIntervalSince1970: 0))
    }

    static func definition(_ id: String, on database: any Database) async throws -> QuestionnaireDefinition? {
        try await definitions(on: database).first { $0.id == id }
    }

    private struct WordingRow: Decodable { let wording: String }

    /// Stores checked wording, replacing an earlier import of the same questionnaire.
    static func importWording(_ wording: LicensedWording, now: Date, on database: any Database) async throws {
        let text = try JSONCoding.encode(wording)
        try await database.writeTransaction { database in
            try await database.sql.delete(from: "instrument_wordings").where("instrument", .equal, wording.questionnaire).run()
            try await database.sql.insert(into: "instrument_wordings").columns("instrument", "wording", "imported_at")
                .values(SQLBind(wording.questionnaire), SQLBind(text), SQLBind(now)).run()
        }
    }
}

extension QuestionnaireQueries {
    /// Imports a FHIR Questionnaire as an instrument the practice can hand out: nil with the errors when it cannot be
    /// scored; otherwise the instrument with what Relief left out. The same questionnaire (URL and version) imported
    /// again is the one already there, unchanged.
    static func importQuestionnaire(_ json: JSONValue, by user: UUID?, now: Date, on database: any Database,
                                    audit: @escaping TransactionalAudit) async throws -> (ImportedQuestionnaire?, [FHIRIssue]) {
        let (imported, version, _) = try await importedQuestionnaires(on: database)
        let taken = Set(QuestionnaireCatalogue.all.map(\.id) + imported.map(\.id))
        let (read, issues) = FHIRQuestionnaire.importing(json, taken: taken)
        guard let read else { return (nil, issues) }
        if let same = imported.first(where: { $0.identity == read.identity }) {
            return (same, [FHIRIssue("Questionnaire", "Imported already, as \(same.id); left as it was.", severity: .warning)])
        }
        let url = read.url
        guard try await PracticeSettings.save(imported + [read], from: version, by: user, now: now, on: database, audit: audit) else {
            throw Abort(.conflict, reason: "Another questionnaire was imported at the same moment; send it again.")
        }
        try await audit(AuditEntry(action: .questionnaireImport, resourceType: "Questionnaire", resourceID: read.id,
                                   detail: "\(read.items.count) items from \(url ?? "a file"); \(issues.count) not kept"), database)
        return (read, issues)
    }

    /// `relief questionnaires import FILE`: checks the wording against the shipped scoring, stores it, audits it.
    /// Returns the questionnaire's title; throws the problem in words when the file does not fit.
    public static func importFromCommandLine(_ data: Data, on app: Application) async throws -> String {
        if let json = try? JSONDecoder().decode(JSONValue.self, from: data), json.object?["resourceType"]?.string == "Questionnaire" {
            return try await importFHIRFromCommandLine(json, on: app)
        }
        let wording = try LicensedWording.read(data)
        try await importWording(wording, now: app.config.now(), on: app.db)
        let entry = AuditEntry(action: .wordingImport, resourceType: "Questionnaire", resourceID: wording.questionnaire,
                               detail: "\(wording.items.count) items", userEmail: "command line")
        try await AuditRow.insert([AuditRow(entry, at: app.config.now(), actor: nil, ip: nil, userAgent: UserDirectory.commandLineAgent)],
                                  on: app.db)
        return wording.title ?? QuestionnaireCatalogue.definition(wording.questionnaire)?.title ?? wording.questionnaire
    }

    /// A FHIR Questionnaire from the command line: the instrument's title and what was not kept, or the reasons it
    /// cannot be used.
    private static func importFHIRFromCommandLine(_ json: JSONValue, on app: Application) async throws -> String {
        let now = app.config.now()
        let audit: TransactionalAudit = { entry, database in
            var entry = entry
            entry.userEmail = "command line"
            try await AuditRow.insert([AuditRow(entry, at: now, actor: nil, ip: nil, userAgent: UserDirectory.commandLineAgent)], on: database)
        }
        let (imported, issues) = try await importQuestionnaire(json, by: nil, now: now, on: app.db, audit: audit)
        let lines = issues.map { "\($0.severity == .error ? "refused" : "note"): \($0.expression): \($0.message)" }
        guard let imported else { throw CommandLineImportError(message: (["The questionnaire cannot be scored."] + lines).joined(separator: "\n")) }
        return ([imported.title + " (\(imported.id))"] + lines).joined(separator: "\n")
    }

    /// `relief questionnaires list`: each questionnaire, whether its wording ships, is imported, or is still missing.
    public static func listFromCommandLine(on app: Application) async throws -> [(id: String, title: String, wording: String)] {
        try await definitions(on: app.db).map { definition in
            let state = definition.wording == .shipped ? "shipped"
                : definition.hasWording ? "imported" : "not imported (values only)"
            return (definition.id, definition.title, state)
        }
    }
}
