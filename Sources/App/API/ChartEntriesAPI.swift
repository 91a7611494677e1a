import Fluent
import Foundation
import ReliefCore
import Vapor

/// A chart list's figures for the API: what each entry and the whole current list compute (MME, codes, care tried).
protocol ChartEntryAPI: ChartEntryPresentation {
    static var schema: FieldSchema { get }
    static var computedSchema: APISchema { get }
    var computed: [String: JSONValue] { get }
    static var summarySchema: APISchema { get }
    /// `rules`: the practice's choices about shipped alerts.
    static func summary(_ current: [Self], rules: PracticeRules) -> [String: JSONValue]
}

extension ChartEntryAPI {
    static var summarySchema: APISchema { .record([]) }
    static func summary(_ current: [Self], rules: PracticeRules) -> [String: JSONValue] { [:] }
}

/// The chart lists in the JSON API: the same generic machinery as the pages, for every kind of entry.
enum ChartEntriesAPI<C: ChartEntryAPI> {
    struct Entry: Encodable {
        let id: UUID
        let version: Int
        let label: String
        let status: String
        let current: Bool
        let fields: [String: JSONValue]
        let computed: [String: JSONValue]
        let createdAt: Date
        let updatedAt: Date

        init(_ row: ChartEntry) throws { try self.init(row, try row.decoded(as: C.self)) }

        init(_ row: ChartEntry, _ content: C) throws {
            id = try row.requireID()
            version = row.version
            label = content.label
            status = content.status
            current = content.isCurrent
            fields = C.schema.json(content.fields)
            computed = content.computed
            createdAt = row.createdAt
            updatedAt = row.updatedAt
        }
    }

    struct List: Encodable {
        let entries: [Entry]
        let summary: [String: JSONValue]
    }

    /// The schema names of this kind: `MedicationEntry`, `MedicationList`, …
    static var name: String { C.kind.rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined() }

    static var schemas: [(String, APISchema)] {
        [
            ("\(name)Entry", .record([
                ("id", .uuid), ("version", .integer), ("label", .text), ("status", .text), ("current", .boolean),
                ("fields", .storedFields(C.schema)), ("computed", C.computedSchema), ("createdAt", .dateTime), ("updatedAt", .dateTime),
            ])),
            ("\(name)List", .record([("entries", .array(.ref("\(name)Entry"))), ("summary", C.summarySchema)])),
            ("\(name)Write", APIWrite.schema(C.schema, versioned: false)),
            ("\(name)Update", APIWrite.schema(C.schema, versioned: true)),
        ]
    }

    static var endpoints: [APIEndpoint] {
        let list: [PathSegment] = ["patients", .patient, .constant(C.kind.pathSegment)], one = list + [.entry], title = C.kind.pluralTitle.lowercased()
        return [
            APIEndpoint(.GET, list, access: .action(C.kind.readAction), "The patient's \(title), newest first, with what the current list computes.",
                        response: .ref("\(name)List"), handler: index),
            APIEndpoint(.POST, list, access: .action(C.kind.writeAction), "Add an entry to the patient's \(title).",
                        request: .ref("\(name)Write"), response: .ref("\(name)Entry"), status: .created, handler: create),
            APIEndpoint(.GET, one, access: .action(C.kind.readAction), "Read one entry.", response: .ref("\(name)Entry"), handler: show),
            APIEndpoint(.PUT, one, access: .action(C.kind.writeAction), "Replace an entry; a field left out is emptied. 409 when the version is not the latest.",
                        request: .ref("\(name)Update"), response: .ref("\(name)Entry"), failures: [.conflict], handler: update),
            APIEndpoint(.POST, one + ["entered-in-error"], access: .action(C.kind.writeAction),
                        "Take a wrong entry off the chart with the reason; it stays in the record, marked.",
                        request: .ref("VersionedReason"), response: .ref("Retraction"), failures: [.conflict], handler: enterInError),
        ]
    }

