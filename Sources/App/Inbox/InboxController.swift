import Foundation
import ReliefCore
import Vapor

/// The clinical inbox: what is open on any chart, and acknowledging it.
enum InboxController {
    static func index(req: Request) async throws -> Response {
        try await page(req)
    }

    /// The inbox; `refused` is a note that could not be kept, shown on its item as typed (422).
    private static func page(_ req: Request, refused: (item: UUID, note: String, message: String)? = nil) async throws -> Response {
        let user = try req.user
        let mine = req.query[String.self, at: "mine"] == "1"
        let deadlines = try await PracticeSettings.workupDeadlines(on: req.db)
        let inbox = try await InboxQueries.inbox(mine: mine ? user.id : nil, deadlines: deadlines, today: req.today, on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "Inbox", detail: "\(inbox.items.count) item(s)"))
        let today = req.today
        let model = InboxPage.Model(
            rows: inbox.items.map { item in
                var row = row(item, today: today, time: req.displayTime)
                if let refused, refused.item == item.id { row.refused = (refused.note, refused.message) }
                return row
            }, mine: mine, truncated: inbox.truncated,
            canAcknowledge: user.can(.alertAcknowledge), canResolve: user.can(.alertResolve), canReview: user.can(.noteSign))
        return req.page("Inbox", section: .inbox, status: refused == nil ? .ok : .unprocessableEntity,
                        InboxPage.render(model, csrfToken: req.csrfToken))
    }

    static func acknowledge(req: Request) async throws -> Response {
        guard let id = req.id(.item) else { throw Abort(.notFound, reason: "No such item.") }
        var reader = FormReader(FormFields(urlEncoded: req.body.string ?? ""), today: req.today)
        let note = reader.text("note", limit: 1000)
        if let problem = reader.problems["note"] {
            return try await page(req, refused: (id, FormFields(urlEncoded: req.body.string ?? "")["note"], problem))
        }
        switch try await InboxQueries.acknowledge(id, note: note, by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit) {
        case .acknowledged:
            return req.redirect(to: SitePath.inbox(), flash: Flash(.success, "Acknowledged."))
        case .already(let first):
            return req.redirect(to: SitePath.inbox(), flash: Flash(.info, "\(first.by) acknowledged it already, \(req.displayTime(first.at))."))
        case .notOpen:
            return req.redirect(to: SitePath.inbox(), flash: Flash(.info, "That is no longer open: it was resolved or reviewed meanwhile."))
        }
    }

    private static func row(_ item: InboxQueries.Item, today: CalendarDate, time: (Date) -> String) -> InboxPage.Row {
        let patient = item.patient, birth = CalendarDate(patient.birthDate)
        let since = item.alert.since.map { item.type == .alert ? "raised \(time($0))" : "resulted \(CalendarDate($0, in: TimeZone(secondsFromGMT: 0)!).display)" } ?? ""
        return InboxPage.Row(
            id: item.id, severity: item.alert.severity, message: item.alert.message, since: since, patientName: patient.displayName,
            patientFacts: "MRN \(patient.mrn) · DOB \(birth?.display ?? patient.birthDate)", chart: SitePath.patient(patient.id),
            order: item.type == .result ? (SitePath.workupOrder(patient.id, item.id), item.version) : nil,
            resolve: item.type == .alert ? SitePath.resolveAlert(patient.id, item.id) : nil,
            acknowledgement: item.acknowledgement.map { "Acknowledged by \($0.by), \(time($0.at))" + ($0.note.isEmpty ? "." : ": \($0.note)") })
    }
}
