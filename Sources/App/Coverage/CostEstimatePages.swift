import Foundation
import Plot
import ReliefCore

/// A procedure's cost estimate: the claim lines priced, and the patient's and payer's shares with how they follow
/// from the benefits check. Printable for the patient.
enum CostEstimatePages {
    static func render(_ priced: CostEstimateQueries.Priced) -> BodyNode {
        let estimate = priced.estimate
        let split: Bool = if case .benefits = priced.basis { true } else { priced.basis == .selfPay }
        return .tag("section", [("class", "card estimate"), ("aria-labelledby", "estimate-heading")], [
            .tag("h2", [("id", "estimate-heading")], text: "Estimated cost"),
            .tag("p", text: basisText(priced.basis)),
            .tag("table", [("class", "list")], [
                .tableHead(["Code", "Units", "Modifier", "Fee per unit", "Allowed"]),
                .tag("tbody", [], estimate.lines.map { line in
                    .tag("tr", [], [
                        "\(line.line.code.isAddOn ? "+" : "")\(line.line.code.code) \(line.line.code.label)", String(line.line.units),
                        line.line.modifiers.joined(separator: ", "), line.fee?.description ?? "not in the fee schedule",
                        line.allowed(bilateralPercent: CostEstimate.bilateralPercent.value)?.description ?? "—",
                    ].map { .tag("td", text: $0) })
                }),
            ]),
            .tag("dl", [("class", "facts")], [
                ("Allowed in all", estimate.allowed.description),
            ].map(fact) + (split ? [
                ("From the deductible", estimate.deductible.description), ("Copay", estimate.copay.description),
                ("Coinsurance", estimate.coinsurance.description),
            ].map(fact) + (estimate.capped > .zero ? [fact(("Taken off by the out-of-pocket maximum", estimate.capped.description))] : []) + [
                .group([.tag("dt", text: "The patient pays"), .tag("dd", [], [.tag("strong", text: estimate.patient.description)])]),
                fact(("The payer pays", estimate.payer.description)),
            ] : [])),
            .if(!estimate.unpriced.isEmpty, .tag("p", [("class", "notice warning")],
                                                 text: "Not in the fee schedule, so left out: \(estimate.unpriced.joined(separator: ", ")).")),
            .tag("p", [("class", "muted")], text: "An estimate from the practice's fees and the latest benefits check, not a bill: the payer decides what it "
                 + "allows. Both sides in one session are counted at \(CostEstimate.bilateralPercent.value) % of one side."),
        ])
    }

    private static func fact(_ pair: (String, String)) -> BodyNode { .group([.tag("dt", text: pair.0), .tag("dd", text: pair.1)]) }

    private static func basisText(_ basis: CostEstimateQueries.Basis) -> String {
        switch basis {
        case .benefits(let coverage):
            "\(coverage.label), benefits checked \(coverage.checkedOn?.display ?? "")\(coverage.checkedBy.isEmpty ? "" : " (\(coverage.checkedBy))")."
        case .selfPay: "Self-pay: the patient pays the allowed amount."
        case .unchecked(let coverage): "\(coverage.label): the benefits have not been checked yet, so the shares cannot be estimated."
        case .noCoverage: "No coverage recorded: check insurance, or the patient pays as self-pay."
        }
    }
}
