/// The demo patients' medications, allergies and prior treatments, clinically coherent: older patients more often
/// take anticoagulants, about a third take an opioid, most tried physical therapy and an NSAID before referral.
public struct DemoChartLists: Sendable {
    public var medications: [MedicationEntry] = []
    public var allergies: [AllergyEntry] = []
    public var treatments: [PriorTreatmentEntry] = []
    /// Earlier daily MME totals (days before today, total), oldest first; the current total is added by whoever
    /// stores the list.
    public var earlierMME: [(daysAgo: Int, total: Double)] = []

    /// The lists of the `index`-th demo patient, independent of the others like `DemoPractice.patient`.
    public static func generate(index: Int, seed: UInt64, age: Int, today: CalendarDate) -> DemoChartLists {
        var random = SeededGenerator(seed: (seed &* 7_919) ^ UInt64(index) &+ 0xC1A5)
        var lists = DemoChartLists()
        func daysAgo(_ range: ClosedRange<Int>) -> CalendarDate { today.adding(days: -Int.random(in: range, using: &random)) }
        func dose(_ strength: Double, _ frequency: DoseFrequency, unit: StrengthUnit = .milligram, units: Double = 1,
                  most: Double? = nil) -> Dosage {
            Dosage(strength: strength, unit: unit, unitsPerDose: units, frequency: frequency, maxDosesPerDay: most)
        }
        func medication(_ drug: String, _ dosage: Dosage, _ route: MedicationRoute = .oral, started: ClosedRange<Int>,
                        prescriber: String = "Primary care", for indication: String = "") -> MedicationEntry {
            MedicationEntry(drugID: drug, dosage: dosage, route: route, startDate: daysAgo(started), prescriber: prescriber,
                            indication: indication)
        }

        // Non-opioid analgesia most patients arrive with.
        let adjuvants: [MedicationEntry] = [
            medication("gabapentin", dose(300, .threeTimesDaily), started: 90...700, for: "Radicular pain"),
            medication("meloxicam", dose(15, .daily), started: 60...500, for: "Back pain"),
            medication("duloxetine", dose(60, .daily), started: 120...900, for: "Chronic pain, mood"),
            medication("cyclobenzaprine", dose(10, .atBedtime), started: 30...300, for: "Muscle spasm"),
            medication("acetaminophen", dose(500, .asNeeded, units: 2, most: 3), started: 30...900),
            medication("naproxen", dose(500, .twiceDaily), started: 30...400),
            medication("pregabalin", dose(75, .twiceDaily), started: 60...600, for: "Neuropathic pain"),
        ]
        for candidate in adjuvants where random.chance(0.3) { lists.medications.append(candidate) }

        if random.chance(0.32) {
            let opioids: [(MedicationEntry, [Double])] = [
                (medication("hydrocodone", dose(5, .asNeeded, most: 4), started: 100...900, prescriber: "Dr. Priya Raman"), [30, 20]),
                (medication("oxycodone", dose(10, .every6Hours), started: 200...1200, prescriber: "Dr. Priya Raman"), [90, 60]),
                (medication("tramadol", dose(50, .every6Hours), started: 60...600), [40]),
                (medication("fentanyl-transdermal", dose(25, .every72Hours, unit: .microgramPerHour), .transdermal, started: 300...1500,
                            prescriber: "Dr. Priya Raman"), [120, 90, 60]),
                (medication("morphine", dose(30, .twiceDaily), started: 300...1500, prescriber: "Dr. Priya Raman"), [90, 60]),
                (medication("buprenorphine", dose(10, .weekly, unit: .microgramPerHour), .transdermal, started: 90...800), []),
            ]
            let (opioid, earlier) = random.pick(opioids)
            lists.medications.append(opioid)
            // A taper over the past year: one history point every few months.
            lists.earlierMME = earlier.enumerated().map { step, total in (daysAgo: 360 - step * 90, total: total) }
            if random.chance(0.15) { lists.medications.append(medication("alprazolam", dose(0.5, .twiceDaily), started: 200...2000)) }
        }

        if age >= 60, random.chance(0.25) {
            let antithrombotic = random.pick([
                medication("apixaban", dose(5, .twiceDaily), started: 200...2000, prescriber: "Cardiology", for: "Atrial fibrillation"),
                medication("clopidogrel", dose(75, .daily), started: 200...2000, prescriber: "Cardiology", for: "Coronary stent"),
                medication("warfarin", dose(5, .daily), started: 300...3000, prescriber: "Cardiology", for: "Mechanical valve"),
                medication("aspirin", dose(81, .daily), started: 300...3000, for: "Cardiovascular prevention"),
                medication("rivaroxaban", dose(20, .daily), started: 100...900, prescriber: "Hematology", for: "Deep vein thrombosis"),
            ])
            lists.medications.append(antithrombotic)
        }
        if random.chance(0.1) { lists.medications.append(MedicationEntry(drugID: "fish-oil", dosage: dose(1, .daily, unit: .gram))) }
        if random.chance(0.04) { lists.medications.append(MedicationEntry(otherName: "Turmeric capsules", instructions: "Once daily")) }

        // Allergies: most have none known; a few have the ones that change a procedure plan.
        let roll = Int.random(in: 0..<100, using: &random)
        switch roll {
        case 0..<8: break  // not asked yet
        case 8..<70: lists.allergies.append(AllergyEntry(substance: .noKnownAllergies))
        default:
            let candidates: [AllergyEntry] = [
                AllergyEntry(substance: .iodinatedContrast, type: .allergy, reactions: [.hives], severity: .moderate,
                             note: "Tolerated premedication with prednisone and diphenhydramine in 2023."),
                AllergyEntry(substance: .drug, drugID: "codeine", type: .intolerance, reactions: [.nauseaVomiting], severity: .mild),
                AllergyEntry(substance: .latex, type: .allergy, reactions: [.rash, .itching], severity: .moderate),
                AllergyEntry(substance: .chlorhexidine, type: .allergy, reactions: [.hives], severity: .mild),
                AllergyEntry(substance: .drug, drugID: "ibuprofen", type: .allergy, reactions: [.angioedema], severity: .severe),
                AllergyEntry(substance: .adhesive, type: .intolerance, reactions: [.rash], severity: .mild),
            ]
            lists.allergies.append(random.pick(candidates))
            if random.chance(0.2) { lists.allergies.append(AllergyEntry(substance: .drug, drugID: "morphine", type: .intolerance,
                                                                        reactions: [.itching], severity: .mild)) }
        }

        // What was tried before the referral.
        if random.chance(0.8) {
            lists.treatments.append(PriorTreatmentEntry(kind: .physicalTherapy, detail: "Core stabilisation and McKenzie exercises",
                                                        startDate: daysAgo(120...700), weeks: random.pick([4, 6, 8, 12]),
                                                        sessions: random.pick([8, 12, 16, 24]), reliefPercent: random.pick([0, 10, 20, 30]),
                                                        result: random.pick([.noRelief, .partial])))
        }
        if random.chance(0.7) {
            lists.treatments.append(PriorTreatmentEntry(kind: .medication, detail: random.pick(["Ibuprofen 800 mg", "Naproxen 500 mg", "Meloxicam 15 mg"]),
                                                        startDate: daysAgo(150...900), weeks: random.pick([6, 8, 12, 26]),
                                                        reliefPercent: random.pick([10, 20, 30]), result: .partial))
        }
        let alternatives: [(PriorTreatmentKind, String, Double)] = [
            (.chiropractic, "Spinal manipulation", 0.3), (.acupuncture, "Weekly sessions", 0.15), (.massage, "Therapeutic massage", 0.2),
            (.herbal, "Turmeric and devil's claw", 0.1), (.psychotherapy, "Cognitive behavioural therapy for pain", 0.1),
            (.homeExercise, "Daily walking and stretching", 0.3),
        ]
        for (kind, detail, probability) in alternatives where random.chance(probability) {
            lists.treatments.append(PriorTreatmentEntry(kind: kind, detail: detail, startDate: daysAgo(60...1000),
                                                        weeks: random.pick([4, 6, 8, 10]), reliefPercent: random.pick([0, 20, 40, 60]),
                                                        result: random.pick([.helped, .partial, .noRelief])))
        }
        if random.chance(0.08) {
            lists.treatments.append(PriorTreatmentEntry(kind: .surgery, detail: "L4-5 laminectomy", startDate: daysAgo(700...3000),
                                                        reliefPercent: 30, result: .partial))
        }
        return lists
    }
}

