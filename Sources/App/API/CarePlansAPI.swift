import Foundation
import ReliefCore
import Vapor

/// Treatment plans in the JSON API (FHIR CarePlan with Goal): written with the plan form's fields, read with the
/// goals and components laid out, each version its own record.
enum CarePlansAPI {
    struct Plan: Encodable {
        let id: UUID
        let planID: UUID
        let number: Int
        let status: String
        let version: Int
        let title: String
        let catalogueVersion: String
        let fields: [String: JSONValue]
        let goals: [JSONValue]
        let components: [JSONValue]
        let createdAt: Date
        let updatedAt: Date
        let activatedAt: Date?
        let activatedBy: UUID?

        init(_ record: CarePlanRecord) throws {
            let content = try record.decoded()
            id = try record.requireID()
            planID = record.planID
            number = record.number
            status = record.status
            version = record.version
            title = record.title
            catalogueVersion = record.catalogueVersion
            fields = CarePlanContent.schema.json(content.fields)
            goals = content.goals.map { goal in
                .object(["text": .string(goal.text), "measure": goal.measure.map { .string($0.rawValue) } ?? .null,
                         "target": goal.target.map(JSONValue.number) ?? .null, "targetDate": goal.targetDate.map { .string($0.description) } ?? .null,
                         "status": .string(goal.status.rawValue)])
            }
            components = content.sequenced.map { component in
                .object(["intervention": .string(component.intervention), "region": .string(component.region.rawValue),
                         "levels": .array(component.levels.map { .string($0.description) }), "side": component.side.map { .string($0.rawValue) } ?? .null,
                         "phase": .string(component.phase.rawValue), "sequence": .number(Double(component.sequence)),
                         "responsible": .string(component.responsible), "startOn": component.startOn.map { .string($0.description) } ?? .null,
                         "status": .string(component.status.rawValue)])
            }
            createdAt = record.createdAt
            updatedAt = record.updatedAt
            activatedAt = record.activatedAt
            activatedBy = record.activatedBy
        }
    }

    struct List: Encodable { let plans: [Plan] }
    struct Versioned: Decodable { let version: Int }

    static let schemas: [(String, APISchema)] = [
        ("CarePlan", .record([
            ("id", .uuid), ("planID", .uuid), ("number", .integer), ("status", .string(choices: PlanStatus.allCases.map(\.rawValue))),
            ("version", .integer), ("title", .text), ("catalogueVersion", .text), ("fields", .storedFields(CarePlanContent.schema)),
            ("goals", .array(.record([("text", .text), ("measure", .nullable(.string(choices: GoalMeasure.allCases.map(\.rawValue)))),
                                      ("target", .nullable(.number)), ("targetDate", .nullable(.date)),
                                      ("status", .string(choices: GoalStatus.allCases.map(\.rawValue)))]))),
            ("components", .array(.record([
                ("intervention", .text), ("region", .string(choices: BodyArea.allCases.map(\.rawValue))), ("levels", .array(.text)),
                ("side", .nullable(.string(choices: Laterality.allCases.map(\.rawValue)))), ("phase", .string(choices: PlanPhase.allCases.map(\.rawValue))),
                ("sequence", .integer), ("responsible", .text), ("startOn", .nullable(.date)),
                ("status", .string(choices: ComponentStatus.allCases.map(\.rawValue))),
            ]))),
            ("createdAt", .dateTime), ("updatedAt", .dateTime), ("activatedAt", .nullable(.dateTime)), ("activatedBy", .nullable(.uuid)),
        ])),
        ("CarePlanList", .record([("plans", .array(.ref("CarePlan")))])),
        ("CarePlanWrite", APIWrite.schema(CarePlanContent.schema, versioned: false)),
        ("CarePlanUpdate", APIWrite.schema(CarePlanContent.schema, versioned: true)),
        ("VersionOnly", .record([("version", .version)])),
    ]

