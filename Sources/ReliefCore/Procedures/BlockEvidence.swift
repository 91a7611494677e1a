/// A diagnostic block judged, as the problem list reads it: evidence for (positive) or against (negative) the
/// diagnoses the block tested. A block done here is judged by its diary; one done elsewhere by the relief recorded
/// for it. This replaces a hand-ticked "diagnostic block" box with the blocks done.
public struct BlockResult: Hashable, Sendable {
    public let date: CalendarDate
    public let site: InterventionSite
    /// The relief held through the anaesthetic's action (%), or the peak relief recorded for a block elsewhere.
    public let sustained: Double
    public let positive: Bool
    /// Where it was done, when not here.
    public let facility: String?

    public init(date: CalendarDate, site: InterventionSite, sustained: Double, positive: Bool, facility: String? = nil) {
        self.date = date
        self.site = site
        self.sustained = sustained
        self.positive = positive
        self.facility = facility
    }

    /// A diagnostic block done elsewhere with its relief recorded, judged against the practice's threshold.
    public init?(_ prior: PriorProcedureEntry, criteria: DecisionCriteria) {
        guard let site = prior.site, BlockDiary.applies(to: site.intervention), let relief = prior.peakReliefPercent else { return nil }
        self.init(date: prior.performedOn, site: site, sustained: Double(relief), positive: relief >= criteria[.facetBlockReliefPercent],
                  facility: prior.facility.isEmpty ? "elsewhere" : prior.facility)
    }

    /// Whether the block tested `diagnosis`: the diagnosis presents as a pattern the block is for, in the block's
    /// region, on a side the block covered (a bilateral block covers either side; a diagnosis without a side any).
    public func tests(_ diagnosis: DiagnosisEntry) -> Bool {
        guard let code = diagnosis.conditionCode, let condition = diagnosis.condition, condition.area == site.region,
              !Set(PainKind.of(code)).isDisjoint(with: site.intervention.indications) else { return false }
        let side = diagnosis.laterality ?? condition.laterality
        return side == nil || site.side == nil || site.side == .bilateral || site.side == side
    }

    /// "Lumbar medial branch block, L4-L5, L5-S1, bilateral, 11/18/2026: positive, 87 % relief held"
    public var summary: String {
        "\(site.label), \(date.display)\(facility.map { " (\($0))" } ?? ""): \(positive ? "positive" : "negative"), "
            + "\(Int(sustained.rounded(.down))) % relief \(facility == nil ? "held" : "recorded")"
    }
}

extension DiagnosisEntry {
    /// The blocks that tested this diagnosis, newest first.
    public func blocks(among results: [BlockResult]) -> [BlockResult] {
        results.filter { $0.tests(self) }.sorted { $0.date > $1.date }
    }

    /// The entry as the problem list shows it: "diagnostic block" among its evidence exactly when a positive block
    /// tested it (what was ticked by hand before diaries existed gives way to the diaries).
    public func withBlockEvidence(_ results: [BlockResult]) -> DiagnosisEntry {
        var entry = self
        entry.evidence.removeAll { $0 == .diagnosticBlock }
        if blocks(among: results).contains(where: \.positive) { entry.evidence.append(.diagnosticBlock) }
        return entry
    }
}
