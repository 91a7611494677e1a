import Foundation

/// What was injected during a procedure; a steroid's dose feeds the yearly exposure rule.
public enum Injectate: String, Coded, Codable {
    case triamcinolone, methylprednisolone, betamethasone, dexamethasone, lidocaine, bupivacaine, ropivacaine, contrast, saline, other

    public var title: String {
        switch self {
        case .contrast: "Contrast (iodinated)"
        case .saline: "Normal saline"
        default: rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }

    public var steroid: Steroid? { Steroid(rawValue: rawValue) }
}

/// One injectate: its concentration and volume give the dose.
public struct InjectedMedication: Hashable, Codable, Sendable {
    public var drug: Injectate
    /// mg per mL; 0 where a dose in milligrams does not apply (saline, contrast).
    public var concentration: Double
    /// mL.
    public var volume: Double

    public init(_ drug: Injectate, concentration: Double, volume: Double) {
        self.drug = drug
        self.concentration = concentration
        self.volume = volume
    }

    public var milligrams: Double { concentration * volume }

    /// "Triamcinolone 40 mg/mL × 1 mL = 40 mg"
    public var label: String {
        concentration > 0 ? "\(drug.title) \(Figures.text(concentration)) mg/mL × \(Figures.text(volume)) mL = \(Figures.text(milligrams)) mg"
                          : "\(drug.title) \(Figures.text(volume)) mL"
    }
}

/// What happened during a procedure beyond the plan.
public enum ProcedureEvent: String, Coded, Codable {
    case vasovagal, paresthesia, bloodAspirated = "blood-aspirated", intravascular, duralPuncture = "dural-puncture", other

    public var title: String {
        switch self {
        case .vasovagal: "Vasovagal reaction"
        case .paresthesia: "Paresthesia"
        case .bloodAspirated: "Blood on aspiration"
        case .intravascular: "Intravascular contrast spread"
        case .duralPuncture: "Dural puncture"
        case .other: "Other (described)"
        }
    }
}

public enum Disposition: String, Coded, Codable {
    case homeWithEscort = "home-with-escort", home, observation, transfer

    public var title: String {
        switch self {
        case .homeWithEscort: "Home with an adult"
        case .home: "Home"
        case .observation: "Kept for observation"
        case .transfer: "Transferred (emergency department or hospital)"
        }
    }
}

/// The record of a procedure as done (FHIR Procedure in shape): where, by whom beside the performer, when, how it was
/// guided and sedated, what was injected, pain before and after, what happened, and how the patient left. The codes
/// follow from the site (`Billing.lines`).
public struct ProcedureNote: Hashable, Codable, Sendable {
    public static let medicationRows = 4

    public var intervention: String
    public var region: String
    public var levels: String
    public var side: String
    public var assistants: String
    public var start: ClockTime
    public var end: ClockTime
    public var approach: String
    public var guidance: ImageGuidance
    public var fluoroscopySeconds: Int?
    public var doseMilligray: Double?
    public var sedation: Anaesthesia
    public var medications: [InjectedMedication]
    public var painBefore: Int
    public var painAfter: Int
    public var events: [ProcedureEvent]
    public var eventNote: String
    public var disposition: Disposition
    public var instructions: String

    public var site: InterventionSite? { InterventionSite(stored: intervention, region: region, levels: levels, side: side) }

    /// The steroid given, for the exposure rule: summed, or as triamcinolone's equivalent when more than one was given.
    public var steroid: SteroidDose? {
        let doses = medications.compactMap { medication in medication.drug.steroid.map { SteroidDose($0, medication.milligrams) } }
        guard let first = doses.first else { return nil }
        if doses.allSatisfy({ $0.steroid == first.steroid }) { return SteroidDose(first.steroid, doses.map(\.milligrams).reduce(0, +)) }
        return SteroidDose(.triamcinolone, doses.map(\.triamcinoloneEquivalent).reduce(0, +))
    }

    /// The claim lines: the first level's code, each further level's add-on, the bilateral modifier.
    public var codes: [BilledLine] {
        guard let site, let billing = site.intervention.billing(for: site.region) else { return [] }
        return billing.lines(levels: site.levels.count, side: site.side)
    }

    /// What the record calls attention to; the physician decides.
    public var advisories: [String] {
        guard let steroid, steroid.milligrams > steroid.steroid.ceiling.value else { return [] }
        return ["\(steroid.steroid.title) \(Figures.text(steroid.milligrams)) mg is above the \(Figures.text(steroid.steroid.ceiling.value)) mg of one injection "
                + "(\(steroid.steroid.ceiling.source.citation))."]
    }

    public static func medicationPrefix(_ row: Int) -> String { "medication.\(row)." }

