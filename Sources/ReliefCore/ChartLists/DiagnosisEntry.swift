/// Where a diagnosis stands (FHIR Condition.clinicalStatus, the subset a pain practice uses).
public enum DiagnosisStatus: String, Coded, Codable {
    case active, inactive, resolved

    public var title: String {
        switch self {
        case .active: "Active"
        case .inactive: "Inactive"
        case .resolved: "Resolved"
        }
    }
}

/// How sure the diagnosis is (FHIR Condition.verificationStatus): a working diagnosis until the work-up or a
/// diagnostic block confirms it.
public enum DiagnosisCertainty: String, Coded, Codable {
    case provisional, differential, confirmed

    public var title: String {
        switch self {
        case .provisional: "Working diagnosis"
        case .differential: "Differential"
        case .confirmed: "Confirmed"
        }
    }
}

/// What points at a structure as the source of the pain.
public enum GeneratorEvidence: String, Coded, Codable {
    case history, exam, imaging, electrodiagnostic
    /// Relief from a diagnostic block (medial branch, SI joint, selective nerve root): read from the blocks done, never
    /// ticked (`BlockResult`).
    case diagnosticBlock = "diagnostic-block"

    /// What staff tick; a block's evidence comes from the blocks themselves.
    public static let ticked = allCases.filter { $0 != .diagnosticBlock }

    public var title: String {
        switch self {
        case .history: "History"
        case .exam: "Examination"
        case .imaging: "Imaging"
        case .electrodiagnostic: "Nerve conduction / EMG"
        case .diagnosticBlock: "Diagnostic block"
        }
    }
}

/// One entry of the problem list (FHIR Condition): a catalogue condition with its ICD-10-CM code, or free text
/// flagged as uncoded; side, onset, chronicity, status, and whether it is the suspected pain generator.
public struct DiagnosisEntry: ChartEntryContent, SourceCoded {
    public static let kind = ChartEntryKind.diagnosis
    /// The form's choice for a diagnosis not in the catalogue, typed as text.
    public static let uncodedChoice = "uncoded"

    /// A catalogue code; nil for a free-text diagnosis.
    public var conditionCode: String?
    public var text: String
    public var laterality: Laterality?
    public var onsetDate: CalendarDate?
    public var chronic: Bool
    public var diagnosisStatus: DiagnosisStatus
    public var certainty: DiagnosisCertainty
    public var painGenerator: Bool
    public var evidence: [GeneratorEvidence]
    public var note: String
    /// Other systems' codes for the diagnosis (SNOMED CT from an import).
    public var sourceCodings: [SourceCoding]?

    public init(conditionCode: String?, text: String = "", laterality: Laterality? = nil, onsetDate: CalendarDate? = nil,
                chronic: Bool = false, status: DiagnosisStatus = .active, certainty: DiagnosisCertainty = .provisional,
                painGenerator: Bool = false, evidence: [GeneratorEvidence] = [], note: String = "") {
        self.conditionCode = conditionCode
        self.text = text
        self.laterality = laterality
        self.onsetDate = onsetDate
        self.chronic = chronic
        diagnosisStatus = status
        self.certainty = certainty
        self.painGenerator = painGenerator
        self.evidence = evidence
        self.note = note
    }

    public var condition: Condition? { conditionCode.flatMap(ConditionCatalogue.condition) }
    public var code: String { conditionCode ?? Self.uncodedChoice }
    public var status: String { diagnosisStatus.rawValue }
    public var isCurrent: Bool { diagnosisStatus == .active }

    public var label: String {
        let name = condition?.label ?? text
        // The side is said once: a code that states it already has it in its label.
        let side = condition?.laterality == nil ? laterality.map { ", \($0.title.lowercased())" } ?? "" : ""
        return condition.map { "\(name)\(side) (\($0.code))" } ?? "\(name)\(side) (uncoded)"
    }

    public static func parse(_ fields: FormFields, today: CalendarDate) -> (entry: DiagnosisEntry?, problems: [String: String]) {
        var reader = FormReader(fields, today: today)
        let choice = fields["condition"]
        var entry = DiagnosisEntry(conditionCode: nil)
        entry.text = reader.text("text", limit: 200)
        if choice.isEmpty {
            reader.problem("condition", "Choose the diagnosis, or \"Not in the list\" and type it.")
        } else if choice == uncodedChoice {
            if entry.text.isEmpty { reader.problem("text", "Type the diagnosis.") }
        } else if let condition = ConditionCatalogue.condition(choice) {
            entry.conditionCode = condition.code
            entry.text = ""
        } else {
            reader.problem("condition", "Choose a diagnosis from the list.")
        }
        entry.laterality = reader.one("laterality", Laterality.self)
        if let stated = entry.condition?.laterality, let side = entry.laterality, side != stated {
            reader.problem("laterality", "The code already says \(stated.title.lowercased()); choose that side or another code.")
        }
        entry.onsetDate = reader.date("onsetDate", what: "The onset date")
        entry.chronic = fields["chronic"] == "yes"
        entry.diagnosisStatus = reader.one("status", DiagnosisStatus.self, required: "Choose the status.") ?? .active
        entry.certainty = reader.one("certainty", DiagnosisCertainty.self, required: "Choose how certain it is.") ?? .provisional
        entry.painGenerator = fields["painGenerator"] == "yes"
        entry.evidence = reader.many("evidence", GeneratorEvidence.self)
        if entry.evidence.contains(.diagnosticBlock) {
            reader.problem("evidence", "A diagnostic block counts from its diary, or from a block recorded as done elsewhere with its relief; it is not ticked.")
        }
        if !entry.painGenerator, !entry.evidence.isEmpty {
            reader.problem("painGenerator", "Evidence is for a suspected pain generator: tick it, or clear the evidence.")
        }
        entry.note = reader.text("note", limit: 1000, multiline: true)
        return reader.problems.isEmpty ? (entry, [:]) : (nil, reader.problems)
    }

    public var fields: FormFields {
        var fields = FormFields()
        fields.set([
            ("condition", conditionCode ?? Self.uncodedChoice), ("text", text), ("laterality", laterality?.rawValue),
            ("onsetDate", onsetDate?.display), ("chronic", chronic ? "yes" : nil), ("status", diagnosisStatus.rawValue),
            ("certainty", certainty.rawValue), ("painGenerator", painGenerator ? "yes" : nil), ("note", note),
        ])
        for item in evidence { fields.add("evidence", item.rawValue) }
        return fields
    }

    /// The same condition on the same side twice on the active list is a mistake; edit the one there.
    public func problems(alongside others: [DiagnosisEntry]) -> [String: String] {
        guard isCurrent else { return [:] }
        let same = others.contains { other in
            other.isCurrent && other.laterality == laterality
                && (conditionCode.map { $0 == other.conditionCode } ?? (other.conditionCode == nil && other.text.lowercased() == text.lowercased()))
        }
        return same ? ["condition": "This diagnosis is already on the active problem list; change that entry instead."] : [:]
    }
}
