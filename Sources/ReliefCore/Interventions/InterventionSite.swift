/// Where an intervention is done: the catalogue entry, its region, levels and side, read from the fields
/// `intervention`, `region`, `levels` and `side` with the catalogue's checks (a region it is done in, levels of its
/// unit inside that region, a side only where it has sides, both sides only where one session may do both).
public struct InterventionSite: Hashable, Sendable {
    public let intervention: Intervention
    public let region: BodyArea
    public let levels: [ProcedureLevel]
    public let side: Laterality?

    public init(intervention: Intervention, region: BodyArea, levels: [ProcedureLevel] = [], side: Laterality? = nil) {
        self.intervention = intervention
        self.region = region
        self.levels = levels
        self.side = side
    }

    /// The site, or nil with the problems noted on `reader`. `procedures`: only procedures, not the rest of a plan;
    /// `prefix` names a row of a longer form ("component.2.").
    public static func read(_ reader: inout FormReader, procedures: Bool, prefix: String = "") -> InterventionSite? {
        let id = reader.text(prefix + "intervention", limit: 60, required: procedures ? "Choose the procedure." : "Choose the intervention.")
        let intervention = InterventionCatalogue.intervention(id).flatMap { !procedures || $0.isProcedure ? $0 : nil }
        if !id.isEmpty, intervention == nil {
            reader.problem(prefix + "intervention", procedures ? "Choose a procedure from the catalogue." : "Choose an intervention from the catalogue.")
        }
        let region = reader.one(prefix + "region", BodyArea.self, required: "Choose the region.")
        let side = reader.one(prefix + "side", Laterality.self)
        let levelText = reader.text(prefix + "levels", limit: 100)
        guard let intervention, let region else { return nil }
        var levels: [ProcedureLevel] = []
        if !intervention.regions.contains(region) {
            reader.problem(prefix + "region", "\(intervention.name) is not done in the \(region.title.lowercased()) region.")
        } else if let unit = intervention.levelUnit, region.isSpinal {
            let (parsed, problem) = ProcedureLevel.parseList(levelText, unit: unit, region: region)
            if let problem { reader.problem(prefix + "levels", problem) }
            levels = parsed
        } else if !levelText.isEmpty {
            reader.problem(prefix + "levels", "\(intervention.name) is not done at spinal levels; leave this empty.")
        }
        switch (intervention.bilateral, side) {
        case (.noSide, .some): reader.problem(prefix + "side", "\(intervention.name) has no side; leave this empty.")
        case (.notAllowed, .bilateral): reader.problem(prefix + "side", "\(intervention.name) is done on one side per session.")
        default: break
        }
        let names = ["intervention", "region", "levels", "side"].map { prefix + $0 }
        return names.contains { reader.problems[$0] != nil } ? nil : InterventionSite(intervention: intervention, region: region, levels: levels, side: side)
    }

    /// A site as a record stores it, column by column; nil only if the catalogue dropped the intervention since.
    public init?(stored intervention: String, region: String, levels: String, side: String) {
        guard let entry = InterventionCatalogue.intervention(intervention), let area = BodyArea(rawValue: region) else { return nil }
        self.init(intervention: entry, region: area, levels: ProcedureLevel.parseList(levels, unit: entry.levelUnit ?? .segment, region: area).0,
                  side: Laterality(rawValue: side))
    }

    /// The levels as stored: "L4-L5, L5-S1".
    public var storedLevels: String { levels.map(\.description).joined(separator: ", ") }

    /// The fields `read` takes.
    public func fields(prefix: String = "") -> [(String, String?)] {
        [(prefix + "intervention", intervention.id), (prefix + "region", region.rawValue),
         (prefix + "levels", storedLevels), (prefix + "side", side?.rawValue)]
    }

    /// "Lumbar transforaminal epidural steroid injection, L4-L5, left"
    public var label: String {
        let place = [levels.map(\.description).joined(separator: ", "), side?.title.lowercased() ?? ""].filter { !$0.isEmpty }
        return place.isEmpty ? intervention.name : "\(intervention.name), \(place.joined(separator: ", "))"
    }
}