    static func index(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let rows = try await ChartEntryQueries.records(C.kind, patientID: patient.id, on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: C.kind.resourceType, patientID: patient.id,
                                       detail: "list of \(rows.count)"))
        // Each entry's JSON is decoded once, for its own fields and for the list's summary.
        let decoded = try rows.map { ($0, try $0.decoded(as: C.self)) }
        let rules = try await PracticeSettings.rules(on: req.db)
        return try req.json(List(entries: try decoded.map { try Entry($0.0, $0.1) }, summary: C.summary(decoded.map(\.1).filter(\.isCurrent), rules: rules)))
    }

    static func create(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let fields = try req.formFields(try req.apiBody(APIWrite.self).fields, C.schema)
        let others = try await ChartEntryQueries.entries(C.self, patientID: patient.id, on: req.db).map(\.1)
        let (content, problems) = C.validate(fields, today: req.today, others: others)
        guard let content else { throw ValidationFailure(fields: problems) }
        let entry = try await ChartEntryQueries.create(content, patientID: patient.id, by: try req.user.id, now: req.now, on: req.db,
                                                       audit: req.transactionalAudit)
        return try req.json(try Entry(entry), status: .created)
    }

    static func show(req: Request) async throws -> Response {
        let (patient, entry) = try await ChartEntryQueries.entry(req, kind: C.kind)
        try await req.audit(AuditEntry(action: .recordView, resourceType: C.kind.resourceType, resourceID: (try entry.requireID()).uuidString, patientID: patient.id))
        return try req.json(try Entry(entry))
    }

    static func update(req: Request) async throws -> Response {
        let (patient, entry) = try await ChartEntryQueries.entry(req, kind: C.kind, forWrite: true)
        let body = try req.apiBody(APIWrite.self)
        let version = try req.requireVersion(body.version)
        let fields = try req.formFields(body.fields, C.schema)
        let others = try await ChartEntryQueries.entries(C.self, patientID: patient.id, on: req.db).filter { $0.0 != entry.id }.map(\.1)
        let (content, problems) = C.validate(fields, today: req.today, others: others)
        guard let content else { throw ValidationFailure(fields: problems) }
        let outcome = try await ChartEntryQueries.update(try entry.requireID(), patientID: patient.id, from: version, content: content,
                                                         by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit)
        return try await answer(req, patient, outcome) { try req.json(try Entry($0)) }
    }

    static func enterInError(req: Request) async throws -> Response {
        let (patient, entry) = try await ChartEntryQueries.entry(req, kind: C.kind, forWrite: true)
        let body = try req.apiBody(APIReason.self)
        let version = try req.requireVersion(body.version)
        let reason = try APIReason.checked(body.reason)
        let outcome = try await ChartEntryQueries.enterInError(C.self, try entry.requireID(), patientID: patient.id, from: version, reason: reason,
                                                               by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit)
        return try await answer(req, patient, outcome) { try req.json(Retraction(try $0.requireID(), version: $0.version, reason: reason)) }
    }

    private static func answer(_ req: Request, _ patient: PatientRecord, _ outcome: ChartEntryQueries.SaveOutcome,
                               _ saved: (ChartEntry) throws -> Response) async throws -> Response {
        switch outcome {
        case .saved(let entry): return try saved(entry)
        case .notFound: throw Abort(.notFound, reason: "No such entry.")
        case .conflict(let current):
            try await req.audit(AuditEntry(action: .recordUpdateConflict, resourceType: C.kind.resourceType,
                                           resourceID: (try current.requireID()).uuidString, patientID: patient.id, outcome: .failure))
            throw Abort(.conflict, reason: "Someone changed this entry meanwhile, or marked it entered in error; read it again.")
        }
    }
}

/// A record taken off the chart as entered in error.
struct Retraction: Encodable {
    let id: UUID
    let version: Int
    let enteredInError = true
    let reason: String

    init(_ id: UUID, version: Int, reason: String) {
        self.id = id
        self.version = version
        self.reason = reason
    }

    static let schema = APISchema.record([("id", .uuid), ("version", .integer), ("enteredInError", .boolean), ("reason", .text)])
}

extension APIReason {
    static let limit = 500

    /// The reason as the forms take it: required, up to `limit` characters.
    static func checked(_ reason: String, limit: Int = limit) throws -> String {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = TextRules.reasonProblem(reason, limit: limit) { throw ValidationFailure(fields: ["reason": problem]) }
        return reason
    }
}

/// A clinical source as the API cites it.
extension ClinicalSource {
    var json: JSONValue {
        .object(["citation": .string(citation), "evidence": .string(evidence.rawValue), "verifyAgainstCurrentGuideline": .bool(needsVerification)])
    }

    static let schema = APISchema.record([
        ("citation", .text), ("evidence", .string(choices: ["V1", "V2", "UNCONFIRMED"])), ("verifyAgainstCurrentGuideline", .boolean),
    ])
}
