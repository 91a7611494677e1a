/// A procedure the patient had before coming to the practice, or at another facility: the catalogue intervention
/// where and when, and how well it worked, as the rules on repeats read it (REFERENCE §2: a repeat needs ≥ 50 %
/// relief for a set time; two blocks ≥ 80 % before ablation). Procedures done here will be read the same way.
public struct PriorProcedureEntry: ChartEntryContent {
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

    public var label: String {
        let name = InterventionCatalogue.intervention(intervention)?.name ?? intervention
        let place = [levels.map(\.description).joined(separator: ", "), side?.title.lowercased() ?? ""].filter { !$0.isEmpty }
        return place.isEmpty ? name : "\(name), \(place.joined(separator: ", "))"
    }

    public static let reliefWeeksLimit = 520

    public static func parse(_ fields: FormFields, today: CalendarDate) -> (entry: PriorProcedureEntry?, problems: [String: String]) {
        var reader = FormReader(fields, today: today)
        let id = reader.text("intervention", limit: 60, required: "Choose the procedure.")
        let intervention = InterventionCatalogue.intervention(id).flatMap { $0.isProcedure ? $0 : nil }
        if !id.isEmpty, intervention == nil { reader.problem("intervention", "Choose a procedure from the catalogue.") }
        let region = reader.one("region", BodyArea.self, required: "Choose the region.")
        let side = reader.one("side", Laterality.self)
        let levelText = reader.text("levels", limit: 100)
        var levels: [ProcedureLevel] = []
        if let intervention, let region {
            if !intervention.regions.contains(region) {
                reader.problem("region", "\(intervention.name) is not done in the \(region.title.lowercased()) region.")
            } else if let unit = intervention.levelUnit, region.isSpinal {
                let (parsed, problem) = ProcedureLevel.parseList(levelText, unit: unit, region: region)
                if let problem { reader.problem("levels", problem) }
                levels = parsed
            } else if !levelText.isEmpty {
                reader.problem("levels", "\(intervention.name) is not done at spinal levels; leave this empty.")
            }
            switch (intervention.bilateral, side) {
            case (.noSide, .some): reader.problem("side", "\(intervention.name) has no side; leave this empty.")
            case (.notAllowed, .bilateral): reader.problem("side", "\(intervention.name) is done on one side per session.")
            default: break
            }
        }
        let performedOn = reader.date("performedOn", what: "The date", required: true)
        let facility = reader.text("facility", limit: 200)
        let peak = reader.integer("peakReliefPercent", in: 0...100)
        let weeks = reader.integer("reliefWeeks", in: 0...reliefWeeksLimit)
        if let peak, let weeks, peak < 50, weeks > 0 {
            reader.problem("reliefWeeks", "Relief peaked below 50 %, so it cannot have lasted at 50 % or more; enter 0 or correct the peak.")
        }
        let note = reader.text("note", limit: 1000, multiline: true)
        guard reader.problems.isEmpty, let intervention, let region, let performedOn else { return (nil, reader.problems) }
        return (PriorProcedureEntry(intervention: intervention.id, region: region, levels: levels, side: side, performedOn: performedOn,
                                    facility: facility, peakReliefPercent: peak, reliefWeeks: weeks, note: note), [:])
    }

    public var fields: FormFields {
        var fields = FormFields()
        fields.set([
            ("intervention", intervention), ("region", region.rawValue), ("levels", levels.map(\.description).joined(separator: ", ")),
            ("side", side?.rawValue), ("performedOn", performedOn.display), ("facility", facility),
            ("peakReliefPercent", peakReliefPercent.map(String.init)), ("reliefWeeks", reliefWeeks.map(String.init)), ("note", note),
        ])
        return fields
    }
}