    static let endpoints: [APIEndpoint] = {
        let list: [PathSegment] = ["patients", .patient, "care-plans"], one = list + [.plan]
        return [
            APIEndpoint(.GET, list, access: .action(.clinicalRead), "Every version of the patient's treatment plans, newest first.",
                        response: .ref("CarePlanList"), handler: index),
            APIEndpoint(.POST, list, access: .action(.planWrite),
                        "Draft a new plan: title, phase, startOn (today or later), reviewOn, goal.N.* (N 1–4) and component.N.* (N 1–8) with the form's checks.",
                        request: .ref("CarePlanWrite"), response: .ref("CarePlan"), status: .created, handler: create),
            APIEndpoint(.GET, one, access: .action(.clinicalRead), "Read one version of a plan.", response: .ref("CarePlan"), handler: show),
            APIEndpoint(.PUT, one, access: .action(.planWrite), "Save a draft; a field left out is emptied. 409 when the version is stale or the plan is no longer a draft.",
                        request: .ref("CarePlanUpdate"), response: .ref("CarePlan"), failures: [.conflict], handler: update),
            APIEndpoint(.POST, one + ["activate"], access: .action(.noteSign),
                        "Activate a draft (physicians); the plan's version active before becomes revised. 409 when stale or not a draft.",
                        request: .ref("VersionOnly"), response: .ref("CarePlan"), failures: [.conflict], handler: activate),
            APIEndpoint(.POST, one + ["revise"], access: .action(.planWrite),
                        "Start the next version of an active plan as a draft copy. 409 when the plan is not active or a revision is already open.",
                        request: .ref("VersionOnly"), response: .ref("CarePlan"), status: .created, failures: [.conflict], handler: revise),
        ]
    }()

    static func index(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let records = try await CarePlanQueries.all(patientID: patient.id, on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "CarePlan", patientID: patient.id, detail: "list of \(records.count)"))
        return try req.json(List(plans: try records.map(Plan.init)))
    }

    static func create(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let content = try await parsed(req, patientID: patient.id, fields: try req.apiBody(APIWrite.self).fields)
        let record = try await CarePlanQueries.create(content, patientID: patient.id, by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit)
        return try req.json(try Plan(record), status: .created)
    }

    static func show(req: Request) async throws -> Response {
        let (patient, record) = try await CarePlanQueries.plan(req)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "CarePlan", resourceID: (try record.requireID()).uuidString, patientID: patient.id))
        return try req.json(try Plan(record))
    }

    static func update(req: Request) async throws -> Response {
        let (patient, record) = try await CarePlanQueries.plan(req)
        let body = try req.apiBody(APIWrite.self)
        let version = try req.requireVersion(body.version)
        let content = try await parsed(req, patientID: patient.id, fields: body.fields)
        guard try await CarePlanQueries.update(record, with: content, from: version, by: try req.user.id, now: req.now, on: req.db,
                                               audit: req.transactionalAudit) == .done else { throw stale }
        return try await fresh(req, record)
    }

    static func activate(req: Request) async throws -> Response {
        let (_, record) = try await CarePlanQueries.plan(req)
        let version = try req.apiBody(Versioned.self).version
        guard try await CarePlanQueries.activate(record, from: version, by: try req.user.id, now: req.now, on: req.db,
                                                 audit: req.transactionalAudit) == .done else { throw stale }
        return try await fresh(req, record)
    }

    static func revise(req: Request) async throws -> Response {
        let (_, record) = try await CarePlanQueries.plan(req)
        guard try req.apiBody(Versioned.self).version == record.version,
              let next = try await CarePlanQueries.revise(record, by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit) else {
            throw Abort(.conflict, reason: "Only the active version, read at its current version, can be revised, and one revision at a time.")
        }
        return try req.json(try Plan(next), status: .created)
    }

    private static let stale = Abort(.conflict, reason: "Someone changed this plan meanwhile, or it is no longer a draft; read it again.")

    private static func parsed(_ req: Request, patientID: UUID, fields: [String: JSONValue]) async throws -> CarePlanContent {
        let form = try req.formFields(fields, CarePlanContent.schema)
        let (content, problems) = CarePlanContent.parse(form, today: req.today, history: try await CarePlanQueries.history(patientID: patientID, on: req.db))
        guard let content else { throw ValidationFailure(fields: problems) }
        return content
    }

    private static func fresh(_ req: Request, _ record: CarePlanRecord) async throws -> Response {
        guard let current = try await CarePlanRecord.find(try record.requireID(), on: req.db) else { throw Abort(.notFound) }
        return try req.json(try Plan(current))
    }
}
