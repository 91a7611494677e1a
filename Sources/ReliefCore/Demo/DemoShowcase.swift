/// The first demo patients, written by hand so that every decision-support rule fires for someone: each has an
/// active plan whose procedure, on a day just ahead, meets one rule's condition (a fifth epidural in a year, a
/// pregnancy under fluoroscopy, an open red flag, …) while the rest of the chart is complete. The others are
/// drawn at random (`DemoChart.generate`) and reach many rules, not all.
public enum DemoShowcase {
    /// One showcase patient: what the chart shows, and the rule that decides their plan's procedure.
    public struct Case: Sendable {
        public let shows: String
        public let rule: String
        public let outcome: RuleOutcome
        let adjust: @Sendable (inout Sketch) -> Void
    }

    /// A patient sketched by the few facts the rules read. By default: left L5 radiculopathy for six months, eight
    /// weeks of failed physical therapy, an MRI with a matching L4-5 herniation, commercial insurance, and a left
    /// L4-L5 transforaminal epidural planned ten days from now — a patient for whom the procedure is appropriate.
    struct Sketch {
        var diagnoses: [(code: String, side: Laterality?)] = [("M51.16", .left)]
        var painDays = 180
        var therapyWeeks: Int? = 8
        var medications: [MedicationEntry] = []
        var allergies = [AllergyEntry(substance: .noKnownAllergies)]
        var history: [ProcedureRelevantHistory] = []
        var redFlags: [RedFlag] = []
        /// Done elsewhere: intervention, levels, side, days before today, peak relief, weeks of ≥ 50 %.
        var procedures: [(id: String, levels: [String], side: Laterality?, daysAgo: Int, peak: Int, weeks: Int)] = []
        var imaging: (ImagingRegion, [Finding])? = (.lumbar, [Finding(kind: .discHerniation, level: .l45, side: .left, grade: .moderate)])
        var psychologicalEvaluation = false
        /// PHQ-9 total at the first visit.
        var mood = 4
        /// Whether the function scales (PEG, and the region's ODI or NDI) were filled in.
        var functionScales = true
        var female: Bool?
        var age: Int?
        var payer = CoverageEntry(payerKind: .commercial, payer: "UnitedHealthcare", plan: "PPO", memberID: "U402117736", groupID: "G20417")
        var site = (id: "esi-transforaminal-lumbar", region: BodyArea.lumbar, levels: ["L4-L5"], side: Laterality?.some(.left))
    }

    /// The demo practice's example criteria for one payer (not a payer's real policy): Aetna asking for six weeks
    /// of failed conservative care before an epidural.
    public static let payerCriteria = [PayerCriteria(payer: "Aetna", overrides: [.esiConservativeWeeks: 6])]

    static let axial: @Sendable (inout Sketch) -> Void = { sketch in
        sketch.diagnoses = [("M47.816", .bilateral)]
        sketch.painDays = 400
        sketch.imaging = (.lumbar, [Finding(kind: .facetArthropathy, level: .l45, side: .bilateral, grade: .moderate),
                                    Finding(kind: .facetArthropathy, level: .l5s1, side: .bilateral, grade: .moderate)])
        sketch.site = ("medial-branch-block-lumbar", .lumbar, ["L4-L5", "L5-S1"], .bilateral)
    }

    static func rfa(_ sketch: inout Sketch) {
        axial(&sketch)
        sketch.site = ("facet-rfa-lumbar", .lumbar, ["L4-L5", "L5-S1"], .bilateral)
    }

    static func blocks(_ peaks: [Int], from daysAgo: Int = 120) -> [(id: String, levels: [String], side: Laterality?, daysAgo: Int, peak: Int, weeks: Int)] {
        peaks.enumerated().map { ("medial-branch-block-lumbar", ["L4-L5", "L5-S1"], .bilateral, daysAgo - $0.offset * 21, $0.element, 0) }
    }

    static func drug(_ id: String, _ strength: Double, _ frequency: DoseFrequency, _ unit: StrengthUnit = .milligram) -> MedicationEntry {
        MedicationEntry(drugID: id, dosage: Dosage(strength: strength, unit: unit, frequency: frequency), route: .oral, prescriber: "Primary care")
    }

