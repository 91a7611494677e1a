import Plot
import ReliefCore
import Vapor

/// Reminders: the list to call (everyone without a mail server; with one, those without an e-mail address or whose
/// e-mail did not go), each call's outcome recorded.
enum ReminderCallsController {
    static func index(req: Request) async throws -> Response {
        let due = try await ReminderQueries.due(today: req.today, on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "Appointment", detail: "reminder calls, \(due.count)"))
        let directory = try await ScheduleDirectory.load(on: req.db)
        let emails = try await OutboxQueries.reminders(of: due.compactMap(\.0.id), on: req.db)
        let rows = due.compactMap { record, patient, calls -> ReminderCallsPage.Row? in
            directory.line(record).map { line in
                ReminderCallsPage.Row(line: line, patient: patient.displayName, phone: patient.phone ?? "", calls: calls.map { call in
                    [req.displayTime(call.contactedAt), ReminderOutcome(rawValue: call.outcome)?.title.lowercased() ?? call.outcome, call.note]
                        .filter { !$0.isEmpty }.joined(separator: ": ")
                }, email: record.id.flatMap { emails[$0] }.flatMap(emailLine))
            }
        }
        let model = ReminderCallsPage.Model(rows: rows, lastDay: ReminderCalls.lastDay(after: req.today), canRecord: try req.user.can(.appointmentBook),
                                            mailing: req.application.config.mail != nil)
        return req.page("Reminder calls", section: .schedule, ReminderCallsPage.render(model, csrfToken: req.csrfToken))
    }

    /// The e-mail reminder's state where it still needs attention; a sent one shows among the reminders so far.
    private static func emailLine(_ status: OutboxQueries.Status) -> String? {
        switch status.status {
        case "queued" where status.lastError != nil: "E-mail to \(status.recipient) not taken yet (\(status.lastError ?? "")); trying again"
        case "queued", "sending": "E-mail to \(status.recipient) about to go"
        case "failed": "E-mail to \(status.recipient) not sent: \(status.lastError ?? "refused"). Call instead."
        default: nil
        }
    }

    static func record(req: Request) async throws -> Response {
        let (_, record) = try await AppointmentQueries.appointment(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let (call, problems) = ReminderCalls.parse(fields, today: req.today)
        guard let (outcome, note) = call else {
            return req.redirect(to: SitePath.reminderCalls(), flash: Flash(.warning, "Not recorded: " + problems.values.sorted().joined(separator: " ")))
        }
        let done = try await ReminderQueries.record(outcome, note: note, for: record, from: Int(fields["version"]) ?? -1, by: try req.user.id,
                                                    now: req.now, on: req.db, audit: req.transactionalAudit)
        return req.redirect(to: SitePath.reminderCalls(), flash: done ? Flash(.success, "Recorded: \(outcome.title.lowercased()).")
                                                                      : Flash(.warning, "The appointment changed meanwhile; nothing was recorded."))
    }
}
