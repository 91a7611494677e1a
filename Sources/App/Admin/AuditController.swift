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
        let patients = try await patients(filter, on: req.db)
        let events = filter.errors.isEmpty && patients != []
            ? try await query(filter, patients: patients, on: req.db).range(((filter.page - 1) * pageSize)..<(filter.page * pageSize + 1)).all()
            : []
        try await req.audit(AuditEntry(action: .auditView, resourceType: "AuditEvent", detail: filter.queryString))
        let shown = Array(events.prefix(pageSize))
        let names = try await PatientQueries.summaries(ids: Set(shown.compactMap(\.patientID)), on: req.db)
        let model = AuditPage.Model(
            filter: filter, rows: shown.map { AuditPage.Row($0, time: req.displayTimeToTheSecond($0.occurredAt), patient: $0.patientID.flatMap { names[$0] }) },
            matched: patients?.map { "\($0.displayName) (MRN \($0.mrn))" }, hasMore: events.count > pageSize)
        return req.page("Audit trail", section: .admin, AuditPage.render(model))
    }

    /// The patients the filter names: by the id in a chart's address, by MRN (removed patients too: the trail still
    /// names them), or by what the patient search takes (a name, "smith, jo", a birth date). Nil without a patient filter.
    static func patients(_ filter: Filter, on database: any Database) async throws -> [PatientSummary]? {
        guard !filter.patient.isEmpty else { return nil }
        if let id = UUID(uuidString: filter.patient) { return Array(try await PatientQueries.summaries(ids: [id], on: database).values) }
        if let mrn = MedicalRecordNumber(filter.patient), let patient = try await PatientQueries.find(mrn: mrn, on: database) {
            return Array(try await PatientQueries.summaries(ids: [patient.id], on: database).values)
        }
        guard let query = PatientSearchQuery(filter.patient) else { return [] }
        return try await PatientQueries.search(query, on: database)
    }

    static func export(req: Request) async throws -> Response {
        let filter = Filter(req)
        guard filter.errors.isEmpty else { throw ValidationFailure(fields: filter.errors) }
        let patients = try await patients(filter, on: req.db)
        let events = patients == [] ? [] : try await query(filter, patients: patients, on: req.db).limit(exportLimit).all()
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

    static func query(_ filter: Filter, patients: [PatientSummary]?, on database: any Database) async throws -> QueryBuilder<AuditEvent> {
        let query = AuditEvent.query(on: database).sort(\.$occurredAt, .descending)
        if !filter.user.isEmpty { query.filter(\.$userEmail == User.normalize(email: filter.user)) }
        if !filter.action.isEmpty { query.filter(\.$action == filter.action) }
        if let patients { query.filter(\.$patientID ~~ patients.map(\.id)) }
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
