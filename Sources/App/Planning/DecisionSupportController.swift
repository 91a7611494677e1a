import ReliefCore
import Vapor

/// The patient's treatment options: the catalogue's candidates for the diagnoses ranked by verdict, and one candidate
/// checked in full (the same rules and answers as the JSON API).
enum DecisionSupportController {
    static let fieldNames = ["intervention", "region", "levels", "side", "date", "steroid", "steroidMg"]

    static func show(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let fields = req.queryFields(fieldNames)
        let (candidate, problems) = fields["intervention"].isEmpty ? (nil, [:]) : Candidate.parse(fields, today: req.today)
        let (facts, criteria) = try await DecisionSupportQueries.inputs(for: patient, on: req.db)
        let decision = candidate.map { DecisionSupport.decide($0, for: facts, criteria: criteria) }
        let ranked = DecisionSupport.rank(for: facts, on: candidate?.date ?? req.today, criteria: criteria)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "GuidanceResponse", patientID: patient.id,
                                       detail: decision.map { "\($0.candidate.site.label) on \($0.candidate.date): \($0.verdict.rawValue)" } ?? "candidates"))
        let estimate = if let candidate { try await CostEstimateQueries.estimate(candidate.site, patientID: patient.id, on: req.db) } else { nil as CostEstimateQueries.Priced? }
        let model = DecisionSupportPages.Model(patientID: patient.id, form: BoundForm(fields: fields, problems: problems), decision: decision,
                                               candidates: ranked, today: req.today, estimate: estimate,
                                               canPrepareConsent: try req.user.can(.planWrite))
        return req.page("Treatment options", section: .patients, banner: try await ChartBanner.model(req, patient),
                        status: problems.isEmpty ? .ok : .badRequest, DecisionSupportPages.render(model))
    }
}