    public static let cases: [Case] = [
        Case(shows: "A well-documented radicular patient: the epidural is appropriate", rule: "indication", outcome: .met) { _ in },
        Case(shows: "On apixaban and aspirin: holds with the last dose and restart dates", rule: "anticoagulant-holds", outcome: .precaution) {
            $0.medications = [drug("apixaban", 5, .twiceDaily), drug("aspirin", 81, .daily)]
        },
        Case(shows: "On warfarin: a five-day hold and an INR check before the procedure", rule: "anticoagulant-holds", outcome: .precaution) {
            $0.medications = [drug("warfarin", 5, .daily)]
        },
        Case(shows: "Diabetic: the steroid raises blood sugar", rule: "diabetes-steroid", outcome: .precaution) {
            $0.diagnoses.append(("E11.42", nil))
            $0.medications = [MedicationEntry(otherName: "Metformin", dosage: Dosage(strength: 1000, unit: .milligram, frequency: .twiceDaily), route: .oral,
                                              prescriber: "Primary care")]
        },
        Case(shows: "Immunosuppressed: infection risk and the steroid", rule: "immunosuppression", outcome: .precaution) { $0.history = [.immunosuppression] },
        Case(shows: "A bleeding disorder raises the bleeding-risk class", rule: "bleeding-risk", outcome: .precaution) { $0.history = [.bleedingDisorder] },
        Case(shows: "Anaphylaxis to contrast: contraindicated until an alternative is planned", rule: "allergy-contrast", outcome: .contraindicated) {
            $0.allergies = [AllergyEntry(substance: .iodinatedContrast, reactions: [.anaphylaxis], severity: .severe)]
        },
        Case(shows: "Latex allergy: a latex-free room", rule: "allergy-latex", outcome: .precaution) {
            $0.allergies = [AllergyEntry(substance: .latex, reactions: [.hives], severity: .moderate)]
        },
        Case(shows: "A current infection: contraindicated until it is treated", rule: "infection", outcome: .contraindicated) { $0.history = [.currentInfection] },
        Case(shows: "Pregnant: no fluoroscopy", rule: "pregnancy", outcome: .contraindicated) { sketch in
            sketch.history = [.pregnancy]
            (sketch.female, sketch.age) = (true, 31)
        },
        Case(shows: "An open red flag (unexplained weight loss): work it up first", rule: "red-flags", outcome: .contraindicated) { $0.redFlags = [.weightLoss] },
        Case(shows: "Axial low back pain alone: an epidural is not indicated", rule: "indication", outcome: .notIndicated) { sketch in
            sketch.diagnoses = [("M54.50", nil)]
            sketch.imaging = nil
            sketch.site = ("esi-interlaminar-lumbar", .lumbar, ["L4-L5"], nil)
        },
        Case(shows: "IDET for discogenic pain: no lasting benefit in later studies", rule: "evidence", outcome: .notIndicated) { sketch in
            sketch.diagnoses = [("M51.360", nil)]
            sketch.site = ("idet", .lumbar, ["L4-L5"], nil)
        },
        Case(shows: "Three weeks of pain and no conservative care yet", rule: "esi-conservative-care", outcome: .missing) { sketch in
            sketch.painDays = 21
            sketch.therapyWeeks = nil
        },
        Case(shows: "No imaging on record for the planned level", rule: "esi-imaging", outcome: .missing) { $0.imaging = nil },
        Case(shows: "Five weeks of therapy: enough for Medicare, not for Aetna's six (the practice's example payer criteria)",
             rule: "esi-conservative-care", outcome: .missing) { sketch in
            sketch.therapyWeeks = 5
            sketch.payer = CoverageEntry(payerKind: .commercial, payer: "Aetna", plan: "Choice POS II", memberID: "W771203948", groupID: "G31822")
        },
        Case(shows: "Four epidurals in the last 12 months: a fifth is not covered", rule: "esi-frequency", outcome: .notCovered) { sketch in
            sketch.procedures = [320, 230, 140, 50].map { ("esi-transforaminal-lumbar", ["L4-L5"], .left, $0, 70, 12) }
        },
        Case(shows: "The last epidural gave 30 %: the same one again is not covered", rule: "esi-repeat", outcome: .notCovered) {
            $0.procedures = [("esi-transforaminal-lumbar", ["L4-L5"], .left, 40, 30, 0)]
        },
        Case(shows: "An interlaminar epidural at two levels: one is covered", rule: "esi-levels", outcome: .notCovered) { sketch in
            sketch.diagnoses = [("M48.062", nil)]
            sketch.imaging = (.lumbar, [Finding(kind: .stenosis, level: .l45, grade: .severe), Finding(kind: .stenosis, level: .l34, grade: .moderate)])
            sketch.site = ("esi-interlaminar-lumbar", .lumbar, ["L3-L4", "L4-L5"], nil)
        },
        Case(shows: "Facet pain with no disability scale on record", rule: "facet-function-scale", outcome: .missing) { sketch in
            axial(&sketch)
            sketch.functionScales = false
        },
        Case(shows: "The first medial branch block gave 60 %: a second is not covered", rule: "facet-second-block", outcome: .notCovered) { sketch in
            axial(&sketch)
            sketch.procedures = blocks([60], from: 30)
        },
        Case(shows: "Ablation after only one block of 80 % or more", rule: "facet-diagnostic-blocks", outcome: .missing) { sketch in
            rfa(&sketch)
            sketch.procedures = blocks([90, 60])
        },
        Case(shows: "Two ablations in the last 12 months: a third is not covered", rule: "facet-frequency", outcome: .notCovered) { sketch in
            rfa(&sketch)
            sketch.procedures = blocks([90, 85], from: 500)
                + [("facet-rfa-lumbar", ["L4-L5", "L5-S1"], .bilateral, 340, 80, 26), ("facet-rfa-lumbar", ["L4-L5", "L5-S1"], .bilateral, 150, 80, 20)]
        },
        Case(shows: "Medial branch blocks at three levels: two are covered", rule: "facet-levels", outcome: .notCovered) { sketch in
            axial(&sketch)
            sketch.site = ("medial-branch-block-lumbar", .lumbar, ["L3-L4", "L4-L5", "L5-S1"], .bilateral)
        },
        Case(shows: "A stimulator trial without a psychological evaluation", rule: "implant-psychology", outcome: .missing) { sketch in
            sketch.diagnoses = [("M96.1", nil)]
            sketch.site = ("scs-trial", .thoracic, [], nil)
        },
        Case(shows: "A stimulator implant after a trial that gave 40 %", rule: "implant-prerequisite", outcome: .missing) { sketch in
            sketch.diagnoses = [("M96.1", nil)]
            sketch.psychologicalEvaluation = true
            sketch.procedures = [("scs-trial", [], nil, 60, 40, 0)]
            sketch.site = ("scs-implant", .thoracic, [], nil)
        },
        Case(shows: "Two sacroiliac injections this year without lasting relief: review before a third", rule: "repeats-without-benefit",
             outcome: .precaution) { sketch in
            sketch.diagnoses = [("M46.1", .right)]
            sketch.imaging = (.pelvis, [Finding(kind: .other, side: .right, grade: .mild)])
            sketch.procedures = [("si-joint-injection", [], .right, 200, 40, 0), ("si-joint-injection", [], .right, 90, 30, 0)]
            sketch.site = ("si-joint-injection", .sacral, [], .right)
        },
        Case(shows: "PHQ-9 of 15: a psychology referral is advised", rule: "psychology-referral", outcome: .advice) { $0.mood = 15 },
        Case(shows: "Self-pay: no payer's criteria apply", rule: "payer-criteria", outcome: .advice) {
            $0.payer = CoverageEntry(payerKind: .selfPay, payer: "Self-pay")
        },
    ]

