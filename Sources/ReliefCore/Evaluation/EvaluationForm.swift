/// The evaluation form's field names, and the two directions between a submitted form and the stored
/// `EvaluationContent`. Parsing checks every value; the form is always shown again from what was submitted.
public enum EvaluationForm {
    /// What a physician affirms by signing on the form (the API's sign call is that act itself).
    public static let attestation = "I examined the patient, and this note is accurate and complete."
    public static let attestField = "attest"

    public static let textLimit = 4000
    public static let painFields = ["painNow", "painAverage", "painWorst", "painLeast"]

    public static func mapField(_ region: String, _ side: BodySide) -> String { "map.\(BodyMap.code(region, side))" }
    public static func neuroField(_ root: NerveRoot, _ side: BodySide, _ aspect: String) -> String {
        "neuro.\(root.rawValue).\(side.rawValue).\(aspect)"
    }
    public static func testField(_ test: ProvocationTest, _ side: BodySide) -> String { "test.\(test.rawValue).\(side.rawValue)" }
    public static let neuroAspects = ["strength", "reflex", "sensation"]

    /// Why an addendum cannot be added, or nil: addenda correct signed notes (a draft is edited instead) and carry text.
    public static func addendumProblem(_ text: String, noteSigned: Bool) -> String? {
        if !noteSigned { return "Addenda are for signed notes; edit the draft instead." }
        if text.isEmpty { return "Write the addendum." }
        if TextRules.hasControlCharacters(text) { return TextRules.controlCharacterMessage }
        return text.count > textLimit ? "Keep the addendum under \(textLimit) characters." : nil
    }

    /// Reads a submitted form. `problems` maps field names to messages; empty means the content is valid. A draft
    /// takes an onset known to the month or year; a note being signed needs the whole date, or none.
    public static func parse(_ fields: FormFields, today: CalendarDate, signing: Bool = false) -> (content: EvaluationContent, problems: [String: String]) {
        var reader = FormReader(fields, today: today)
        var content = EvaluationContent()

        func text(_ name: String, limit: Int = textLimit) -> String { reader.text(name, limit: limit) }
        func area(_ name: String) -> String { reader.text(name, limit: textLimit, multiline: true) }
        func one<C: Coded>(_ name: String, _ type: C.Type) -> String? { reader.one(name, type)?.rawValue }
        func many<C: Coded>(_ name: String, _ type: C.Type) -> [String] { reader.many(name, type).map(\.rawValue) }
        func score(_ name: String) -> Int? { reader.integer(name, in: PainMark.intensityRange) }

        content.chiefComplaint = reader.text("chiefComplaint", limit: 300, required: "Enter the chief complaint.")
        content.onsetDate = reader.partialDate("onsetDate", what: "The onset")
        if signing, let onset = content.onsetDate, onset.whole == nil {
            reader.problem("onsetDate", "Signing needs the whole onset date (MM/DD/YYYY); \(onset.display) is kept in the draft. Ask the patient, or leave it empty and say in the complaint when it began.")
        }
        content.onsetMechanism = one("onsetMechanism", OnsetMechanism.self)
        content.characters = many("character", PainCharacter.self)
        content.radiation = text("radiation", limit: 300)
        content.pattern = one("pattern", PainPattern.self)
        content.aggravating = many("aggravating", PainFactor.self)
        content.relieving = many("relieving", PainFactor.self)
        content.painNow = score("painNow")
        content.painAverage = score("painAverage")
        content.painWorst = score("painWorst")
        content.painLeast = score("painLeast")
        if let least = content.painLeast, let worst = content.painWorst, least > worst {
            reader.problem("painLeast", "The least pain cannot be more than the worst.")
        }
        for region in BodyMap.regions {
            for side in BodySide.allCases {
                let name = mapField(region.id, side)
                let value = fields[name]
                guard !value.isEmpty else { continue }
                if let intensity = PlainNumber.integer(value), let mark = PainMark(region: region.id, side: side, intensity: intensity) {
                    content.painMap.append(mark)
                } else {
                    reader.problem(name, "Choose an intensity from 0 to 10.")
                }
            }
        }
        content.painMap.sort()
        content.sleep = one("sleep", SleepImpact.self)
        content.workStatus = one("workStatus", WorkStatus.self)
        content.activitiesGivenUp = area("activitiesGivenUp")
        content.mood = area("mood")
        content.goals = many("goal", PatientGoal.self)
        content.goalOther = text("goalOther", limit: 300)
        content.concerns = area("concerns")
        content.history = many("history", ProcedureRelevantHistory.self)
        content.historyNotes = area("historyNotes")
        content.smoking = one("smoking", SmokingStatus.self)
        content.alcohol = one("alcohol", AlcoholUse.self)
        content.substanceUse = text("substanceUse")
        content.familySubstanceAbuse = many("familySubstance", Substance.self)
        content.inspection = area("inspection")
        content.rangeOfMotion = area("rangeOfMotion")
        content.tenderness = many("tender", TenderSite.self)
        content.tendernessNotes = text("tendernessNotes")
        for root in NerveRoot.allCases {
            for side in BodySide.allCases {
                let values = neuroAspects.map { one(neuroField(root, side, $0), NeuroFinding.self) }
                guard values.contains(where: { $0 != nil }) else { continue }
                content.neuro.append(NeuroExam(root: root.rawValue, side: side.rawValue,
                                               strength: values[0], reflex: values[1], sensation: values[2]))
            }
        }
        for test in ProvocationTest.allCases {
            for side in BodySide.allCases {
                guard let result = one(testField(test, side), TestResult.self), result != TestResult.notDone.rawValue else { continue }
                content.provocation.append(ProvocationResult(test: test.rawValue, side: side.rawValue, result: result))
            }
        }
        content.examNotes = area("examNotes")
        content.redFlags = many("redFlag", RedFlag.self)
        content.redFlagNotes = area("redFlagNotes")
        content.assessment = area("assessment")
        content.plan = area("plan")
        let instructions = area("patientInstructions")
        content.patientInstructions = instructions.isEmpty ? nil : instructions
        return (content, reader.problems)
    }

