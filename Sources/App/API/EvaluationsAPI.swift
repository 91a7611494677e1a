import Fluent
import Foundation
import ReliefCore
import Vapor

/// Evaluation notes in the JSON API: start one, save the draft, sign it (physician), add dated addenda once signed.
/// The note's `fields` are the evaluation form's, parsed by the same `EvaluationForm`.
enum EvaluationsAPI {
    struct Note: Encodable {
        let id: UUID
        let version: Int
        let encounterID: UUID
        let encounterKind: String
        let occurredOn: String
        let status: String
        let signedAt: Date?
        let signedBy: UUID?
        let fields: [String: JSONValue]
        let computed: Computed
        let addenda: [AddendumJSON]
        let createdAt: Date
        let updatedAt: Date

        init(_ evaluation: Evaluation, encounter: Encounter?, addenda: [Addendum]) throws {
            let content = try evaluation.decoded()
            id = try evaluation.requireID()
            version = evaluation.version
            encounterID = evaluation.encounterID
            encounterKind = encounter?.kind ?? EncounterKind.newPatientEvaluation.rawValue
            occurredOn = encounter?.occurredOn ?? CalendarDate(evaluation.createdAt).description
            status = evaluation.isSigned ? "signed" : "draft"
            signedAt = evaluation.signedAt
            signedBy = evaluation.signedBy
            fields = EvaluationForm.schema.json(EvaluationForm.fields(content))
            computed = Computed(content, on: CalendarDate(occurredOn) ?? CalendarDate(evaluation.createdAt))
            self.addenda = try addenda.map(AddendumJSON.init)
            createdAt = evaluation.createdAt
            updatedAt = evaluation.updatedAt
        }
    }

    /// What the note's content implies, as of the visit.
    struct Computed: Encodable {
        let chronic: Bool?
        let durationMonths: Int?
        let duration: String?
        let positiveRedFlags: [String]
        let painRegions: Int

        init(_ content: EvaluationContent, on day: CalendarDate) {
            let duration = content.duration(on: day)
            chronic = duration?.isChronic
            durationMonths = duration?.months
            self.duration = duration?.description
            positiveRedFlags = content.positiveRedFlags.map(\.rawValue)
            painRegions = content.painMap.count
        }
    }

    struct AddendumJSON: Encodable {
        let id: UUID
        let text: String
        let createdAt: Date
        let createdBy: UUID

        init(_ addendum: Addendum) throws {
            id = try addendum.requireID()
            text = addendum.text
            createdAt = addendum.createdAt
            createdBy = addendum.createdBy
        }
    }

    struct List: Encodable { let evaluations: [Note] }

    struct AddendumWrite: Decodable { let text: String }

    static let schemas: [(String, APISchema)] = [
        ("Evaluation", .record([
            ("id", .uuid), ("version", .integer), ("encounterID", .uuid), ("encounterKind", .string(choices: EncounterKind.allCases.map(\.rawValue))),
            ("occurredOn", .date), ("status", .string(choices: ["draft", "signed"])), ("signedAt", .nullable(.dateTime)),
            ("signedBy", .nullable(.uuid)), ("fields", .storedFields(EvaluationForm.schema)),
            ("computed", .record([
                ("chronic", .nullable(.boolean)), ("durationMonths", .nullable(.integer)), ("duration", .nullable(.text)),
                ("positiveRedFlags", .array(.string(choices: RedFlag.allCases.map(\.rawValue)))), ("painRegions", .integer),
            ])),
            ("addenda", .array(.ref("Addendum"))), ("createdAt", .dateTime), ("updatedAt", .dateTime),
        ])),
        ("Addendum", .record([("id", .uuid), ("text", .text), ("createdAt", .dateTime), ("createdBy", .uuid)])),
        ("EvaluationList", .record([("evaluations", .array(.ref("Evaluation")))])),
        ("EvaluationUpdate", APIWrite.schema(EvaluationForm.schema, versioned: true)),
        ("EvaluationStart", APIWrite.schema(EncounterStart.schema, versioned: false)),
        ("AddendumWrite", .record([("text", .string(shape: .init(minLength: 1, maxLength: EvaluationForm.textLimit, multiline: true)))])),
    ]

