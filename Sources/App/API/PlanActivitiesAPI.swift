import Foundation
import ReliefCore
import Vapor

/// The work recorded under a treatment plan in the JSON API (FHIR Procedure or MedicationStatement `basedOn` the
/// CarePlan), for every version of the plan.
enum PlanActivitiesAPI {
    struct Activity: Encodable {
        let id: UUID
        let planID: UUID
        let kind: String
        let status: String
        let version: Int
        let fields: [String: JSONValue]
        let reason: String?
        let createdAt: Date
        let createdBy: UUID

        init(_ record: PlanActivityRecord) throws {
            let activity = try record.decoded()
            id = try record.requireID()
            planID = record.planID
            kind = activity.kind.rawValue
            status = record.status
            version = record.version
            fields = PlanActivity.schema.json(activity.fields)
            reason = record.reason
            createdAt = record.createdAt
            createdBy = record.createdBy
        }
    }

    struct List: Encodable { let activities: [Activity] }

    static let schemas: [(String, APISchema)] = [
        ("PlanActivity", .record([
            ("id", .uuid), ("planID", .uuid), ("kind", .string(choices: ActivityKind.allCases.map(\.rawValue))),
            ("status", .string(choices: [PlanActivityRecord.recorded, PlanActivityRecord.enteredInError])), ("version", .integer),
            ("fields", .storedFields(PlanActivity.schema)), ("reason", .nullable(.text)), ("createdAt", .dateTime), ("createdBy", .uuid),
        ])),
        ("PlanActivityList", .record([("activities", .array(.ref("PlanActivity")))])),
        ("PlanActivityWrite", APIWrite.schema(PlanActivity.schema, versioned: false)),
    ]

    static let endpoints: [APIEndpoint] = {
        let list: [PathSegment] = ["patients", .patient, "care-plans", .plan, "activities"]
        return [
            APIEndpoint(.GET, list, access: .action(.clinicalRead), "The work recorded under the plan (any of its versions), latest first.",
                        response: .ref("PlanActivityList"), handler: index),
            APIEndpoint(.POST, list, access: .action(.planActivityWrite),
                        "Record a session or a medication change under one of the plan's non-procedure components: intervention, occurredOn, attendance, detail, measure and value, goal (its number), note.",
                        request: .ref("PlanActivityWrite"), response: .ref("PlanActivity"), status: .created, handler: create),
            APIEndpoint(.POST, list + [.activity, "entered-in-error"], access: .action(.planActivityWrite),
                        "Mark a record entered in error, with the reason; it stays readable. 409 when stale or already marked.",
                        request: .ref("VersionedReason"), response: .ref("PlanActivity"), failures: [.conflict], handler: enterInError),
        ]
    }()

    static func index(req: Request) async throws -> Response {
        let (patient, record) = try await CarePlanQueries.plan(req)
        let activities = try await PlanActivityQueries.all(planID: record.planID, on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "PlanActivity", patientID: patient.id, detail: "list of \(activities.count)"))
        return try req.json(List(activities: try activities.map(Activity.init)))
    }

    static func create(req: Request) async throws -> Response {
        let (_, record) = try await CarePlanQueries.plan(req)
        let fields = try req.formFields(try req.apiBody(APIWrite.self).fields, PlanActivity.schema)
        let (activity, problems) = PlanActivity.parse(fields, today: req.today, plan: try record.decoded())
        guard let activity else { throw ValidationFailure(fields: problems) }
        let saved = try await PlanActivityQueries.record(activity, under: record, by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit)
        return try req.json(try Activity(saved), status: .created)
    }

    static func enterInError(req: Request) async throws -> Response {
        let (_, _, activity) = try await PlanActivityQueries.activity(req)
        let id = try activity.requireID()
        let body = try req.apiBody(APIReason.self)
        let (version, reason) = (try req.requireVersion(body.version), try APIReason.checked(body.reason))
        guard try await PlanActivityQueries.enterInError(activity, reason: reason, from: version, on: req.db, audit: req.transactionalAudit) else {
            throw Abort(.conflict, reason: "This record changed meanwhile or is already marked; read it again.")
        }
        guard let fresh = try await PlanActivityRecord.find(id, on: req.db) else { throw Abort(.notFound) }
        return try req.json(try Activity(fresh))
    }
}