extension DemoChartLists {
    /// The working diagnoses of a patient once the physician has seen them: one main diagnosis, often with a
    /// second, chronic, most with the suspected pain generator and its evidence.
    public static func diagnoses(index: Int, seed: UInt64, today: CalendarDate) -> [DiagnosisEntry] {
        var random = SeededGenerator(seed: (seed &* 15_485_863) ^ UInt64(index) &+ 0xD1A6)
        // Before the first visit, which is at most about a year ago (`DemoScores`).
        let onset = today.adding(days: -Int.random(in: 400...2500, using: &random))
        let main: [(DiagnosisEntry, Int)] = [
            (DiagnosisEntry(conditionCode: "M51.16", laterality: random.pick([.left, .right]), painGenerator: true, evidence: [.exam, .imaging]), 22),
            (DiagnosisEntry(conditionCode: "M47.816", laterality: .bilateral, painGenerator: true, evidence: [.exam]), 20),
            (DiagnosisEntry(conditionCode: "M48.062", painGenerator: true, evidence: [.history, .imaging]), 12),
            (DiagnosisEntry(conditionCode: "M46.1", laterality: random.pick([.left, .right]), painGenerator: true, evidence: [.exam]), 10),
            (DiagnosisEntry(conditionCode: "M50.122", laterality: random.pick([.left, .right]), painGenerator: true,
                            evidence: [.exam, .imaging, .electrodiagnostic]), 8),
            (DiagnosisEntry(conditionCode: "M96.1"), 6),
            (DiagnosisEntry(conditionCode: random.pick(["M17.11", "M17.12", "M17.0"]), painGenerator: true, evidence: [.exam, .imaging]), 8),
            (DiagnosisEntry(conditionCode: "G90.521", painGenerator: false), 3),
            (DiagnosisEntry(conditionCode: "M54.2"), 6),
            (DiagnosisEntry(conditionCode: "G89.3"), 2),
            (DiagnosisEntry(conditionCode: nil, text: "Piriformis syndrome", laterality: random.pick([.left, .right]), certainty: .differential), 3),
        ]
        var list = [random.weighted(main)]
        if random.chance(0.35) {
            list.append(random.weighted([(DiagnosisEntry(conditionCode: "M79.18"), 3), (DiagnosisEntry(conditionCode: "M79.7"), 2),
                                         (DiagnosisEntry(conditionCode: "G89.4"), 3), (DiagnosisEntry(conditionCode: "E11.42"), 2)]))
        }
        return list.map { diagnosis -> DiagnosisEntry in
            var diagnosis = diagnosis
            diagnosis.onsetDate = onset
            diagnosis.chronic = true
            if diagnosis.painGenerator, diagnosis.evidence.count > 1, random.chance(0.5) { diagnosis.certainty = .confirmed }
            return diagnosis
        }
    }
}