    static let endpoints: [APIEndpoint] = {
        let list: [PathSegment] = ["patients", .patient, "evaluations"], one = list + [.evaluation]
        return [
            APIEndpoint(.GET, list, access: .action(.clinicalRead), "The patient's evaluation notes, newest visit first, with their addenda.",
                        response: .ref("EvaluationList"), handler: index),
            APIEndpoint(.POST, list, access: .action(.evaluationWrite),
                        "Start a visit note: an encounter in progress (kind, default new-patient evaluation; occurredOn, default today) with an empty draft.",
                        request: .ref("EvaluationStart"), response: .ref("Evaluation"), status: .created, handler: create),
            APIEndpoint(.GET, one, access: .action(.clinicalRead), "Read one note with its addenda.", response: .ref("Evaluation"), handler: show),
            APIEndpoint(.PUT, one, access: .action(.evaluationWrite),
                        "Save the draft; a field left out is emptied. Red flags raise chart alerts. 409 when the version is stale or the note is signed.",
                        request: .ref("EvaluationUpdate"), response: .ref("Evaluation"), failures: [.conflict], handler: update),
            APIEndpoint(.POST, one + ["sign"], access: .action(.noteSign),
                        "Save these fields and sign the note, attesting that the patient was examined and the note is accurate and complete; it can no longer change, only gain addenda. 409 as for a save.",
                        request: .ref("EvaluationUpdate"), response: .ref("Evaluation"), failures: [.conflict], handler: sign),
            APIEndpoint(.POST, one + ["addenda"], access: .action(.evaluationWrite), "Add a dated addendum to a signed note.",
                        request: .ref("AddendumWrite"), response: .ref("Addendum"), status: .created, handler: addAddendum),
        ]
    }()

    static func index(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let stored = try await EvaluationQueries.notes(patientID: patient.id, on: req.db)
        try await req.audit(AuditEntry(action: .evaluationView, resourceType: "Evaluation", patientID: patient.id,
                                       detail: "list of \(stored.count)"))
        let notes = try stored.map { try Note($0.0, encounter: $0.1, addenda: $0.2) }
        return try req.json(List(evaluations: notes.sorted { ($0.occurredOn, $0.createdAt) > ($1.occurredOn, $1.createdAt) }))
    }

    static func create(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let (start, problems) = EncounterStart.parse(try req.formFields(try req.apiBody(APIWrite.self).fields, EncounterStart.schema),
                                                     today: req.today)
        guard let start else { throw ValidationFailure(fields: problems) }
        let evaluation = try await EvaluationQueries.start(start, patientID: patient.id, by: try req.user.id, now: req.now,
                                                           on: req.db, audit: req.transactionalAudit)
        return try await answer(req, evaluation, status: .created)
    }

    static func show(req: Request) async throws -> Response {
        let (patient, evaluation) = try await EvaluationQueries.evaluation(req)
        try await req.audit(AuditEntry(action: .evaluationView, resourceType: "Evaluation", resourceID: (try evaluation.requireID()).uuidString,
                                       patientID: patient.id))
        return try await answer(req, evaluation)
    }

    static func update(req: Request) async throws -> Response { try await save(req, sign: false) }

    static func sign(req: Request) async throws -> Response { try await save(req, sign: true) }

    private static func save(_ req: Request, sign: Bool) async throws -> Response {
        let (patient, evaluation) = try await EvaluationQueries.evaluation(req)
        let body = try req.apiBody(APIWrite.self)
        let version = try req.requireVersion(body.version)
        let (content, problems) = EvaluationForm.parse(try req.formFields(body.fields, EvaluationForm.schema), today: req.today, signing: sign)
        guard problems.isEmpty else { throw ValidationFailure(fields: problems) }
        switch try await EvaluationQueries.save(try evaluation.requireID(), patientID: patient.id, from: version, content: content, sign: sign,
                                                by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit) {
        case .saved(let saved): return try await answer(req, saved)
        case .notFound: throw Abort(.notFound, reason: "No such evaluation.")
        case .conflict(let current):
            try await req.audit(AuditEntry(action: .evaluationUpdateConflict, resourceType: "Evaluation",
                                           resourceID: (try current.requireID()).uuidString, patientID: patient.id, outcome: .failure))
            throw Abort(.conflict, reason: current.isSigned ? "This evaluation is signed; add an addendum instead."
                : "Someone saved this evaluation meanwhile; read it again.")
        }
    }

    static func addAddendum(req: Request) async throws -> Response {
        let (_, evaluation) = try await EvaluationQueries.evaluation(req)
        let text = try req.apiBody(AddendumWrite.self).text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = EvaluationForm.addendumProblem(text, noteSigned: evaluation.isSigned) {
            throw ValidationFailure(fields: ["text": problem])
        }
        let addendum = try await EvaluationQueries.addAddendum(to: evaluation, text: text, by: try req.user.id, now: req.now,
                                                               on: req.db, audit: req.transactionalAudit)
        return try req.json(AddendumJSON(addendum), status: .created)
    }

    private static func answer(_ req: Request, _ evaluation: Evaluation, status: HTTPStatus = .ok) async throws -> Response {
        let (encounter, addenda) = try await EvaluationQueries.note(evaluation, on: req.db)
        return try req.json(try Note(evaluation, encounter: encounter, addenda: addenda), status: status)
    }
}
