/// The first-visit evaluation of a seen demo patient, signed, coherent with their main diagnosis (where it hurts,
/// how it feels, the exam) and their baseline pain score; patients with three or more visits also have a
/// follow-up evaluation with the latest pain map, so the chart can compare two dates.
public enum DemoEvaluations {
    public struct Visit: Hashable, Sendable {
        public let kind: EncounterKind
        public let date: CalendarDate
        public let content: EvaluationContent
    }

    /// Nothing when the patient has not been seen (no questionnaires).
    public static func generate(index: Int, seed: UInt64, diagnosis: DiagnosisEntry?, scores: [QuestionnaireSubmission],
                                age: Int) -> [Visit] {
        let pain = scores.filter { $0.questionnaire == QuestionnaireCatalogue.painIntensity.id }
        guard let diagnosis, let first = pain.first else { return [] }
        var random = SeededGenerator(seed: (seed &* 32_452_843) ^ UInt64(index) &+ 0xE7A1)
        let template = Template.for(diagnosis, &random)
        let baseline = Int(first.score.score)
        var content = EvaluationContent()
        content.chiefComplaint = template.complaint
        content.onsetDate = diagnosis.onsetDate.map(PartialDate.init)
        content.onsetMechanism = random.pick([OnsetMechanism.gradual, .gradual, .work, .injury, .motorVehicleAccident]).rawValue
        content.characters = template.characters.map(\.rawValue)
        content.radiation = template.radiation
        content.pattern = random.pick([PainPattern.constant, .intermittent]).rawValue
        content.aggravating = template.aggravating.map(\.rawValue)
        content.relieving = [PainFactor.rest, .heat, .medication].filter { _ in random.chance(0.6) }.map(\.rawValue)
        content.painNow = baseline
        content.painAverage = baseline
        content.painWorst = min(baseline + Int.random(in: 1...3, using: &random), 10)
        content.painLeast = max(baseline - Int.random(in: 2...4, using: &random), 0)
        content.painMap = template.map(intensity: baseline)
        content.sleep = random.pick(SleepImpact.allCases).rawValue
        content.workStatus = (age >= 67 ? WorkStatus.retired : random.pick([.working, .working, .modifiedDuty, .offWork, .disability])).rawValue
        content.goals = [random.pick([PatientGoal.walk30Minutes, .returnToWork, .sleepThroughNight, .exercise]),
                         random.pick([PatientGoal.reduceMedication, .avoidSurgery, .householdTasks, .liftGrandchild])].map(\.rawValue)
        content.smoking = random.pick([SmokingStatus.never, .never, .former, .current]).rawValue
        content.alcohol = random.pick([AlcoholUse.none, .occasional, .weekly]).rawValue
        content.tenderness = template.tenderness.map(\.rawValue)
        content.neuro = template.neuro
        content.provocation = template.provocation
        content.redFlagNotes = "Screen negative."
        content.assessment = diagnosis.label
        content.plan = template.plan
        content.patientInstructions = "Keep walking a little every day and do the exercises the therapist showed you. Write down your pain "
            + "from 0 to 10 each evening and what you managed that day; bring the notes to your next visit. We will call you to arrange "
            + "the next step."
        var visits = [Visit(kind: .newPatientEvaluation, date: first.completedOn, content: stored(content, on: first.completedOn))]
        if pain.count >= 3, let latest = pain.last {
            var followUp = EvaluationContent()
            followUp.chiefComplaint = "Follow-up: \(template.complaint.lowercased())"
            followUp.painNow = Int(latest.score.score)
            followUp.painAverage = Int(latest.score.score)
            followUp.painMap = template.map(intensity: Int(latest.score.score), easing: latest.score.score < first.score.score)
            followUp.redFlagNotes = "Screen negative."
            followUp.assessment = diagnosis.label
            followUp.plan = latest.score.score < first.score.score ? "Continue the current plan." : "Review the plan; consider the next step."
            visits.append(Visit(kind: .followUp, date: latest.completedOn, content: stored(followUp, on: latest.completedOn)))
        }
        return visits
    }

    /// The content as the evaluation form would store it (its order of answers and regions).
    private static func stored(_ content: EvaluationContent, on day: CalendarDate) -> EvaluationContent {
        EvaluationForm.parse(EvaluationForm.fields(content), today: day).content
    }

    /// What a diagnosis looks like at the first visit.
    struct Template {
        var complaint: String
        var radiation = ""
        var characters: [PainCharacter]
        var aggravating: [PainFactor]
        /// Regions with their share of the worst intensity (1 = the worst), on the sides they hurt.
        var regions: [(String, [BodySide], Double)]
        var tenderness: [TenderSite] = []
        var neuro: [NeuroExam] = []
        var provocation: [ProvocationResult] = []
        var plan: String

        /// The marks at a given worst intensity; as pain eases the faintest regions clear first.
        func map(intensity: Int, easing: Bool = false) -> [PainMark] {
            regions.flatMap { region, sides, share in
                sides.compactMap { side -> PainMark? in
                    let value = Int((Double(intensity) * share).rounded())
                    guard value > 0, !(easing && share < 0.6) else { return nil }
                    return PainMark(region: region, side: side, intensity: min(value, 10))
                }
            }
        }

