/// FHIR MedicationStatement.status, the values a pain clinic uses.
public enum MedicationStatus: String, Coded, Codable {
    case active, onHold = "on-hold", stopped, completed

    public var title: String {
        switch self {
        case .active: "Taking"
        case .onHold: "On hold"
        case .stopped: "Stopped"
        case .completed: "Course completed"
        }
    }
}

extension StrengthUnit: Coded {
    public var title: String { rawValue }
}

extension MedicationRoute: Coded {}


/// A medication the patient takes or took: a catalogue drug (classified, with MME for opioids) or free text.
public struct MedicationEntry: ChartEntryContent, SourceCoded {
    public static let kind = ChartEntryKind.medication
    static let nameLimit = 200

    /// The catalogue drug's id; nil for a free-text entry, which no rule can classify.
    public var drugID: String?
    /// Free text when the drug is not on the list.
    public var otherName: String
    public var dosage: Dosage?
    public var route: MedicationRoute?
    /// Anything the structured dose cannot say ("taper: 10 mg for 3 days, then 5 mg").
    public var instructions: String
    public var startDate: CalendarDate?
    public var endDate: CalendarDate?
    public var prescriber: String
    public var indication: String
    public var medicationStatus: MedicationStatus
    /// Other systems' codes for the drug (RxNorm from an import).
    public var sourceCodings: [SourceCoding]?

    public init(drugID: String? = nil, otherName: String = "", dosage: Dosage? = nil, route: MedicationRoute? = nil,
                instructions: String = "", startDate: CalendarDate? = nil, endDate: CalendarDate? = nil, prescriber: String = "",
                indication: String = "", status: MedicationStatus = .active) {
        self.drugID = drugID
        self.otherName = otherName
        self.dosage = dosage
        self.route = route
        self.instructions = instructions
        self.startDate = startDate
        self.endDate = endDate
        self.prescriber = prescriber
        self.indication = indication
        medicationStatus = status
    }

    public var drug: Drug? { drugID.flatMap(DrugCatalogue.drug) }
    public var code: String { drugID ?? "free-text" }
    public var status: String { medicationStatus.rawValue }
    public var isCurrent: Bool { medicationStatus == .active }
    public var label: String { drug?.name ?? otherName }
    public var dailyMME: DailyMME { MorphineEquivalents.daily(drug, dosage) }

    /// "5 mg × 2 every 6 hours, oral"
    public var doseText: String {
        var parts: [String] = []
        if let dosage {
            let units = dosage.unitsPerDose == 1 ? "" : " × \(Figures.text(dosage.unitsPerDose))"
            var frequency = dosage.frequency.title.lowercased()
            if dosage.frequency == .asNeeded, let most = dosage.maxDosesPerDay {
                frequency += ", up to \(Figures.text(most)) a day"
            }
            parts.append("\(Figures.text(dosage.strength)) \(dosage.unit.rawValue)\(units) \(frequency)")
        }
        if let route { parts.append(route.title.lowercased()) }
        if !instructions.isEmpty { parts.append(instructions) }
        return parts.joined(separator: ", ")
    }

    public static func parse(_ fields: FormFields, today: CalendarDate) -> (entry: MedicationEntry?, problems: [String: String]) {
        var reader = FormReader(fields, today: today)
        var entry = MedicationEntry()
        let drugID = fields["drug"]
        if !drugID.isEmpty {
            if DrugCatalogue.drug(drugID) == nil { reader.problem("drug", "Choose a drug from the list.") } else { entry.drugID = drugID }
        }
        entry.otherName = reader.text("otherName", limit: nameLimit)
        if entry.drugID == nil, entry.otherName.isEmpty, reader.problems["drug"] == nil {
            reader.problem("drug", "Choose the drug, or type its name under “Not on the list”.")
        }
        if entry.drugID != nil, !entry.otherName.isEmpty {
            reader.problem("otherName", "Either choose a drug from the list or type one that is not on it, not both.")
        }
        let strength = reader.decimal("strength", in: 0.001...100_000)
        let unit = reader.one("unit", StrengthUnit.self)
        let units = reader.decimal("unitsPerDose", in: 0.01...100) ?? 1
        let frequency = DoseFrequencyChoice.read(&reader)
        let most = reader.decimal("maxDosesPerDay", in: 0.1...48)
        if let strength, let unit, let frequency {
            entry.dosage = Dosage(strength: strength, unit: unit, unitsPerDose: units, frequency: frequency,
                                  maxDosesPerDay: frequency == .asNeeded ? most : nil)
            if frequency == .asNeeded, most == nil, entry.drug?.isA(.opioid) == true {
                reader.problem("maxDosesPerDay", "Give the most doses allowed a day: the daily MME of an as-needed opioid counts the maximum.")
            }
        } else if strength != nil || unit != nil || frequency != nil {
            for (name, missing) in [("strength", strength == nil), ("unit", unit == nil), ("frequency", frequency == nil)] where missing {
                reader.problem(name, "A dose needs its strength, unit and how often; give all three or leave all empty.")
            }
        }
        entry.route = reader.one("route", MedicationRoute.self)
        entry.instructions = reader.text("instructions", limit: 500, multiline: true)
        entry.startDate = reader.date("startDate", what: "The start date")
        entry.endDate = reader.date("endDate", what: "The end date")
        if let start = entry.startDate, let end = entry.endDate, end < start {
            reader.problem("endDate", "The end date cannot be before the start date.")
        }
        entry.prescriber = reader.text("prescriber", limit: nameLimit)
        entry.indication = reader.text("indication", limit: 300)
        entry.medicationStatus = reader.one("status", MedicationStatus.self, required: "Choose the status.") ?? .active
        return reader.problems.isEmpty ? (entry, [:]) : (nil, reader.problems)
    }

    public var fields: FormFields {
        var fields = FormFields()
        fields.set([
            ("drug", drugID), ("otherName", otherName), ("strength", dosage.map { Figures.text($0.strength) }),
            ("unit", dosage?.unit.rawValue), ("unitsPerDose", dosage.map { Figures.text($0.unitsPerDose) }),
            ("frequency", DoseFrequencyChoice.fields(dosage?.frequency).code),
            ("frequencyCount", DoseFrequencyChoice.fields(dosage?.frequency).count),
            ("maxDosesPerDay", dosage?.maxDosesPerDay.map(Figures.text)),
            ("route", route?.rawValue), ("instructions", instructions), ("startDate", startDate?.display),
            ("endDate", endDate?.display), ("prescriber", prescriber), ("indication", indication), ("status", status),
        ])
        return fields
    }
}

extension OpioidSummary {
    /// The opioid picture of a medication list's current entries.
    public init(_ entries: [MedicationEntry], reassessThreshold: Double = MorphineEquivalents.reassessThreshold.value,
                rules: PracticeRules = PracticeRules()) {
        self.init(entries.filter(\.isCurrent).map { ($0.label, $0.drug, $0.dosage) }, reassessThreshold: reassessThreshold, rules: rules)
    }
}
