import Fluent
import Foundation
import ReliefCore

/// Prices a planned procedure for the patient: its claim lines from the catalogue, the practice's fee schedule,
/// and the primary coverage's latest benefits check.
enum CostEstimateQueries {
    /// What the split rests on.
    enum Basis: Equatable {
        case benefits(CoverageEntry)
        case selfPay
        /// Insurance whose benefits nobody has checked yet: no split can be given.
        case unchecked(CoverageEntry)
        case noCoverage
    }

    struct Priced {
        let site: InterventionSite
        let estimate: CostEstimate
        let basis: Basis
    }

    /// Nil for what the catalogue does not bill (the rest of the plan).
    static func estimate(_ site: InterventionSite, patientID: UUID, on database: any Database) async throws -> Priced? {
        guard let billing = site.intervention.billing(for: site.region) else { return nil }
        let coverage = try await ChartEntryQueries.entries(CoverageEntry.self, patientID: patientID, on: database).map(\.1)
            .first { $0.isCurrent && $0.priority == .primary }
        let basis: Basis = switch coverage {
        case .none: .noCoverage
        case .some(let coverage) where coverage.payerKind == .selfPay: .selfPay
        case .some(let coverage): coverage.benefits == nil ? .unchecked(coverage) : .benefits(coverage)
        }
        let benefits: Benefits? = if case .benefits(let coverage) = basis { coverage.benefits } else { nil }
        let fees = try await PracticeSettings.snapshot(on: database).fees
        let lines = billing.lines(levels: site.levels.count, side: site.side)
        return Priced(site: site, estimate: CostEstimate(lines: lines, fees: fees.fees, benefits: benefits), basis: basis)
    }
}
