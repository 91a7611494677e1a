/// The pain diary after a diagnostic block (medial branch, facet or sacroiliac injection, selective nerve root
/// block): pain 0–10 at set times after it, by the patient or by a nurse's call, read against the pain just before
/// and the local anaesthetic given (REFERENCE §2: ≥ 80 % relief of the index pain, lasting as long as the anaesthetic
/// should).
public struct BlockDiary: Hashable, Codable, Sendable {
    /// Minutes after the block.
    public static let times = [15, 30, 60, 120, 240, 360, 480]

    /// Pain (0–10) by minutes after the block.
    public var pains: [Int: Int]

    public init(pains: [Int: Int] = [:]) { self.pains = pains }

    /// Whether the intervention is judged by a diary.
    public static func applies(to intervention: Intervention) -> Bool {
        ([.facet, .sacroiliac].contains(intervention.category) || intervention.id == "selective-nerve-root-block")
            && intervention.purpose != .therapeutic && intervention.usesLocalAnaesthetic
    }

    public static func field(_ minutes: Int) -> String { "pain.\(minutes)" }

    /// The last day entries are taken for a block done on `date`: the day after (the 8-hour answer may come the next
    /// morning); a diary is also closed by hand once complete.
    public static func lastDay(after date: CalendarDate) -> CalendarDate { date.adding(days: 1) }

    /// "15 minutes", "1 hour", "8 hours"
    public static func label(_ minutes: Int) -> String {
        minutes < 60 ? "\(minutes) minutes" : minutes == 60 ? "1 hour" : "\(minutes / 60) hours"
    }

    /// Reads the form (`pain.15` … `pain.480`, 0–10; empty ones are not yet known), keeping what was entered before.
    public func parse(_ fields: FormFields, today: CalendarDate) -> (BlockDiary?, [String: String]) {
        var reader = FormReader(fields, today: today)
        var pains = self.pains
        for minutes in Self.times {
            if let pain = reader.integer(Self.field(minutes), in: 0...10) { pains[minutes] = pain }
        }
        return reader.problems.isEmpty ? (BlockDiary(pains: pains), [:]) : (nil, reader.problems)
    }

    public var fields: FormFields {
        var fields = FormFields()
        for (minutes, pain) in pains { fields.set(Self.field(minutes), String(pain)) }
        return fields
    }

    /// What the diary says so far for a block with `painBefore` and these injectates, under the practice's criteria.
    public func reading(painBefore: Int, medications: [InjectedMedication], criteria: DecisionCriteria) -> DiaryReading {
        DiaryReading(self, painBefore: painBefore, medications: medications, criteria: criteria)
    }
}

/// A diary read: relief at each time, the anaesthetic's expected duration, the relief held through it, and whether
/// that reaches the practice's threshold. Advice for the clinician, with its facts and sources.
public struct DiaryReading: Sendable {
    public let reliefs: [(minutes: Int, percent: Double)]
    public let anaesthetic: Injectate?
    public let expectedMinutes: Int?
    /// The least relief from the first answer through the first answer at or after the expected duration; nil until
    /// that answer is in (or without pain before the block, or without a local anaesthetic).
    public let sustained: Double?
    public let threshold: Int
    public let sources: [ClinicalSource]
    let painBefore: Int

    init(_ diary: BlockDiary, painBefore: Int, medications: [InjectedMedication], criteria: DecisionCriteria) {
        threshold = criteria[.facetBlockReliefPercent]
        self.painBefore = painBefore
        let durations: [(Injectate, Criterion)] = [(.bupivacaine, .bupivacaineMinutes), (.ropivacaine, .ropivacaineMinutes), (.lidocaine, .lidocaineMinutes)]
        // The longest-acting local anaesthetic given sets how long relief should last.
        let given = durations.filter { pair in medications.contains { $0.drug == pair.0 } }.max { criteria[$0.1] < criteria[$1.1] }
        anaesthetic = given?.0
        expectedMinutes = given.map { criteria[$0.1] }
        sources = [criteria.source(.facetBlockReliefPercent)] + (given.map { [criteria.source($0.1)] } ?? [])
        reliefs = painBefore > 0
            ? diary.pains.sorted { $0.key < $1.key }.map { ($0.key, Double(painBefore - $0.value) / Double(painBefore) * 100) } : []
        if let expected = expectedMinutes, let through = reliefs.firstIndex(where: { $0.minutes >= expected }) {
            sustained = reliefs[...through].map(\.percent).min()
        } else {
            sustained = nil
        }
    }

    public var peak: Double? { reliefs.map(\.percent).max() }

    /// True or false once the answer at the anaesthetic's expected duration is in.
    public var positive: Bool? { sustained.map { $0 >= Double(threshold) } }

    /// "Positive: at least 80 % relief held for 3 hours (bupivacaine): 90 % at the least." — or what is missing.
    public var summary: String {
        guard let anaesthetic, let expected = expectedMinutes else { return "No local anaesthetic is recorded for this block: its diary cannot be judged." }
        guard painBefore > 0 else { return "No pain was recorded just before the block: relief cannot be judged." }
        let span = BlockDiary.label(expected)
        guard let sustained else { return "Not judged yet: the answer at \(span) or later is still to come (\(anaesthetic.title.lowercased()) should act about \(span))." }
        let held = "\(Int(sustained.rounded(.down))) %"
        return sustained >= Double(threshold)
            ? "Positive: relief of at least \(threshold) % held through \(span) (\(anaesthetic.title.lowercased())), \(held) at the least."
            : "Negative: relief fell to \(held) within \(span) (\(anaesthetic.title.lowercased())); \(threshold) % is needed."
    }
}
