import Foundation
import ReliefCore
import Vapor

/// The diagnostic work-up in the JSON API: orders (FHIR ServiceRequest) placed with the order form's fields, and
/// each later step (schedule, result, review, cancel) with that step's fields, through the same checks as the pages.
enum WorkupAPI {
    struct Order: Encodable {
        let id: UUID
        let version: Int
        let label: String
        let status: String
        let orderedOn: String
        let scheduledFor: String?
        let fields: [String: JSONValue]
        let result: [String: JSONValue]?
        let reviewedAt: Date?
        let reviewedBy: UUID?
        let reviewComment: String?
        let cancelReason: String?
        let overdue: Bool
        let createdAt: Date
        let updatedAt: Date

        init(_ record: WorkupRecord, deadlines: WorkupDeadlines, today: CalendarDate) throws {
            let order = try record.decodedOrder()
            id = try record.requireID()
            version = record.version
            label = order.label
            status = record.status
            orderedOn = record.orderedOn
            scheduledFor = record.scheduledFor
            fields = WorkupOrder.schema.json(order.fields)
            result = try record.decodedResult().map { WorkupResult.schema.json($0.fields) }
            reviewedAt = record.reviewedAt
            reviewedBy = record.reviewedBy
            reviewComment = record.reviewComment
            cancelReason = record.cancelReason
            overdue = record.isOverdue(deadlines, today: today)
            createdAt = record.createdAt
            updatedAt = record.updatedAt
        }
    }

    struct List: Encodable { let orders: [Order] }

    static func stepSchemaName(_ kind: WorkupStep.Kind) -> String { "Workup\(kind.title)Step" }

    static let schemas: [(String, APISchema)] = [
        ("WorkupOrder", .record([
            ("id", .uuid), ("version", .integer), ("label", .text), ("status", .string(choices: OrderStatus.allCases.map(\.rawValue))),
            ("orderedOn", .date), ("scheduledFor", .nullable(.date)), ("fields", .storedFields(WorkupOrder.schema)),
            ("result", .nullable(.storedFields(WorkupResult.schema))), ("reviewedAt", .nullable(.dateTime)), ("reviewedBy", .nullable(.uuid)),
            ("reviewComment", .nullable(.text)), ("cancelReason", .nullable(.text)), ("overdue", .boolean),
            ("createdAt", .dateTime), ("updatedAt", .dateTime),
        ])),
        ("WorkupOrderList", .record([("orders", .array(.ref("WorkupOrder")))])),
        ("WorkupOrderWrite", APIWrite.schema(WorkupOrder.schema, versioned: false)),
    ] + WorkupStep.Kind.allCases.map { (stepSchemaName($0), APIWrite.schema($0.schema, versioned: true)) }

    static let endpoints: [APIEndpoint] = {
        let list: [PathSegment] = ["patients", .patient, "workup-orders"], one = list + [.order]
        let steps: [(WorkupStep.Kind, Action, String)] = [
            (.schedule, .workupSchedule, "Book the test: scheduledFor (YYYY-MM-DD). Again to move the date."),
            (.result, .chartWrite, "Enter the result: report, resultedOn, abnormal and up to four findings (finding.N.kind, level, side, grade)."),
            (.review, .noteSign, "Sign the review of a resulted order, with an optional reviewComment; the order is then closed."),
            (.cancel, .chartWrite, "Cancel an order not yet resulted, with the cancelReason."),
        ]
        return [
            APIEndpoint(.GET, list, access: .action(.clinicalRead), "The patient's work-up orders, newest first, each with its result and review.",
                        response: .ref("WorkupOrderList"), handler: index),
            APIEndpoint(.POST, list, access: .action(.chartWrite), "Order a test, an evaluation or a referral.",
                        request: .ref("WorkupOrderWrite"), response: .ref("WorkupOrder"), status: .created, handler: create),
            APIEndpoint(.GET, one, access: .action(.clinicalRead), "Read one order.", response: .ref("WorkupOrder"), handler: show),
        ] + steps.map { kind, action, summary in
            APIEndpoint(.POST, one + [.constant(kind.rawValue)], access: .action(action),
                        summary + " 409 when the version is stale or the order is past this step.",
                        request: .ref(stepSchemaName(kind)), response: .ref("WorkupOrder"), failures: [.conflict]) { try await step($0, kind) }
        }
    }()

    static func index(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let records = try await WorkupQueries.all(patientID: patient.id, on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "ServiceRequest", patientID: patient.id, detail: "list of \(records.count)"))
        let deadlines = try await PracticeSettings.workupDeadlines(on: req.db)
        return try req.json(List(orders: try records.map { try Order($0, deadlines: deadlines, today: req.today) }))
    }

    static func create(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let fields = try req.formFields(try req.apiBody(APIWrite.self).fields, WorkupOrder.schema)
        let (order, problems) = WorkupOrder.parse(fields, today: req.today)
        guard let order else { throw ValidationFailure(fields: problems) }
        let record = try await WorkupQueries.create(order, patientID: patient.id, today: req.today, by: try req.user.id, now: req.now,
                                                    on: req.db, audit: req.transactionalAudit)
        return try await answer(req, record, status: .created)
    }

    static func show(req: Request) async throws -> Response {
        let (patient, record) = try await WorkupQueries.order(req)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "ServiceRequest", resourceID: (try record.requireID()).uuidString, patientID: patient.id))
        return try await answer(req, record)
    }

    static func step(_ req: Request, _ kind: WorkupStep.Kind) async throws -> Response {
        let (_, record) = try await WorkupQueries.order(req)
        let body = try req.apiBody(APIWrite.self)
        let version = try req.requireVersion(body.version)
        let (step, problems) = try WorkupQueries.parse(kind, try req.formFields(body.fields, kind.schema), for: record, today: req.today)
        guard let step else { throw ValidationFailure(fields: problems) }
        guard try await WorkupQueries.take(step, on: record, from: version, by: try req.user.id, now: req.now, on: req.db,
                                           audit: req.transactionalAudit) else {
            throw Abort(.conflict, reason: "Someone changed this order meanwhile; read it again.")
        }
        return try await answer(req, record)
    }

    private static func answer(_ req: Request, _ record: WorkupRecord, status: HTTPStatus = .ok) async throws -> Response {
        try req.json(try Order(record, deadlines: try await PracticeSettings.workupDeadlines(on: req.db), today: req.today), status: status)
    }
}
