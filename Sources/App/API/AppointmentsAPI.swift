import Foundation
import ReliefCore
import Vapor

/// Appointments in the JSON API (FHIR Appointment in shape): the schedule between two days, a patient's appointments,
/// booking with the form's fields and every check of the booking page, moving, and the status steps.
enum AppointmentsAPI {
    /// The longest stretch one schedule request covers.
    static let rangeLimit = 31

    struct Item: Encodable {
        let id: UUID
        let patientID: UUID
        let providerID: UUID
        let roomID: String?
        let kind: String
        let date: String
        let start: String
        let end: String
        let status: String
        let fhirStatus: String
        let intervention: String?
        let region: String?
        let levels: [String]
        let side: String?
        let planID: UUID?
        let note: String
        let reason: String?
        let version: Int
        let createdAt: Date

        init?(_ record: AppointmentRecord) {
            guard let appointment = record.decoded() else { return nil }
            id = appointment.id
            patientID = appointment.patientID
            providerID = appointment.providerID
            roomID = appointment.roomID
            kind = appointment.kind.rawValue
            date = appointment.date.description
            start = appointment.time.start.description
            end = appointment.time.end.description
            status = appointment.status.rawValue
            fhirStatus = appointment.status.fhir
            intervention = appointment.site?.intervention.id
            region = appointment.site?.region.rawValue
            levels = appointment.site?.levels.map(\.description) ?? []
            side = appointment.site?.side?.rawValue
            planID = appointment.planID
            note = appointment.note
            reason = record.reason
            version = record.version
            createdAt = record.createdAt
        }
    }

    struct List: Encodable { let appointments: [Item] }

    struct StatusChange: Decodable {
        var version: Int?
        var status: String
        var reason: String?
    }

    static let schemas: [(String, APISchema)] = [
        ("Appointment", .record([
            ("id", .uuid), ("patientID", .uuid), ("providerID", .uuid), ("roomID", .nullable(.text)),
            ("kind", .string(choices: AppointmentKind.allCases.map(\.rawValue))), ("date", .date), ("start", .text), ("end", .text),
            ("status", .string(choices: AppointmentStatus.allCases.map(\.rawValue))),
            ("fhirStatus", .string(choices: Array(Set(AppointmentStatus.allCases.map(\.fhir))).sorted())),
            ("intervention", .nullable(.text)), ("region", .nullable(.text)), ("levels", .array(.text)), ("side", .nullable(.text)),
            ("planID", .nullable(.uuid)), ("note", .text), ("reason", .nullable(.text)), ("version", .integer), ("createdAt", .dateTime),
        ])),
        ("AppointmentList", .record([("appointments", .array(.ref("Appointment")))])),
        ("AppointmentWrite", APIWrite.schema(Appointment.schema, versioned: false)),
        ("AppointmentMove", APIWrite.schema(Appointment.schema, versioned: true)),
        ("AppointmentStatusChange", .object([
            ("version", .version), ("status", .string(choices: AppointmentStatus.allCases.map(\.rawValue))),
            ("reason", .nullable(.string(shape: .init(minLength: 1, maxLength: APIReason.limit, multiline: true)))),
        ], required: ["version", "status"])),
    ]

    static let endpoints: [APIEndpoint] = {
        let list: [PathSegment] = ["patients", .patient, "appointments"], one = list + [.appointment]
        return [
            APIEndpoint(.GET, ["appointments"], access: .action(.scheduleView), "The schedule: appointments from one day to another (at most 31 days), in time order.",
                        response: .ref("AppointmentList"), failures: [.unprocessableEntity],
                        query: [("from", "The first day, YYYY-MM-DD (required)."), ("to", "The last day, YYYY-MM-DD; the first day when absent."),
                                ("provider", "One provider's id, for their appointments only.")], handler: schedule),
            APIEndpoint(.GET, list, access: .action(.scheduleView), "The patient's appointments, in time order.", response: .ref("AppointmentList"), handler: index),
            APIEndpoint(.POST, list, access: .action(.appointmentBook),
                        "Book: kind, provider, room, date, start, minutes, for a procedure intervention, region, levels, side and plan, note. "
                        + "A provider, room or patient already booked then, a room without the procedure's equipment, a time outside the "
                        + "provider's hours or a past day is refused (422) with the field to change.",
                        request: .ref("AppointmentWrite"), response: .ref("Appointment"), status: .created, handler: create),
            APIEndpoint(.GET, one, access: .action(.scheduleView), "One appointment.", response: .ref("Appointment"), handler: show),
            APIEndpoint(.POST, one + ["move"], access: .action(.appointmentBook),
                        "Move a booked or confirmed appointment: all its fields again, with the version read; checked like a booking. 409 when stale or no longer movable.",
                        request: .ref("AppointmentMove"), response: .ref("Appointment"), failures: [.conflict], handler: move),
            APIEndpoint(.POST, one + ["status"], access: .action(.appointmentBook),
                        "Move it along: confirmed, checked-in, in-progress, completed, no-show, or cancelled (with a reason), from the version read. "
                        + "409 when stale or the step cannot follow the current status.",
                        request: .ref("AppointmentStatusChange"), response: .ref("Appointment"), failures: [.conflict], handler: status),
        ]
    }()

