/// A procedure the patient had before coming to the practice, or at another facility: the catalogue intervention
/// where and when, and how well it worked, as the rules on repeats read it (REFERENCE §2: a repeat needs ≥ 50 %
/// relief for a set time; two blocks ≥ 80 % before ablation). Procedures done here will be read the same way.
public struct PriorProcedureEntry: ChartEntryContent, SourceCoded {
    public static let kind = ChartEntryKind.priorProcedure

    /// The catalogue id.
    public var intervention: String
    public var region: BodyArea
    public var levels: [ProcedureLevel]
    public var side: Laterality?
    public var performedOn: CalendarDate
    /// Where it was done, when not here.
    public var facility: String
    /// The most relief it gave, in percent.
    public var peakReliefPercent: Int?
    /// How many weeks relief of at least 50 % lasted.
    public var reliefWeeks: Int?
    public var note: String
    /// Another system's codes for it, when imported.
    public var sourceCodings: [SourceCoding]?

    public init(intervention: String, region: BodyArea, levels: [ProcedureLevel] = [], side: Laterality? = nil, performedOn: CalendarDate,
                facility: String = "", peakReliefPercent: Int? = nil, reliefWeeks: Int? = nil, note: String = "") {
        self.intervention = intervention
        self.region = region
        self.levels = levels
        self.side = side
        self.performedOn = performedOn
        self.facility = facility
        self.peakReliefPercent = peakReliefPercent
        self.reliefWeeks = reliefWeeks
        self.note = note
    }

    public var code: String { intervention }
    public var status: String { "completed" }
    /// A history: every entry stays on the list.
    public var isCurrent: Bool { true }

    public var site: InterventionSite? {
        InterventionCatalogue.intervention(intervention).map { InterventionSite(intervention: $0, region: region, levels: levels, side: side) }
    }

    public var label: String { site?.label ?? intervention }

    private func siteFields() -> [(String, String?)] { site?.fields() ?? [("intervention", intervention)] }

    public static let reliefWeeksLimit = 520

    public static func parse(_ fields: FormFields, today: CalendarDate) -> (entry: PriorProcedureEntry?, problems: [String: String]) {
        var reader = FormReader(fields, today: today)
        let site = InterventionSite.read(&reader, procedures: true)
        let performedOn = reader.date("performedOn", what: "The date", required: true)
        let facility = reader.text("facility", limit: 200)
        let peak = reader.integer("peakReliefPercent", in: 0...100)
        let weeks = reader.integer("reliefWeeks", in: 0...reliefWeeksLimit)
        if let peak, let weeks, peak < 50, weeks > 0 {
            reader.problem("reliefWeeks", "Relief peaked below 50 %, so it cannot have lasted at 50 % or more; enter 0 or correct the peak.")
        }
        let note = reader.text("note", limit: 1000, multiline: true)
        guard reader.problems.isEmpty, let site, let performedOn else { return (nil, reader.problems) }
        return (PriorProcedureEntry(intervention: site.intervention.id, region: site.region, levels: site.levels, side: site.side, performedOn: performedOn,
                                    facility: facility, peakReliefPercent: peak, reliefWeeks: weeks, note: note), [:])
    }

    public var fields: FormFields {
        var fields = FormFields()
        fields.set(siteFields() + [
            ("performedOn", performedOn.display), ("facility", facility),
            ("peakReliefPercent", peakReliefPercent.map(String.init)), ("reliefWeeks", reliefWeeks.map(String.init)), ("note", note),
        ])
        return fields
    }
}
