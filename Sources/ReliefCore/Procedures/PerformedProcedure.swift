/// A procedure done here, as its signed record tells it, read by the rules beside the procedures done elsewhere.
public struct PerformedProcedure: Hashable, Sendable {
    public let date: CalendarDate
    public let note: ProcedureNote
    /// How well it worked, once follow-ups tell it.
    public var peakReliefPercent: Int?
    public var reliefWeeks: Int?

    public init(date: CalendarDate, note: ProcedureNote, peakReliefPercent: Int? = nil, reliefWeeks: Int? = nil) {
        self.date = date
        self.note = note
        self.peakReliefPercent = peakReliefPercent
        self.reliefWeeks = reliefWeeks
    }

    /// The procedure as the rules read it, its steroid as triamcinolone's equivalent; nil if the catalogue dropped it.
    public var fact: ProcedureFact? {
        guard let site = note.site else { return nil }
        return ProcedureFact(intervention: site.intervention.id, region: site.region, levels: site.levels, side: site.side, date: date,
                             peakReliefPercent: peakReliefPercent, reliefWeeks: reliefWeeks, steroidMilligrams: note.steroid?.triamcinoloneEquivalent)
    }
}

extension PriorAuthorizationEntry {
    /// The approved units the procedures done here have used: the units of its codes billed within its dates, or,
    /// when it names no codes, one per session of its procedure.
    public func unitsUsed(by procedures: [PerformedProcedure]) -> Int {
        procedures.filter { procedure in
            (validFrom.map { procedure.date >= $0 } ?? true) && (validUntil.map { procedure.date <= $0 } ?? true)
                && (intervention.map { $0 == procedure.note.intervention } ?? true)
        }.reduce(0) { used, procedure in
            guard !codes.isEmpty else { return used + 1 }
            return used + procedure.note.codes.filter { codes.contains($0.code.code) }.map(\.units).reduce(0, +)
        }
    }
}