    /// Reads the form: the site (`intervention`, `region`, `levels`, `side`, as for a plan), `start` and `end`,
    /// `guidance` with `fluoroscopySeconds` (required under x-ray) and `doseMilligray`, `sedation`, medication rows
    /// (`medication.N.drug`, `.concentration`, `.volume`), `painBefore`, `painAfter`, `events` (ticked) with
    /// `eventNote`, `disposition`, `instructions`, `assistants`, `approach`.
    public static func parse(_ fields: FormFields, today: CalendarDate) -> (ProcedureNote?, [String: String]) {
        var reader = FormReader(fields, today: today)
        let site = InterventionSite.read(&reader, procedures: true)
        let startText = reader.text("start", limit: 12, required: "Enter when it started.")
        let endText = reader.text("end", limit: 12, required: "Enter when it ended.")
        let start = ClockTime(startText), end = ClockTime(endText)
        if !startText.isEmpty, start == nil { reader.problem("start", "Enter the time as 8:30 AM or 14:30.") }
        if !endText.isEmpty, end == nil { reader.problem("end", "Enter the time as 8:30 AM or 14:30.") }
        if let start, let end, end <= start { reader.problem("end", "It cannot end before it starts.") }
        let guidance = reader.one("guidance", ImageGuidance.self, required: "Choose the guidance used.")
        if let guidance, let site, !site.intervention.guidance.contains(guidance) {
            reader.problem("guidance", "\(site.intervention.name) is guided by \(site.intervention.guidance.map { $0.title.lowercased() }.joined(separator: " or ")).")
        }
        let seconds = reader.integer("fluoroscopySeconds", in: 0...3600, required: guidance?.usesRadiation == true ? "Enter the fluoroscopy time." : nil)
        let dose = reader.decimal("doseMilligray", in: 0...10_000)
        let sedation = reader.one("sedation", Anaesthesia.self, required: "Choose the anaesthesia or sedation given.")
        var medications: [InjectedMedication] = []
        for row in 1...medicationRows {
            let prefix = medicationPrefix(row)
            guard let drug = reader.one(prefix + "drug", Injectate.self) else {
                if !fields[prefix + "concentration"].isEmpty || !fields[prefix + "volume"].isEmpty { reader.problem(prefix + "drug", "Choose what was injected.") }
                continue
            }
            let concentration = reader.decimal(prefix + "concentration", in: 0...1000) ?? 0
            let volume = reader.decimal(prefix + "volume", in: 0.01...100, required: "Enter the volume in mL.")
            if drug.steroid != nil, concentration == 0 { reader.problem(prefix + "concentration", "Enter the steroid's concentration in mg/mL.") }
            if let volume { medications.append(InjectedMedication(drug, concentration: concentration, volume: volume)) }
        }
        let before = reader.integer("painBefore", in: 0...10, required: "Enter the pain before (0 to 10).")
        let after = reader.integer("painAfter", in: 0...10, required: "Enter the pain after (0 to 10).")
        let events = reader.many("events", ProcedureEvent.self)
        let eventNote = reader.text("eventNote", limit: 1000, multiline: true)
        if events.contains(.other), eventNote.isEmpty { reader.problem("eventNote", "Describe what happened.") }
        let disposition = reader.one("disposition", Disposition.self, required: "Choose how the patient left.")
        let instructions = reader.text("instructions", limit: 4000, multiline: true)
        let assistants = reader.text("assistants", limit: 200)
        let approach = reader.text("approach", limit: 200)
        guard reader.problems.isEmpty, let site, let start, let end, let guidance, let sedation, let before, let after, let disposition else {
            return (nil, reader.problems)
        }
        return (ProcedureNote(intervention: site.intervention.id, region: site.region.rawValue, levels: site.storedLevels, side: site.side?.rawValue ?? "",
                              assistants: assistants, start: start, end: end, approach: approach, guidance: guidance, fluoroscopySeconds: seconds,
                              doseMilligray: dose, sedation: sedation, medications: medications, painBefore: before, painAfter: after, events: events,
                              eventNote: eventNote, disposition: disposition, instructions: instructions), [:])
    }

    /// The fields `parse` reads.
    public var fields: FormFields {
        var fields = FormFields()
        fields.set([("intervention", intervention), ("region", region), ("levels", levels), ("side", side), ("assistants", assistants),
                    ("start", start.description), ("end", end.description), ("approach", approach), ("guidance", guidance.rawValue),
                    ("fluoroscopySeconds", fluoroscopySeconds.map(String.init)), ("doseMilligray", doseMilligray.map(Figures.text)),
                    ("sedation", sedation.rawValue), ("painBefore", String(painBefore)), ("painAfter", String(painAfter)), ("eventNote", eventNote),
                    ("disposition", disposition.rawValue), ("instructions", instructions)])
        for (index, medication) in medications.enumerated() {
            let prefix = Self.medicationPrefix(index + 1)
            fields.set([(prefix + "drug", medication.drug.rawValue), (prefix + "concentration", Figures.text(medication.concentration)),
                        (prefix + "volume", Figures.text(medication.volume))])
        }
        for event in events { fields.add("events", event.rawValue) }
        return fields
    }
}
