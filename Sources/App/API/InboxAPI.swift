import Foundation
import ReliefCore
import Vapor

/// The clinical inbox in the JSON API: open alerts and results awaiting review across the practice, and
/// acknowledging one.
enum InboxAPI {
    struct Item: Encodable {
        struct Acknowledgement: Encodable {
            let at: Date
            let by: String
            let note: String
        }

        let id: UUID
        let type: String
        let severity: String
        let message: String
        let since: Date?
        let patient: PatientsAPI.Summary
        /// For a result: the order's version, which its review needs.
        let orderVersion: Int?
        let acknowledgement: Acknowledgement?
    }

    struct Inbox: Encodable {
        let items: [Item]
        let new: Int
        let truncated: Bool
    }

    struct Acknowledged: Encodable {
        let id: UUID
        let acknowledgement: Item.Acknowledgement
    }

    struct Note: Decodable {
        let note: String?
    }

    static let schemas: [(String, APISchema)] = [
        ("InboxItem", .record([
            ("id", .uuid), ("type", .string(choices: ["alert", "result"])),
            ("severity", .string(choices: ["urgent", "warning", "notice"])), ("message", .text), ("since", .nullable(.dateTime)),
            ("patient", .ref("PatientSummary")), ("orderVersion", .nullable(.integer)),
            ("acknowledgement", .nullable(.record([("at", .dateTime), ("by", .text), ("note", .text)]))),
        ])),
        ("Inbox", .record([("items", .array(.ref("InboxItem"))), ("new", .integer), ("truncated", .boolean)])),
        ("InboxAcknowledged", .record([("id", .uuid), ("acknowledgement", .record([("at", .dateTime), ("by", .text), ("note", .text)]))])),
        ("Acknowledgement", .object([("note", .string(shape: .init(maxLength: 1000)))], required: [])),
    ]

    static let endpoints: [APIEndpoint] = [
        APIEndpoint(.GET, ["inbox"], access: .action(.clinicalRead),
                    "Open alerts and results awaiting review across the practice, worst and newest first, unacknowledged ones before the others.",
                    response: .ref("Inbox"), failures: [.unprocessableEntity],
                    query: [("mine", "true: only what the caller raised or ordered; false or absent: everyone's.")], handler: index),
        APIEndpoint(.POST, ["inbox", .item, "acknowledge"], access: .action(.alertAcknowledge),
                    "Acknowledge an open item with an optional note (up to 1,000 characters). 409 when someone acknowledged it first, or it is closed.",
                    request: .ref("Acknowledgement"), response: .ref("InboxAcknowledged"), failures: [.conflict], handler: acknowledge),
    ]

    static func index(req: Request) async throws -> Response {
        let mine = try req.query.get(String?.self, at: "mine")
        guard mine == nil || mine == "true" || mine == "false" else { throw ValidationFailure(fields: ["mine": "Send true or false."]) }
        let deadlines = try await PracticeSettings.workupDeadlines(on: req.db)
        let inbox = try await InboxQueries.inbox(mine: mine == "true" ? try req.user.id : nil, deadlines: deadlines, today: req.today, on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "Inbox", detail: "\(inbox.items.count) item(s)"))
        let today = req.today
        return try req.json(Inbox(items: inbox.items.map { item($0, today: today) }, new: inbox.items.filter { $0.acknowledgement == nil }.count,
                                  truncated: inbox.truncated))
    }

    static func acknowledge(req: Request) async throws -> Response {
        guard let id = req.id(.item) else { throw Abort(.notFound, reason: "No such item.") }
        var reader = FormReader(FormFields([("note", try req.apiBody(Note.self).note ?? "")]), today: req.today)
        let note = reader.text("note", limit: 1000)
        guard reader.problems.isEmpty else { throw ValidationFailure(fields: reader.problems) }
        switch try await InboxQueries.acknowledge(id, note: note, by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit) {
        case .acknowledged:
            return try req.json(Acknowledged(id: id, acknowledgement: .init(at: req.now, by: try req.user.name, note: note)))
        case .already(let first):
            throw Abort(.conflict, reason: "\(first.by) acknowledged it already.")
        case .notOpen:
            throw Abort(.conflict, reason: "This is not open: resolved, reviewed, or not an inbox item.")
        }
    }

    private static func item(_ item: InboxQueries.Item, today: CalendarDate) -> Item {
        Item(id: item.id, type: item.type == .alert ? "alert" : "result", severity: "\(item.alert.severity)", message: item.alert.message,
             since: item.alert.since, patient: PatientsAPI.Summary(item.patient, today: today),
             orderVersion: item.type == .result ? item.version : nil,
             acknowledgement: item.acknowledgement.map { Item.Acknowledgement(at: $0.at, by: $0.by, note: $0.note) })
    }
}
