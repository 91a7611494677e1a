import Foundation
import ReliefCore
import Vapor

/// A planned procedure's cost estimate in the JSON API: the claim lines priced from the fee schedule and the split
/// by the primary coverage's latest benefits check.
enum CostEstimateAPI {
    struct Line: Encodable {
        let code: String
        let addOn: Bool
        let units: Int
        let modifiers: [String]
        let fee: String?
        let allowed: String?
    }

    struct Estimate: Encodable {
        let intervention: String
        let basis: String
        let coverage: String?
        let lines: [Line]
        let allowed: String
        let deductible: String?
        let copay: String?
        let coinsurance: String?
        let cappedByOutOfPocket: String?
        let patient: String?
        let payer: String?
        let unpriced: [String]

        init(_ priced: CostEstimateQueries.Priced) {
            let estimate = priced.estimate
            intervention = priced.site.intervention.id
            let (basis, coverage): (String, CoverageEntry?) = switch priced.basis {
            case .benefits(let coverage): ("benefits", coverage)
            case .selfPay: ("self-pay", nil)
            case .unchecked(let coverage): ("benefits-not-checked", coverage)
            case .noCoverage: ("no-coverage", nil)
            }
            self.basis = basis
            self.coverage = coverage?.label
            lines = estimate.lines.map { line in
                Line(code: line.line.code.code, addOn: line.line.code.isAddOn, units: line.line.units, modifiers: line.line.modifiers,
                     fee: line.fee?.plain, allowed: line.allowed(bilateralPercent: CostEstimate.bilateralPercent.value)?.plain)
            }
            allowed = estimate.allowed.plain
            let split = basis == "benefits" || basis == "self-pay"
            deductible = split ? estimate.deductible.plain : nil
            copay = split ? estimate.copay.plain : nil
            coinsurance = split ? estimate.coinsurance.plain : nil
            cappedByOutOfPocket = split ? estimate.capped.plain : nil
            patient = split ? estimate.patient.plain : nil
            payer = split ? estimate.payer.plain : nil
            unpriced = estimate.unpriced
        }
    }

    private static let amount = APISchema.string(format: "decimal")

    static let schemas: [(String, APISchema)] = [
        ("CostEstimate", .record([
            ("intervention", .text), ("basis", .string(choices: ["benefits", "self-pay", "benefits-not-checked", "no-coverage"])),
            ("coverage", .nullable(.text)),
            ("lines", .array(.record([("code", .text), ("addOn", .boolean), ("units", .integer), ("modifiers", .array(.text)),
                                      ("fee", .nullable(amount)), ("allowed", .nullable(amount))]))),
            ("allowed", amount), ("deductible", .nullable(amount)), ("copay", .nullable(amount)), ("coinsurance", .nullable(amount)),
            ("cappedByOutOfPocket", .nullable(amount)), ("patient", .nullable(amount)), ("payer", .nullable(amount)), ("unpriced", .array(.text)),
        ])),
    ]

    static let endpoints: [APIEndpoint] = [
        APIEndpoint(.GET, ["patients", .patient, "cost-estimate"], access: .action(.patientRead),
                    "Estimate what a planned procedure costs the patient and the payer (amounts as decimal strings in dollars). The shares are null until the primary coverage's benefits are checked. 422 names each bad query parameter.",
                    response: .ref("CostEstimate"), failures: [.unprocessableEntity],
                    query: [("intervention", "The procedure's catalogue id (required)."), ("region", "The body region (required)."),
                            ("levels", "Spinal levels, comma-separated."), ("side", "left, right or bilateral.")], handler: estimate),
    ]

    static func estimate(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        var (site, _, problems) = CostEstimateController.site(req)
        if site == nil, problems.isEmpty { problems["intervention"] = "Choose the procedure." }
        guard let site, let priced = try await CostEstimateQueries.estimate(site, patientID: patient.id, on: req.db) else {
            throw ValidationFailure(fields: problems)
        }
        try await req.audit(AuditEntry(action: .recordView, resourceType: "Coverage", patientID: patient.id, detail: "cost estimate for \(site.label)"))
        return try req.json(Estimate(priced))
    }
}