        static func `for`(_ diagnosis: DiagnosisEntry, _ random: inout SeededGenerator) -> Template {
            let side: BodySide = diagnosis.laterality == .right || diagnosis.condition?.laterality == .right ? .right : .left
            let both = BodySide.allCases
            func result(_ test: ProvocationTest, _ side: BodySide, _ value: TestResult = .positive) -> ProvocationResult {
                ProvocationResult(test: test.rawValue, side: side.rawValue, result: value.rawValue)
            }
            switch diagnosis.conditionCode {
            case "M51.16", "M51.17", "M54.16", "M54.17":
                return Template(complaint: "Low back pain shooting down the \(side.rawValue) leg", radiation: "Buttock to the lateral calf",
                                characters: [.shooting, .burning, .tingling], aggravating: [.sitting, .bending, .coughing],
                                regions: [("lower-back", [side], 0.8), ("buttock", [side], 0.9), ("back-of-thigh", [side], 1), ("calf", [side], 0.7)],
                                tenderness: [.paraspinal],
                                neuro: [NeuroExam(root: NerveRoot.l5.rawValue, side: side.rawValue, strength: NeuroFinding.reduced.rawValue,
                                                  reflex: NeuroFinding.normal.rawValue, sensation: NeuroFinding.reduced.rawValue)],
                                provocation: [result(.straightLegRaise, side), result(.slump, side)],
                                plan: "Transforaminal epidural steroid injection at the affected level; continue physical therapy.")
            case "M47.816", "M47.817":
                return Template(complaint: "Axial low back pain, worse standing and twisting", characters: [.aching, .dull],
                                aggravating: [.standing, .twisting, .morning], regions: [("lower-back", both, 1), ("buttock", both, 0.5)],
                                tenderness: [.facet, .paraspinal], provocation: both.map { result(.facetLoading, $0) },
                                plan: "Diagnostic medial branch blocks; radiofrequency ablation if two blocks give 80% relief.")
            case "M48.062", "M48.061":
                return Template(complaint: "Leg pain and heaviness when walking, eased by sitting", radiation: "Both legs",
                                characters: [.aching, .cramping, .numbness], aggravating: [.walking, .standing],
                                regions: [("lower-back", both, 0.7), ("back-of-thigh", both, 0.9), ("calf", both, 1)],
                                plan: "Interlaminar epidural steroid injection; walking programme.")
            case "M46.1":
                return Template(complaint: "Pain over the \(side.rawValue) buttock, worse rising from a chair", characters: [.aching, .sharp],
                                aggravating: [.sitting, .changingPosition], regions: [("buttock", [side], 1), ("lower-back", [side], 0.6)],
                                tenderness: [.sacroiliac],
                                provocation: [result(.faber, side), result(.thighThrust, side), result(.compression, side)],
                                plan: "Sacroiliac joint injection under fluoroscopy.")
            case "M50.122", "M54.12":
                return Template(complaint: "Neck pain radiating into the \(side.rawValue) arm", radiation: "Shoulder to the thumb",
                                characters: [.electric, .tingling], aggravating: [.lyingDown, .twisting],
                                regions: [("back-of-neck", [side], 0.8), ("shoulder-blade", [side], 0.7), ("back-of-upper-arm", [side], 0.9),
                                          ("lower-arm", [side], 1)],
                                neuro: [NeuroExam(root: NerveRoot.c6.rawValue, side: side.rawValue, strength: NeuroFinding.normal.rawValue,
                                                  reflex: NeuroFinding.reduced.rawValue, sensation: NeuroFinding.reduced.rawValue)],
                                provocation: [result(.spurling, side)],
                                plan: "Cervical interlaminar epidural steroid injection; physical therapy.")
            case "M17.11", "M17.12", "M17.0":
                let sides: [BodySide] = diagnosis.conditionCode == "M17.0" ? both : [side]
                return Template(complaint: "Knee pain on stairs and after walking", characters: [.aching], aggravating: [.walking, .standing],
                                regions: [("knee", sides, 1)], plan: "Genicular nerve blocks, then radiofrequency ablation if they help.")
            case "G90.521":
                return Template(complaint: "Burning pain and swelling of the right foot since an ankle fracture", characters: [.burning, .pinsAndNeedles],
                                aggravating: [.walking], regions: [("foot", [.right], 1), ("lower-leg", [.right], 0.7)],
                                plan: "Lumbar sympathetic block; desensitisation with occupational therapy.")
            case "M54.2":
                return Template(complaint: "Neck pain and stiffness", characters: [.aching], aggravating: [.twisting, .evening],
                                regions: [("back-of-neck", both, 1), ("shoulder-blade", both, 0.6)], tenderness: [.paraspinal, .triggerPoints],
                                plan: "Trigger point injections; home exercise programme.")
            case "M96.1":
                return Template(complaint: "Back and leg pain persisting after lumbar surgery", characters: [.burning, .aching],
                                aggravating: [.sitting, .standing],
                                regions: [("lower-back", both, 1), ("back-of-thigh", [side], 0.8), ("calf", [side], 0.6)],
                                plan: "Spinal cord stimulator trial after psychological evaluation.")
            case "G89.3":
                return Template(complaint: "Upper and mid back pain from spinal metastases", characters: [.aching, .throbbing],
                                aggravating: [.lyingDown, .evening], regions: [("upper-back", both, 0.8), ("mid-back", both, 1)],
                                plan: "Opioid rotation with the oncology team; consider vertebral augmentation or an intrathecal pump.")
            default:
                return Template(complaint: "Buttock pain into the back of the \(side.rawValue) thigh", characters: [.aching, .shooting],
                                aggravating: [.sitting], regions: [("buttock", [side], 1), ("back-of-thigh", [side], 0.7)],
                                provocation: [result(.faber, side)], plan: "Diagnostic injection; physical therapy.")
            }
        }
    }
}