extension DemoChartLists {
    /// Procedures the patient had elsewhere before referral, fitting the main diagnosis: epidurals for radicular pain
    /// and stenosis, medial branch blocks (and sometimes ablation) for facet pain, sacroiliac injections; relief
    /// that varies, so the rules on repeats meet both sides of their thresholds.
    public static func priorProcedures(index: Int, seed: UInt64, diagnosis: DiagnosisEntry, today: CalendarDate) -> [PriorProcedureEntry] {
        var random = SeededGenerator(seed: (seed &* 104_729) ^ UInt64(index) &+ 0x9E0C)
        guard random.chance(0.3) else { return [] }
        let side = diagnosis.laterality == .bilateral ? nil : diagnosis.laterality
        let facility = random.pick(["Lakeside Spine Center", "Riverside Pain Clinic", "County Hospital Pain Service"])
        func done(_ id: String, _ region: BodyArea, _ levels: [String], side: Laterality?, daysAgo: Int, peak: Int, weeks: Int) -> PriorProcedureEntry {
            PriorProcedureEntry(intervention: id, region: region, levels: levels.compactMap(ProcedureLevel.init), side: side,
                                performedOn: today.adding(days: -daysAgo), facility: facility, peakReliefPercent: peak,
                                reliefWeeks: peak >= 50 ? weeks : 0)
        }
        let first = Int.random(in: 200...700, using: &random)
        let peak = random.pick([30, 50, 70, 80, 90])
        switch diagnosis.conditionCode {
        case "M51.16", "M48.062":
            let level = random.pick(["L4-L5", "L5-S1"])
            let count = random.pick([1, 2, 3])
            // Central stenosis gets the interlaminar approach, one-sided radicular pain the transforaminal.
            let id = side == nil ? "esi-interlaminar-lumbar" : "esi-transforaminal-lumbar"
            return (0..<count).map { session in
                done(id, .lumbar, [level], side: side, daysAgo: first - session * 75, peak: peak, weeks: random.pick([4, 8, 12, 16]))
            }
        case "M47.816":
            let blocks = [done("medial-branch-block-lumbar", .lumbar, ["L4-L5", "L5-S1"], side: .bilateral, daysAgo: first, peak: peak, weeks: 0),
                          done("medial-branch-block-lumbar", .lumbar, ["L4-L5", "L5-S1"], side: .bilateral, daysAgo: first - 21,
                               peak: random.pick([60, 80, 90]), weeks: 0)]
            return blocks + (random.chance(0.5) ? [done("facet-rfa-lumbar", .lumbar, ["L4-L5", "L5-S1"], side: .bilateral, daysAgo: first - 60,
                                                        peak: random.pick([40, 60, 80]), weeks: random.pick([12, 26, 40]))] : [])
        case "M46.1":
            return [done("si-joint-injection", .sacral, [], side: side, daysAgo: first, peak: peak, weeks: random.pick([2, 6, 12]))]
        case "M50.122":
            return [done("esi-interlaminar-cervical", .cervical, ["C6-C7"], side: nil, daysAgo: first, peak: peak, weeks: random.pick([4, 10]))]
        default:
            return []
        }
    }
}

extension DiagnosisEntry {
    /// The disability questionnaire that fits the diagnosis: ODI for the low back, NDI for the neck, none otherwise.
    public var disabilityScale: QuestionnaireDefinition? {
        switch condition?.area {
        case .lumbar?, .sacral?: QuestionnaireCatalogue.oswestry
        case .cervical?: QuestionnaireCatalogue.neckDisability
        default: nil
        }
    }
}