    /// The showcase chart for `index`, or nil past the showcase.
    static func chart(index: Int, seed: UInt64, today: CalendarDate) -> DemoChart? {
        guard cases.indices.contains(index) else { return nil }
        var sketch = Sketch()
        cases[index].adjust(&sketch)
        return chart(sketch, index: index, seed: seed, today: today)
    }

    private static func chart(_ sketch: Sketch, index: Int, seed: UInt64, today: CalendarDate) -> DemoChart {
        var registration = DemoPractice.patient(index: index, seed: seed, today: today)
        if let female = sketch.female {
            registration[.sexAtBirth] = (female ? SexAtBirth.female : .male).rawValue
            registration[.genderIdentity] = ""
            registration[.givenName] = female ? "Maria" : "James"
        }
        if let age = sketch.age { registration[.birthDate] = CalendarDate(year: today.year - age - 1, month: 7, day: 14)!.description }
        let firstVisit = today.adding(days: -min(30, sketch.painDays - 1))
        let onset = today.adding(days: -sketch.painDays)
        let diagnoses = sketch.diagnoses.map { code, side in
            var diagnosis = DiagnosisEntry(conditionCode: code, laterality: side, onsetDate: onset, painGenerator: code != "E11.9")
            diagnosis.chronic = sketch.painDays > 90
            return diagnosis
        }
        var lists = DemoChartLists()
        lists.medications = sketch.medications.map { var entry = $0; entry.startDate = onset; return entry }
        lists.allergies = sketch.allergies
        lists.treatments = sketch.therapyWeeks.map { [PriorTreatmentEntry(kind: .physicalTherapy, startDate: onset.adding(days: 14), weeks: $0, result: .noRelief)] } ?? []
        let scale = diagnoses[0].disabilityScale
        let scores = DemoScores.firstVisit(index: index, seed: seed, on: firstVisit, disability: sketch.functionScales ? scale : nil, mood: sketch.mood)
            .filter { sketch.functionScales || $0.questionnaire != QuestionnaireCatalogue.peg.id }
        let age = registration.birthDate?.years(until: today) ?? 50
        let visits = DemoEvaluations.generate(index: index, seed: seed, diagnosis: diagnoses[0], scores: scores, age: age).map { visit in
            var content = visit.content
            content.history = sketch.history.map(\.rawValue)
            content.redFlags = sketch.redFlags.map(\.rawValue)
            if !sketch.redFlags.isEmpty { content.redFlagNotes = "Lost 6 kg in three months without trying." }
            return DemoEvaluations.Visit(kind: visit.kind, date: visit.date, content: content)
        }
        var workup: [DemoWorkup.Item] = []
        func resulted(_ order: WorkupOrder, _ findings: [Finding], _ report: String) {
            workup.append(DemoWorkup.Item(order: order, orderedOn: firstVisit, status: .reviewed,
                                          result: WorkupResult(report: report, resultedOn: firstVisit.adding(days: 7), findings: findings, abnormal: true),
                                          reviewComment: "Reviewed with the patient.", reviewedOn: firstVisit.adding(days: 8)))
        }
        if let (region, findings) = sketch.imaging {
            resulted(WorkupOrder(test: region == .pelvis ? .xray : .mri, region: region, reason: "Level and cause of the pain?"), findings,
                     findings.map(\.label).joined(separator: "; ") + ".")
        }
        if sketch.psychologicalEvaluation {
            resulted(WorkupOrder(test: .psychologicalEvaluation, reason: "Before a spinal cord stimulator"), [],
                     "No contraindication to neuromodulation; realistic expectations.")
        }
        let site = InterventionSite(intervention: InterventionCatalogue.intervention(sketch.site.id)!, region: sketch.site.region,
                                    levels: sketch.site.levels.compactMap(ProcedureLevel.init), side: sketch.site.side)
        var payer = sketch.payer
        payer.subscriber = "\(registration[.givenName]) \(registration[.familyName])"
        payer.startOn = CalendarDate(year: today.year, month: 1, day: 1)
        if payer.payerKind != .selfPay {
            payer.checkedOn = today.adding(days: -5)
            payer.checkedBy = "Availity portal"
            (payer.deductible, payer.deductibleRemaining, payer.coinsurancePercent) = (Money(cents: 300_000), Money(cents: 120_000), 20)
            (payer.outOfPocketMax, payer.outOfPocketRemaining) = (Money(cents: 700_000), Money(cents: 520_000))
        }
        let plan = CarePlanContent(title: diagnoses[0].condition?.label ?? site.intervention.name, startOn: firstVisit.adding(days: 1),
                                   reviewOn: firstVisit.adding(days: 91),
                                   goals: [PlanGoal(text: "Pain at most 3 out of 10 most days", measure: .painIntensity, target: 3,
                                                    targetDate: firstVisit.adding(days: 91))],
                                   components: [PlanComponent(site, phase: site.intervention.purpose == .diagnostic ? .diagnosis : .painReduction,
                                                              sequence: 1, responsible: "Dr. Priya Raman", startOn: today.adding(days: 10)),
                                                PlanComponent(InterventionSite(intervention: InterventionCatalogue.intervention("physical-therapy")!,
                                                                               region: site.region == .thoracic ? .lumbar : site.region),
                                                              phase: .painReduction, sequence: 2, responsible: "Sam Ortiz, PT", startOn: firstVisit.adding(days: 7))])
        var chart = DemoChart(registration: registration, lists: lists, diagnoses: diagnoses,
                              priorProcedures: sketch.procedures.map { done in
                                  PriorProcedureEntry(intervention: done.id, region: site.region, levels: done.levels.compactMap(ProcedureLevel.init),
                                                      side: done.side, performedOn: today.adding(days: -done.daysAgo), facility: "Lakeside Spine Center",
                                                      peakReliefPercent: done.peak, reliefWeeks: done.weeks)
                              },
                              scores: scores, workup: workup, visits: visits, coverages: [payer], plan: plan, redFlags: sketch.redFlags)
        chart.addPlanWork(index: index, seed: seed, today: today)
        return chart
    }
}
