import Plot
import ReliefCore
import Vapor

/// The front desk's cost estimate for a planned procedure, from the fee schedule and the primary coverage's benefits.
enum CostEstimateController {
    static let fieldNames = ["intervention", "region", "levels", "side"]

    /// The procedure the query names, or nil with the field problems (nil without problems when none is named yet).
    static func site(_ req: Request) -> (InterventionSite?, FormFields, [String: String]) {
        let fields = req.queryFields(fieldNames)
        guard !fields["intervention"].isEmpty else { return (nil, fields, [:]) }
        var reader = FormReader(fields, today: req.today)
        let site = InterventionSite.read(&reader, procedures: true)
        return (site, fields, reader.problems)
    }

    static func show(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let (site, fields, problems) = site(req)
        let priced = if let site { try await CostEstimateQueries.estimate(site, patientID: patient.id, on: req.db) } else { nil as CostEstimateQueries.Priced? }
        if let site {
            try await req.audit(AuditEntry(action: .recordView, resourceType: "Coverage", patientID: patient.id, detail: "cost estimate for \(site.label)"))
        }
        let form = BoundForm(fields: fields, problems: problems)
        let controls: [BodyNode] = [
            form.intervention("intervention", "Procedure", procedures: true),
            Forms.row([form.choose("region", "Region", BodyArea.self, required: true), form.text("levels", "Levels", hint: "Like L4-L5, L5-S1"),
                       form.choose("side", "Side", Laterality.self)]),
        ]
        return req.page("Cost estimate", section: .patients, banner: try await ChartBanner.model(req, patient), status: problems.isEmpty ? .ok : .badRequest, [
            .tag("h1", text: "Cost estimate"),
            Forms.errorSummary(form.errors),
            .tag("form", [("method", "get"), ("action", SitePath.costEstimate(patient.id)), ("class", "card no-print"), ("novalidate", nil)],
                 controls + [.tag("div", [("class", "actions")], [Forms.submit("Estimate")])]),
            .unwrap(priced) { .group([CostEstimatePages.render($0), .tag("p", [("class", "muted no-print")], text: "Print this page for the patient (Ctrl+P).")]) },
        ])
    }
}
