import Fluent
import Foundation
import ReliefCore
import Vapor

/// Questionnaire responses in the JSON API: answers by item `linkId`, scored by the same engine as the form, with
/// each questionnaire's course since baseline judged against the practice's minimal important difference.
enum QuestionnairesAPI {
    struct Answered: Encodable {
        let id: UUID
        let questionnaire: String
        let version: Int
        let completedOn: String
        let enteredVia: String
        let fields: [String: JSONValue]
        let score: Double
        let band: String?
        let bandLabel: String?
        let subscores: [String: Double]
        let answered: Int
        let missing: Int
        let createdAt: Date

        init(_ response: QuestionnaireResponse, _ definition: QuestionnaireDefinition) throws {
            id = try response.requireID()
            questionnaire = response.questionnaire
            version = response.version
            completedOn = response.completedOn
            enteredVia = response.enteredVia
            var form = FormFields(try response.decodedAnswers().map { ($0.key, String($0.value)) })
            form.set(QuestionnaireSubmission.completedOnField, response.completedOn)
            fields = definition.schema.json(form)
            score = response.score
            band = response.band
            bandLabel = response.band.flatMap(definition.band(id:))?.label
            subscores = try JSONCoding.decode([String: Double].self, response.subscores)
            answered = response.answered
            missing = response.missing
            createdAt = response.createdAt
        }
    }

    struct Course: Encodable {
        let questionnaire: String
        let baseline: Double
        let baselineOn: String
        let latest: Double
        let latestOn: String
        let change: Double?
        let verdict: String?
        let minimalImportantDifference: Double?
    }

    struct List: Encodable {
        let responses: [Answered]
        let courses: [Course]
    }

    struct Write: Decodable {
        let questionnaire: String
        let fields: [String: JSONValue]
    }

    static let schemas: [(String, APISchema)] = [
        ("QuestionnaireResponse", .record([
            ("id", .uuid), ("questionnaire", .text), ("version", .integer), ("completedOn", .date),
            ("enteredVia", .string(choices: ["staff", "kiosk"])),
            ("fields", .map(.integer, known: [(QuestionnaireSubmission.completedOnField, .date)])), ("score", .number),
            ("band", .nullable(.text)), ("bandLabel", .nullable(.text)), ("subscores", .map(.number)), ("answered", .integer),
            ("missing", .integer), ("createdAt", .dateTime),
        ])),
        ("QuestionnaireCourse", .record([
            ("questionnaire", .text), ("baseline", .number), ("baselineOn", .date), ("latest", .number), ("latestOn", .date),
            ("change", .nullable(.number)), ("verdict", .nullable(.string(choices: ["improved", "worsened", "unchanged", "notJudged"]))),
            ("minimalImportantDifference", .nullable(.number)),
        ])),
        ("QuestionnaireResponseList", .record([("responses", .array(.ref("QuestionnaireResponse"))), ("courses", .array(.ref("QuestionnaireCourse")))])),
        ("QuestionnaireResponseWrite", .record([("questionnaire", .text), ("fields", .object([], required: [], closed: false))])),
    ]

    static let endpoints: [APIEndpoint] = {
        let list: [PathSegment] = ["patients", .patient, "questionnaire-responses"], one = list + [.response]
        return [
            APIEndpoint(.GET, list, access: .action(.clinicalRead),
                        "The patient's questionnaire responses, oldest first, and per instrument the change since baseline.",
                        response: .ref("QuestionnaireResponseList"), handler: index),
            APIEndpoint(.POST, list, access: .action(.questionnaireWrite),
                        "Record a response: fields are the answer values by item linkId, and completed-on (YYYY-MM-DD, default today).",
                        request: .ref("QuestionnaireResponseWrite"), response: .ref("QuestionnaireResponse"), status: .created, handler: create),
            APIEndpoint(.GET, one, access: .action(.clinicalRead), "Read one response.", response: .ref("QuestionnaireResponse"), handler: show),
            APIEndpoint(.POST, one + ["entered-in-error"], access: .action(.questionnaireWrite),
                        "Mark a response entered in error with the reason; it leaves the scores and trends.",
                        request: .ref("VersionedReason"), response: .ref("Retraction"), failures: [.conflict], handler: enterInError),
        ]
    }()

    static func index(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let stored = try await QuestionnaireQueries.records(patientID: patient.id, on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "QuestionnaireResponse", patientID: patient.id,
                                       detail: "list of \(stored.count)"))
        let definitions = try await QuestionnaireQueries.definitions(on: req.db)
        let differences = try await PracticeSettings.differences(on: req.db)
        let responses = try stored.compactMap { response in
            try definitions.first { $0.id == response.questionnaire }.map { try Answered(response, $0) }
        }
        let rows = try stored.map { QuestionnaireQueries.ResponseRow(id: try $0.requireID(), questionnaire: $0.questionnaire, score: $0.score, band: $0.band,
                                                              completedOn: $0.completedOn, enteredVia: $0.enteredVia) }
        let courses = QuestionnaireQueries.courses(definitions, rows, differences: differences).map { shown in
            let course = shown.course
            return Course(questionnaire: shown.definition.id, baseline: course.baseline.score, baselineOn: course.baseline.completedOn.description,
                          latest: course.latest.score, latestOn: course.latest.completedOn.description, change: course.change?.change,
                          verdict: course.change?.verdict.rawValue, minimalImportantDifference: shown.difference?.value)
        }
        return try req.json(List(responses: responses, courses: courses))
    }

    static func create(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let body = try req.apiBody(Write.self)
        guard let definition = try await QuestionnaireQueries.definition(body.questionnaire, on: req.db) else {
            throw ValidationFailure(fields: ["questionnaire": "No such questionnaire."])
        }
        let fields = try req.formFields(body.fields, definition.schema)
        let (submission, problems) = QuestionnaireSubmission.parse(definition, fields, today: req.today)
        guard let submission else { throw ValidationFailure(fields: problems) }
        let response = try await QuestionnaireQueries.record(submission, patientID: patient.id, via: .staff, by: try req.user.id, now: req.now,
                                                          on: req.db, audit: req.transactionalAudit)
        return try req.json(try Answered(response, definition), status: .created)
    }

    static func show(req: Request) async throws -> Response {
        let (patient, response, definition) = try await QuestionnaireQueries.response(req, current: true)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "QuestionnaireResponse", resourceID: (try response.requireID()).uuidString,
                                       patientID: patient.id))
        return try req.json(try Answered(response, definition))
    }

    static func enterInError(req: Request) async throws -> Response {
        let (_, response, _) = try await QuestionnaireQueries.response(req, current: true)
        let body = try req.apiBody(APIReason.self)
        let version = try req.requireVersion(body.version)
        let reason = try APIReason.checked(body.reason)
        guard try await QuestionnaireQueries.enterInError(response, from: version, reason: reason, by: try req.user.id, now: req.now,
                                                       on: req.db, audit: req.transactionalAudit) else {
            throw Abort(.conflict, reason: "Someone changed or marked these answers meanwhile; read them again.")
        }
        return try req.json(Retraction(try response.requireID(), version: version + 1, reason: reason))
    }
}