    static func schedule(req: Request) async throws -> Response {
        var problems: [String: String] = [:]
        let from = req.queryText("from").flatMap(CalendarDate.init)
        let to = req.queryText("to").map { CalendarDate($0) } ?? from
        let provider = req.queryText("provider").map { UUID(uuidString: $0) }
        if from == nil { problems["from"] = "Give the first day as YYYY-MM-DD." }
        if to == nil { problems["to"] = "Give the last day as YYYY-MM-DD." }
        if provider == .some(nil) { problems["provider"] = "Give a provider's id." }
        if let from, let to, to < from || to.daysSince(from) >= rangeLimit { problems["to"] = "Give a last day from the first to \(rangeLimit - 1) days after it." }
        guard problems.isEmpty, let from, let to else { throw ValidationFailure(fields: problems) }
        let rows = try await AppointmentQueries.between(from, to, provider: provider ?? nil, on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "Appointment", detail: "schedule of \(from) to \(to) with \(rows.count)"))
        return try req.json(List(appointments: rows.compactMap { Item($0.0) }))
    }

    static func index(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let records = try await AppointmentQueries.all(patientID: patient.id, on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "Appointment", patientID: patient.id, detail: "list of \(records.count)"))
        return try req.json(List(appointments: records.compactMap(Item.init)))
    }

    static func create(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let fields = try req.formFields(try req.apiBody(APIWrite.self).fields, Appointment.schema)
        let directory = try await ScheduleDirectory.load(on: req.db)
        let (parsed, problems) = try await directory.read(fields, patientID: patient.id, today: req.today, on: req.db)
        guard let appointment = parsed else { throw ValidationFailure(fields: problems) }
        let refused = try await AppointmentQueries.book(appointment, settings: directory.settings, names: directory.names, by: try req.user.id,
                                                        now: req.now, on: req.db, audit: req.transactionalAudit)
        guard refused.isEmpty else { throw ValidationFailure(fields: refused) }
        return try await answer(req, appointment.id, patientID: patient.id, status: .created)
    }

    static func show(req: Request) async throws -> Response {
        let (patient, record) = try await AppointmentQueries.appointment(req)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "Appointment", resourceID: (try record.requireID()).uuidString, patientID: patient.id))
        return try await answer(req, try record.requireID(), patientID: patient.id)
    }

    static func move(req: Request) async throws -> Response {
        let (patient, record) = try await AppointmentQueries.appointment(req)
        let body = try req.apiBody(APIWrite.self)
        let version = try req.requireVersion(body.version)
        let directory = try await ScheduleDirectory.load(on: req.db)
        let (parsed, problems) = try await directory.read(try req.formFields(body.fields, Appointment.schema), patientID: patient.id, today: req.today,
                                                          existing: record.decoded(), on: req.db)
        guard let appointment = parsed else { throw ValidationFailure(fields: problems) }
        switch try await AppointmentQueries.move(record, to: appointment, from: version, settings: directory.settings, names: directory.names,
                                                 by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit) {
        case .saved: return try await answer(req, appointment.id, patientID: patient.id)
        case .refused(let problems): throw ValidationFailure(fields: problems)
        case .stale: throw Abort(.conflict, reason: "Someone changed this appointment meanwhile, or it can no longer be moved; read it again.")
        }
    }

    static func status(req: Request) async throws -> Response {
        let (patient, record) = try await AppointmentQueries.appointment(req)
        let body = try req.apiBody(StatusChange.self)
        let version = try req.requireVersion(body.version)
        guard let status = AppointmentStatus(rawValue: body.status) else { throw ValidationFailure(fields: ["status": "Choose one of the statuses."]) }
        var reason: String?
        if status == .cancelled { reason = try APIReason.checked(body.reason ?? "") }
        guard try await AppointmentQueries.setStatus(record, to: status, reason: reason, from: version, by: try req.user.id, now: req.now,
                                                     on: req.db, audit: req.transactionalAudit) else {
            throw Abort(.conflict, reason: "Someone changed this appointment meanwhile, or it cannot go from its status to that one; read it again.")
        }
        return try await answer(req, try record.requireID(), patientID: patient.id)
    }

    private static func answer(_ req: Request, _ id: UUID, patientID: UUID, status: HTTPStatus = .ok) async throws -> Response {
        guard let record = try await AppointmentQueries.find(id, patientID: patientID, on: req.db), let item = Item(record) else {
            throw Abort(.notFound, reason: "No such appointment.")
        }
        return try req.json(item, status: status)
    }
}
