import Fluent
import Foundation
import ReliefCore
import Vapor

/// The audit trail for administrators: filter by user, patient, action and dates; export as CSV.
enum AuditController {
    static let pageSize = 100
    static let exportLimit = 100_000

    struct Filter {
        var user = ""
        var patient = ""
        var action = ""
        var from = ""
        var to = ""
        var page = 1
        var errors: [String: String] = [:]

        init(_ req: Request) {
            func text(_ key: String) -> String { req.queryText(key)?.trimmingCharacters(in: .whitespaces) ?? "" }
            user = text("user")
            patient = text("patient")
            action = text("action")
            from = text("from")
            to = text("to")
            page = max(1, Int(text("page")) ?? 1)
            if !from.isEmpty, CalendarDate(from) == nil { errors["from"] = "Enter a date as MM/DD/YYYY." }
            if !to.isEmpty, CalendarDate(to) == nil { errors["to"] = "Enter a date as MM/DD/YYYY." }
            if !action.isEmpty, AuditAction(rawValue: action) == nil { errors["action"] = "Choose an action from the list." }
        }

        var queryString: String {
            [("user", user), ("patient", patient), ("action", action), ("from", from), ("to", to)]
                .filter { !$0.1.isEmpty }
                .map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? "")" }
                .joined(separator: "&")
        }
    }

    static func index(req: Request) async throws -> Response {
        let filter = Filter(req)
        let events = filter.errors.isEmpty
            ? try await query(filter, on: req.db).range(((filter.page - 1) * pageSize)..<(filter.page * pageSize + 1)).all()
            : []
        try await req.audit(AuditEntry(action: .auditView, resourceType: "AuditEvent", detail: filter.queryString))
        let rows = events.prefix(pageSize).map { AuditPage.Row($0, time: req.displayTime($0.occurredAt)) }
        return req.page("Audit trail", section: .admin,
                        AuditPage.render(filter: filter, rows: Array(rows), hasMore: events.count > pageSize))
    }

    static func export(req: Request) async throws -> Response {
        let filter = Filter(req)
        guard filter.errors.isEmpty else { throw ValidationFailure(fields: filter.errors) }
        let events = try await query(filter, on: req.db).limit(exportLimit).all()
        try await req.audit(AuditEntry(action: .auditExport, resourceType: "AuditEvent", detail: "\(filter.queryString) rows=\(events.count)"))
        var csv = "occurred_at,user_email,role,action,resource_type,resource_id,patient_id,ip,user_agent,outcome,detail\r\n"
        let iso = ISO8601DateFormatter()
        for event in events {
            let fields = [iso.string(from: event.occurredAt), event.userEmail, event.role, event.action, event.resourceType,
                          event.resourceID, event.patientID?.uuidString, event.ip, event.userAgent, event.outcome, event.detail]
            csv += fields.map { CSV.field($0 ?? "") }.joined(separator: ",") + "\r\n"
        }
        let response = Response(status: .ok, body: .init(string: csv))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "relief-audit.csv")
        return response
    }

    static func query(_ filter: Filter, on database: any Database) async throws -> QueryBuilder<AuditEvent> {
        let query = AuditEvent.query(on: database).sort(\.$occurredAt, .descending)
        if !filter.user.isEmpty { query.filter(\.$userEmail == User.normalize(email: filter.user)) }
        if !filter.action.isEmpty { query.filter(\.$action == filter.action) }
        if !filter.patient.isEmpty {
            // A patient is named by MRN or by the id in the chart's address.
            var id = UUID(uuidString: filter.patient)
            if id == nil, let mrn = MedicalRecordNumber(filter.patient) {
                id = try await PatientQueries.find(mrn: mrn, on: database)?.id
            }
            query.filter(\.$patientID == (id ?? UUID()))
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        func start(of date: CalendarDate) -> Date? {
            calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))
        }
        if let from = CalendarDate(filter.from).flatMap(start) { query.filter(\.$occurredAt >= from) }
        if let to = CalendarDate(filter.to).flatMap(start) { query.filter(\.$occurredAt < to.addingTimeInterval(86_400)) }
        return query
    }
}

/// Quoting for CSV: fields with commas, quotes or line breaks are quoted; a leading =, +, - or @ is
/// neutralised so a spreadsheet does not run it as a formula.
enum CSV {
    static func field(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
        guard value.contains(where: { ",\"\r\n".contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension CharacterSet {
    static let urlQueryValueAllowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+?#"))
}
