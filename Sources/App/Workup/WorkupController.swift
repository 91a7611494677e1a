import Foundation
import ReliefCore
import Vapor

/// The diagnostic work-up: order, schedule, enter the result with findings, physician review (signed, then
/// closed), cancel; and the practice worklist of open orders and results awaiting review.
enum WorkupController {
    static func index(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let records = try await WorkupQueries.all(patientID: patient.id, on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "ServiceRequest", patientID: patient.id, detail: "list of \(records.count)"))
        let deadlines = try await PracticeSettings.workupDeadlines(on: req.db)
        let rows = try records.map { try row($0, deadlines: deadlines, today: req.today) }
        return try await page(req, patient, "Diagnostic work-up", WorkupPages.index(patientID: patient.id, rows: rows, canOrder: try req.user.can(.chartWrite)))
    }

    static func row(_ record: WorkupRecord, deadlines: WorkupDeadlines, today: CalendarDate) throws -> ChartEntryPages.Row {
        try row(id: try record.requireID(), patientID: record.patientID, test: record.test, status: record.status, orderedOn: record.orderedOn,
                resultedOn: record.resultedOn, request: record.request, result: record.result, deadlines: deadlines, today: today)
    }

    static func row(_ stored: WorkupQueries.OutstandingRow, patientID: UUID, deadlines: WorkupDeadlines,
                    today: CalendarDate) throws -> ChartEntryPages.Row {
        try row(id: stored.id, patientID: patientID, test: stored.test, status: stored.status, orderedOn: stored.orderedOn,
                resultedOn: stored.resultedOn, request: stored.request, result: stored.result, deadlines: deadlines, today: today)
    }

    private static func row(id: UUID, patientID: UUID, test: String, status: String, orderedOn: String, resultedOn: String?,
                            request: String, result: String?, deadlines: WorkupDeadlines, today: CalendarDate) throws -> ChartEntryPages.Row {
        let overdue = deadlines.isOverdue(status: status, orderedOn: orderedOn, resultedOn: resultedOn, today: today)
        let status = OrderStatus(rawValue: status) ?? .ordered
        return WorkupPages.row(try JSONCoding.decode(WorkupOrder.self, request), test: test, status: status, orderedOn: orderedOn,
                               resultedOn: resultedOn, result: try result.map { try JSONCoding.decode(WorkupResult.self, $0) },
                               overdue: overdue, link: SitePath.workupOrder(patientID, id))
    }

    static func new(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        return try await orderForm(req, patient, FormFields([("priority", OrderPriority.routine.rawValue)]), problems: [:])
    }

    static func create(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let (order, problems) = WorkupOrder.parse(fields, today: req.today)
        guard let order else {
            if req.wantsJSON { throw ValidationFailure(fields: problems) }
            return try await orderForm(req, patient, fields, problems: problems, status: .unprocessableEntity)
        }
        let record = try await WorkupQueries.create(order, patientID: patient.id, today: req.today, by: try req.user.id, now: req.now,
                                                    on: req.db, audit: req.transactionalAudit)
        return req.redirect(to: SitePath.workupOrder(patient.id, try record.requireID()), flash: Flash(.success, "Ordered \(order.label)."))
    }

    static func show(req: Request) async throws -> Response {
        let (patient, record) = try await WorkupQueries.order(req)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "ServiceRequest", resourceID: (try record.requireID()).uuidString, patientID: patient.id))
        return try await orderPage(req, patient, record, fields: FormFields(), problems: [:])
    }

    static func schedule(req: Request) async throws -> Response { try await step(req, .schedule) }

    static func result(req: Request) async throws -> Response { try await step(req, .result) }

    static func review(req: Request) async throws -> Response { try await step(req, .review) }

    static func cancel(req: Request) async throws -> Response { try await step(req, .cancel) }

    static func worklist(req: Request) async throws -> Response {
        try await worklistPage(req)
    }

    /// The worklist; `refused` is a date typed on one of its rows that could not be saved, shown there (422).
    private static func worklistPage(_ req: Request, refused: (order: UUID, typed: String, message: String)? = nil) async throws -> Response {
        let user = try req.user
        let clinical = user.can(.clinicalRead)
        let rows = try await WorkupQueries.worklist(statuses: clinical ? [.ordered, .scheduled, .resulted] : [.ordered, .scheduled], on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "ServiceRequest", detail: "worklist of \(rows.count)"))
        let deadlines = try await PracticeSettings.workupDeadlines(on: req.db)
        let line = { (row: WorkupQueries.WorklistRow) -> WorkupPages.WorklistLine in
            let order = try? JSONCoding.decode(WorkupOrder.self, row.request)
            var line = WorkupPages.WorklistLine(
                id: row.id, patient: "\(row.familyName), \(row.givenName) (\(row.mrn))", chart: SitePath.patient(row.patientID), phone: row.phone ?? "",
                ordered: CalendarDate(row.orderedOn)?.display ?? row.orderedOn, test: order?.label ?? row.test,
                order: clinical ? SitePath.workupOrder(row.patientID, row.id) : nil, status: (OrderStatus(rawValue: row.status) ?? .ordered).title,
                overdue: deadlines.isOverdue(status: row.status, orderedOn: row.orderedOn, resultedOn: row.resultedOn, today: req.today),
                scheduledFor: row.scheduledFor.flatMap(CalendarDate.init)?.display ?? "", schedule: SitePath.scheduleWorkupOrder(row.patientID, row.id),
                version: row.version)
            if let refused, refused.order == row.id { line.problem = (refused.typed, refused.message) }
            return line
        }
        let model = WorkupPages.WorklistModel(
            open: rows.filter { OrderStatus(rawValue: $0.status)?.isOpen ?? false }.map(line),
            toReview: clinical ? rows.filter { $0.status == OrderStatus.resulted.rawValue }.map(line) : nil,
            canSchedule: user.can(.workupSchedule), canFollowUp: user.can(.followUpWrite))
        return req.page("Worklists", section: .worklists, status: refused == nil ? .ok : .unprocessableEntity,
                        WorkupPages.worklist(model, csrfToken: req.csrfToken))
    }

    // MARK: - Helpers

    /// A step on one order: parse → change under the version check → back to the order, or the order page with
    /// the problems (422) or the conflict (409).
    private static func step(_ req: Request, _ kind: WorkupStep.Kind) async throws -> Response {
        let (patient, record) = try await WorkupQueries.order(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        guard let version = Int(fields["version"]) else { throw Abort(.badRequest, reason: "The form is missing its version.") }
        let (step, problems) = try WorkupQueries.parse(kind, fields, for: record, today: req.today)
        guard let step else {
            if req.wantsJSON { throw ValidationFailure(fields: problems) }
            if fields["from"] == "worklists", let message = problems["scheduledFor"] {
                return try await worklistPage(req, refused: (try record.requireID(), fields["scheduledFor"], message))
            }
            return try await orderPage(req, patient, record, fields: fields, problems: problems, status: .unprocessableEntity)
        }
        guard try await WorkupQueries.take(step, on: record, from: version, by: try req.user.id, now: req.now, on: req.db,
                                           audit: req.transactionalAudit) else {
            throw Abort(.conflict, reason: "Someone changed this order meanwhile; reload it.")
        }
        let back = fields["from"] == "inbox" ? SitePath.inbox() : fields["from"] == "worklists" ? SitePath.worklists()
            : SitePath.workupOrder(patient.id, try record.requireID())
        return req.redirect(to: back, flash: Flash(.success, step.done))
    }

    private static func orderPage(_ req: Request, _ patient: PatientRecord, _ record: WorkupRecord, fields: FormFields,
                                  problems: [String: String], status: HTTPStatus = .ok) async throws -> Response {
        let order = try record.decodedOrder()
        let names = try await StaffNames.lookup(Set([record.createdBy, record.reviewedBy].compactMap { $0 }), on: req.db)
        var facts: [(String, String)] = [
            ("Status", record.orderStatus.title), ("Ordered", "\(CalendarDate(record.orderedOn)?.display ?? record.orderedOn) by \(record.createdBy.flatMap { names[$0] } ?? "unknown")"),
            ("Priority", order.priority.title), ("Question", order.reason),
        ]
        if let scheduled = record.scheduledFor { facts.append(("Scheduled for", CalendarDate(scheduled)?.display ?? scheduled)) }
        if let reviewed = record.reviewedAt {
            facts.append(("Reviewed", "\(req.displayTime(reviewed)) by \(record.reviewedBy.flatMap { names[$0] } ?? "unknown"): \(record.reviewComment ?? "")"))
        }
        if let reason = record.cancelReason { facts.append(("Cancelled", reason)) }
        let user = try req.user
        let model = WorkupPages.OrderModel(patientID: patient.id, id: try record.requireID(), version: record.version, order: order, status: record.orderStatus,
                                           facts: facts, result: try record.decodedResult(), canChange: user.can(.chartWrite),
                                           canReview: user.can(.noteSign), form: BoundForm(fields: fields, problems: problems),
                                           errors: problems.sorted { $0.key < $1.key }.map { (name: $0.key, message: $0.value) })
        return try await page(req, patient, order.label, WorkupPages.order(model, csrfToken: req.csrfToken), status: status)
    }

    private static func orderForm(_ req: Request, _ patient: PatientRecord, _ fields: FormFields, problems: [String: String],
                                  status: HTTPStatus = .ok) async throws -> Response {
        let order = ["test", "region", "laterality", "contrast", "specialty", "reason"]
        let errors = problems.sorted { (order.firstIndex(of: $0.key) ?? 9) < (order.firstIndex(of: $1.key) ?? 9) }.map { (name: $0.key, message: $0.value) }
        return try await page(req, patient, "Order a test", WorkupPages.orderForm(patientID: patient.id, form: BoundForm(fields: fields, problems: problems),
                                                                                 errors: errors, csrfToken: req.csrfToken), status: status)
    }

    private static func page(_ req: Request, _ patient: PatientRecord, _ title: String, _ content: [BodyNode],
                             status: HTTPStatus = .ok) async throws -> Response {
        req.page(title, section: .patients, banner: try await ChartBanner.model(req, patient), status: status, content)
    }
}