    /// The form fields that show stored content for editing.
    public static func fields(_ content: EvaluationContent) -> FormFields {
        var fields = FormFields()
        let singles: [(String, String?)] = [
            ("chiefComplaint", content.chiefComplaint), ("onsetDate", content.onsetDate?.display),
            ("onsetMechanism", content.onsetMechanism), ("radiation", content.radiation), ("pattern", content.pattern),
            ("painNow", content.painNow.map(String.init)), ("painAverage", content.painAverage.map(String.init)),
            ("painWorst", content.painWorst.map(String.init)), ("painLeast", content.painLeast.map(String.init)),
            ("sleep", content.sleep), ("workStatus", content.workStatus), ("activitiesGivenUp", content.activitiesGivenUp),
            ("mood", content.mood), ("goalOther", content.goalOther), ("concerns", content.concerns),
            ("historyNotes", content.historyNotes), ("smoking", content.smoking), ("alcohol", content.alcohol),
            ("substanceUse", content.substanceUse), ("inspection", content.inspection), ("rangeOfMotion", content.rangeOfMotion),
            ("tendernessNotes", content.tendernessNotes), ("examNotes", content.examNotes), ("redFlagNotes", content.redFlagNotes),
            ("assessment", content.assessment), ("plan", content.plan),
            ("patientInstructions", content.patientInstructions),
        ]
        fields.set(singles)
        let groups: [(String, [String])] = [
            ("character", content.characters), ("aggravating", content.aggravating), ("relieving", content.relieving),
            ("goal", content.goals), ("history", content.history), ("familySubstance", content.familySubstanceAbuse),
            ("tender", content.tenderness), ("redFlag", content.redFlags),
        ]
        for (name, values) in groups { for value in values { fields.add(name, value) } }
        for mark in content.painMap { fields.set(mapField(mark.region, mark.side), String(mark.intensity)) }
        for exam in content.neuro {
            guard let root = NerveRoot(rawValue: exam.root), let side = BodySide(rawValue: exam.side) else { continue }
            for (aspect, value) in zip(neuroAspects, [exam.strength, exam.reflex, exam.sensation]) {
                fields.set(neuroField(root, side, aspect), value ?? "")
            }
        }
        for result in content.provocation {
            guard let test = ProvocationTest(rawValue: result.test), let side = BodySide(rawValue: result.side) else { continue }
            fields.set(testField(test, side), result.result)
        }
        return fields
    }
}
