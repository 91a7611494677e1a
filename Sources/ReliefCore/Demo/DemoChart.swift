/// Everything one demo patient's chart holds, generated without the database: registration, lists, questionnaires,
/// visits, work-up, insurance, the plan and the work under it, authorisations, consents and open red flags. The
/// loader turns it into rows; `facts` reads it as decision support reads the stored chart.
public struct DemoChart: Sendable {
    public var registration: PatientRegistration
    public var lists: DemoChartLists
    /// Working diagnoses: only for patients who have been seen.
    public var diagnoses: [DiagnosisEntry]
    public var priorProcedures: [PriorProcedureEntry]
    public var scores: [QuestionnaireSubmission]
    public var workup: [DemoWorkup.Item]
    public var visits: [DemoEvaluations.Visit]
    public var coverages: [CoverageEntry]
    public var plan: CarePlanContent?
    public var activities: [PlanActivity] = []
    public var authorizations: [PriorAuthorizationEntry] = []
    public var consents: [DemoConsents.Consent] = []
    /// Red flags ticked on the first visit and still open as alerts.
    public var redFlags: [RedFlag] = []
    /// The coming appointment with the physician, for the first patients.
    public var appointment: DemoSchedule.Slot?
    /// Procedures done here, signed and followed up.
    public var done: [DemoProcedures.Done] = []
    /// Taken at each visit.
    public var vitals: [VitalSignsEntry] = []

    /// The `index`-th demo patient: one of the showcase (`DemoShowcase`) for the first indices, generated otherwise.
    public static func make(index: Int, seed: UInt64, today: CalendarDate) -> DemoChart {
        var chart = DemoShowcase.chart(index: index, seed: seed, today: today) ?? generate(index: index, seed: seed, today: today)
        chart.appointment = DemoSchedule.next(for: chart, index: index, today: today)
        chart.vitals = DemoVitals.generate(index: index, seed: seed, male: chart.registration[.sexAtBirth] == SexAtBirth.male.rawValue,
                                           visits: chart.visits.map(\.date))
        return chart
    }

    /// A patient drawn at random, coherent with their main diagnosis; independent of the other patients.
    public static func generate(index: Int, seed: UInt64, today: CalendarDate) -> DemoChart {
        let registration = DemoPractice.patient(index: index, seed: seed, today: today)
        let age = registration.birthDate?.years(until: today) ?? 50
        let lists = DemoChartLists.generate(index: index, seed: seed, age: age, today: today)
        let onOpioid = !OpioidSummary(lists.medications).lines.isEmpty
        let working = DemoChartLists.diagnoses(index: index, seed: seed, today: today)
        let scores = DemoScores.generate(index: index, seed: seed, today: today, male: registration[.sexAtBirth] == SexAtBirth.male.rawValue,
                                         onOpioid: onOpioid, disability: working[0].disabilityScale)
        // Patients with questionnaires have been seen: the physician recorded working diagnoses and signed the
        // first-visit evaluation (and a follow-up for those seen three times or more).
        let diagnoses = scores.isEmpty ? [] : working
        let name = "\(registration[.givenName]) \(registration[.familyName])"
        var chart = DemoChart(
            registration: registration, lists: lists, diagnoses: diagnoses,
            priorProcedures: DemoChartLists.priorProcedures(index: index, seed: seed, diagnosis: working[0], today: today), scores: scores,
            workup: DemoWorkup.generate(index: index, seed: seed, diagnosis: diagnoses.first, firstVisit: scores.first?.completedOn,
                                        onOpioid: onOpioid, today: today),
            visits: DemoEvaluations.generate(index: index, seed: seed, diagnosis: diagnoses.first, scores: scores, age: age),
            coverages: DemoCoverage.coverages(index: index, seed: seed, age: age, subscriber: name, today: today))
        if let first = scores.first?.completedOn, let diagnosis = diagnoses.first {
            chart.plan = DemoPlans.plan(index: index, seed: seed, diagnosis: diagnosis, firstVisit: first, onOpioid: onOpioid)
        }
        chart.addPlanWork(index: index, seed: seed, today: today)
        chart.done = DemoProcedures.generate(index: index, seed: seed, chart: chart, today: today)
        return chart
    }

    /// The work under the plan, its authorisations and its consents, from the chart as it stands.
    mutating func addPlanWork(index: Int, seed: UInt64, today: CalendarDate) {
        guard let plan else { return }
        activities = DemoPlans.activities(index: index, seed: seed, plan: plan, today: today)
        authorizations = DemoCoverage.authorizations(index: index, seed: seed, plan: plan, primary: coverages.first, today: today)
        consents = DemoConsents.consents(index: index, seed: seed, plan: plan, facts: facts, today: today)
    }

    public var fullName: String { "\(registration[.givenName]) \(registration[.familyName])" }

    /// The chart as decision support reads it from the database (`DecisionSupportQueries`).
    public var facts: PatientFacts {
        var facts = PatientFacts()
        facts.birthDate = registration.birthDate
        facts.diagnoses = diagnoses.filter(\.isCurrent)
        facts.medications = lists.medications.filter(\.isCurrent)
        facts.allergies = lists.allergies.filter { $0.isCurrent && $0.substance != .noKnownAllergies }
        facts.conservativeCare = ConservativeCare(lists.treatments)
        facts.procedures = priorProcedures.map(\.fact) + done.compactMap(\.performed.fact)
        if let latest = visits.max(by: { $0.date < $1.date })?.content {
            facts.painSince = latest.onsetDate
            facts.history = Set(latest.history.compactMap(ProcedureRelevantHistory.init(rawValue:)))
        }
        facts.openRedFlags = redFlags.map(\.alertMessage)
        for item in workup {
            guard let result = item.result else { continue }
            switch item.order.test {
            case .xray, .ct, .mri:
                facts.imaging.append(ImagingFact(test: item.order.test, region: item.order.region?.spinalArea, side: item.order.laterality,
                                                 resultedOn: result.resultedOn, findings: result.findings))
            case .psychologicalEvaluation:
                facts.psychologicalEvaluationOn = max(facts.psychologicalEvaluationOn ?? result.resultedOn, result.resultedOn)
            default:
                continue
            }
        }
        for submission in scores.sorted(by: { $0.completedOn < $1.completedOn }) {
            facts.scores[submission.questionnaire] = ScoreFact(score: submission.score.score, on: submission.completedOn)
        }
        facts.coverages = coverages.filter(\.isCurrent)
        return facts
    }
}
