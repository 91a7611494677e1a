import Fluent
import Foundation
import Plot
import ReliefCore
import Vapor

/// The practice's outcome report, filtered by the query, as a page or as CSV. Practice-wide figures, no patient's
/// data; each reading is audited all the same.
enum OutcomesController {
    private static let filterNames = ["region", "condition", "provider", "from", "to"]

    static func report(req: Request) async throws -> Response {
        let fields = req.queryFields(filterNames)
        let (filter, problems) = OutcomeFilter.parse(fields, today: req.today)
        let report = try await OutcomeReportQueries.report(filter, on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "OutcomeReport", detail: "\(report.lines.count) interventions"))
        let providers = try await User.query(on: req.db).filter(\.$role == Role.physician.rawValue).sort(\.$name).all()
            .compactMap { user in user.id.map { Forms.Option(value: $0.uuidString, title: user.name) } }
        let model = OutcomeReportPage.Model(report: report, fields: fields, problems: problems, providers: providers,
                                            csv: SitePath.outcomesCSV() + DecisionSupportPages.queryString(filter.fields.pairs.map { ($0.name, Optional($0.value)) }))
        return req.page("Outcomes", section: .reports, status: problems.isEmpty ? .ok : .unprocessableEntity, OutcomeReportPage.render(model))
    }

    /// One line per intervention, the figures as numbers (counts, not percentages), for a spreadsheet.
    static func csv(req: Request) async throws -> Response {
        let (filter, problems) = OutcomeFilter.parse(req.queryFields(filterNames), today: req.today)
        guard problems.isEmpty else { throw ValidationFailure(fields: problems) }
        let report = try await OutcomeReportQueries.report(filter, on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "OutcomeReport", detail: "csv, \(report.lines.count) interventions"))
        var csv = "intervention_id,intervention,procedures,patients,followed_up,lost,responders_any,answered_any,responders_6w,answered_6w,responders_3m,answered_3m,"
            + "pain30_6w,answered_pain_6w,pain30_3m,answered_pain_3m,median_relief_days,median_lower,median_upper,complications,"
            + "mme_change_mean,peg_change_mean,function_change_mean,back_at_work,not_working_before\r\n"
        for line in report.lines {
            let totals = line.totals, limits = line.duration.medianLimits
            let numbers: [String] = [
                totals.procedures, line.patients, line.followedUp, totals.lost, totals.peakResponders.yes, totals.peakResponders.of, totals.responders6w.yes, totals.responders6w.of, totals.responders3m.yes,
                totals.responders3m.of, totals.painReduced6w.yes, totals.painReduced6w.of, totals.painReduced3m.yes, totals.painReduced3m.of,
            ].map(String.init) + [line.duration.median, limits.lower, limits.upper].map { $0.map(String.init) ?? "" }
                + [String(line.complications.map(\.count).reduce(0, +))]
                + [totals.mmeChange.value, totals.pegChange.value, totals.functionChange.value].map { $0.map { String(format: "%.2f", $0) } ?? "" }
                + [String(totals.returnedToWork.yes), String(totals.returnedToWork.of)]
            csv += ([CSV.field(line.intervention), CSV.field(line.name)] + numbers).joined(separator: ",") + "\r\n"
        }
        let response = Response(status: .ok, body: .init(string: csv))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "relief-outcomes.csv")
        return response
    }
}
