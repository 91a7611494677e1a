/// The demo's insurance: Medicare from 65 (a third with a supplement as secondary), commercial, Medicaid or workers'
/// compensation below, a few self-pay; each with a benefits check from the last month. Payers that ask for prior
/// authorisation have one per planned procedure, some about to end. The fees are examples for the demo only.
public enum DemoCoverage {
    public static func coverages(index: Int, seed: UInt64, age: Int, subscriber: String, today: CalendarDate) -> [CoverageEntry] {
        var random = SeededGenerator(seed: (seed &* 7_919) ^ UInt64(index) &+ 0xC0DE)
        let member = String(format: "%@%09d", random.pick(["W", "X", "H", "Q"]), Int(random.next() % 1_000_000_000))
        let yearStart = CalendarDate(year: today.year, month: 1, day: 1)
        func checked(_ entry: CoverageEntry, deductible: Int, met: Int, coinsurance: Int, copay: Int?, maximum: Int, spent: Int) -> CoverageEntry {
            var entry = entry
            entry.checkedOn = today.adding(days: -Int(random.next() % 30))
            entry.checkedBy = random.pick(["Availity portal", "Payer phone line", "Clearinghouse 271"])
            entry.deductible = Money(cents: deductible * 100)
            entry.deductibleRemaining = Money(cents: max(0, deductible - met) * 100)
            entry.coinsurancePercent = coinsurance
            entry.copay = copay.map { Money(cents: $0 * 100) }
            entry.outOfPocketMax = Money(cents: maximum * 100)
            entry.outOfPocketRemaining = Money(cents: max(0, maximum - spent) * 100)
            return entry
        }
        if age >= 65 {
            let primary = checked(CoverageEntry(payerKind: .medicare, payer: "Medicare Part B", memberID: member, subscriber: subscriber, startOn: yearStart),
                                  deductible: 257, met: random.pick([0, 120, 257]), coinsurance: 20, copay: nil, maximum: 99_999, spent: 0)
            guard random.chance(0.35) else { return [primary] }
            var supplement = CoverageEntry(payerKind: .commercial, payer: random.pick(["AARP Medicare Supplement", "Mutual of Omaha Plan G"]),
                                           plan: "Plan G", memberID: member + "01", subscriber: subscriber, startOn: yearStart, priority: .secondary)
            supplement.note = "Pays the Part B coinsurance after the Medicare deductible."
            return [primary, supplement]
        }
        switch random.weighted([("commercial", 70), ("medicaid", 12), ("workers", 8), ("self", 10)]) {
        case "commercial":
            let payer = random.pick(["Blue Cross Blue Shield", "Aetna", "UnitedHealthcare", "Cigna", "Humana"])
            let deductible = random.pick([1_500, 3_000, 5_000])
            return [checked(CoverageEntry(payerKind: .commercial, payer: payer, plan: random.pick(["PPO", "HMO", "HDHP"]), memberID: member,
                                          groupID: String(format: "G%05d", Int(random.next() % 100_000)), subscriber: subscriber, startOn: yearStart),
                            deductible: deductible, met: random.pick([0, deductible / 2, deductible]), coinsurance: random.pick([10, 20, 30]),
                            copay: random.pick([nil, 40, 60]), maximum: deductible * 3, spent: random.pick([0, deductible, deductible * 2]))]
        case "medicaid":
            return [checked(CoverageEntry(payerKind: .medicaid, payer: "Illinois Medicaid", memberID: member, subscriber: subscriber, startOn: yearStart),
                            deductible: 0, met: 0, coinsurance: 0, copay: 4, maximum: 0, spent: 0)]
        case "workers":
            var claim = CoverageEntry(payerKind: .workersCompensation, payer: "Illinois Workers' Compensation", memberID: "WC-" + member,
                                      subscriber: "Employer", relationship: .other, startOn: today.adding(days: -200))
            claim.note = "Claim for the injury at work; authorisation needed for every procedure."
            return [claim]
        default:
            return [CoverageEntry(payerKind: .selfPay, payer: "Self-pay", subscriber: subscriber)]
        }
    }

    /// One approved authorisation per procedure in `plan` when the primary payer asks for it (commercial, Medicare
    /// Advantage, workers' compensation): most valid for 90 days, one in five ending within two weeks.
    public static func authorizations(index: Int, seed: UInt64, plan: CarePlanContent, primary: CoverageEntry?,
                                      today: CalendarDate) -> [PriorAuthorizationEntry] {
        guard let primary, [.commercial, .medicareAdvantage, .workersCompensation].contains(primary.payerKind) else { return [] }
        var random = SeededGenerator(seed: (seed &* 104_729) ^ UInt64(index) &+ 0xA117)
        return plan.sequenced.compactMap { component in
            guard let site = component.site, site.intervention.isProcedure, let billing = site.intervention.billing(for: site.region) else { return nil }
            let lines = billing.lines(levels: max(site.levels.count, 1), side: site.side)
            let from = min(component.startOn ?? plan.startOn, today).adding(days: -7)
            let ending = random.chance(0.2) ? today.adding(days: Int(random.next() % 14)) : from.adding(days: 90)
            return PriorAuthorizationEntry(payer: primary.payer, reference: String(format: "PA-%07d", Int(random.next() % 10_000_000)), status: .approved,
                                           intervention: site.intervention.id, codes: lines.map(\.code.code), units: lines.map(\.units).reduce(0, +),
                                           requestedOn: from.adding(days: -10), validFrom: from, validUntil: ending)
        }
    }

    /// Example fees for the demo practice (not a fee schedule to use): a flat amount by kind of code.
    public static var fees: FeeSchedule {
        FeeSchedule(Dictionary(uniqueKeysWithValues: FeeSchedule.codes.map { code in
            (code.code, Money(cents: (code.isAddOn ? 150 : code.code.hasPrefix("6") ? 450 : 250) * 100))
        }))
    }
}
