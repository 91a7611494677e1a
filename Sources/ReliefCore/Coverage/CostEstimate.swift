/// What the payer's benefits leave to the patient this year, as a benefits check found them.
public struct Benefits: Hashable, Codable, Sendable {
    public var deductibleRemaining: Money
    /// The patient's share after the deductible, in percent.
    public var coinsurancePercent: Int
    /// A flat amount per procedure, taken before coinsurance.
    public var copay: Money
    public var outOfPocketRemaining: Money?

    public init(deductibleRemaining: Money = .zero, coinsurancePercent: Int = 0, copay: Money = .zero, outOfPocketRemaining: Money? = nil) {
        self.deductibleRemaining = deductibleRemaining
        self.coinsurancePercent = coinsurancePercent
        self.copay = copay
        self.outOfPocketRemaining = outOfPocketRemaining
    }
}

/// One claim line priced from the practice's fee schedule.
public struct EstimateLine: Hashable, Sendable {
    public let line: BilledLine
    /// The allowed amount for one unit, from the fee schedule; nil when the practice has not set it.
    public let fee: Money?

    /// Units times the fee, at `bilateralPercent` for a line billed for both sides.
    public func allowed(bilateralPercent: Int) -> Money? {
        fee.map { Money(cents: $0.cents * line.units) }.map { line.modifiers.contains("50") ? $0.percent(bilateralPercent) : $0 }
    }
}

/// The split of a planned procedure's allowed amount between the patient and the payer: the deductible first, then
/// the copay, then coinsurance on the rest, the patient's share capped at what remains of the out-of-pocket
/// maximum. Without benefits (self-pay) the patient pays the whole allowed amount.
public struct CostEstimate: Hashable, Sendable {
    public let lines: [EstimateLine]
    public let allowed: Money
    public let deductible: Money
    public let copay: Money
    public let coinsurance: Money
    /// How much the out-of-pocket maximum took off the patient's share.
    public let capped: Money
    public let patient: Money
    public let payer: Money
    /// Codes without a fee: the estimate leaves them out and says so.
    public let unpriced: [String]

    /// Medicare pays 150 % of one side for a procedure billed with modifier 50 (bilateral indicator 1).
    public static let bilateralPercent = SourcedValue(150, ClinicalSource("Medicare physician fee schedule bilateral indicator 1; not in REFERENCE.md, verify", .unconfirmed))

    public init(lines billed: [BilledLine], fees: [String: Money], benefits: Benefits?, bilateralPercent: Int = CostEstimate.bilateralPercent.value) {
        lines = billed.map { EstimateLine(line: $0, fee: fees[$0.code.code]) }
        unpriced = lines.filter { $0.fee == nil }.map(\.line.code.code)
        allowed = lines.compactMap { $0.allowed(bilateralPercent: bilateralPercent) }.reduce(.zero, +)
        guard let benefits else {
            (deductible, copay, coinsurance, capped, patient, payer) = (.zero, .zero, .zero, .zero, allowed, .zero)
            return
        }
        deductible = min(allowed, benefits.deductibleRemaining)
        let afterDeductible = allowed - deductible
        copay = min(afterDeductible, benefits.copay)
        coinsurance = (afterDeductible - copay).percent(benefits.coinsurancePercent)
        let share = deductible + copay + coinsurance
        let limit = benefits.outOfPocketRemaining.map { min(share, $0) } ?? share
        capped = share - limit
        patient = limit
        payer = allowed - patient
    }
}
