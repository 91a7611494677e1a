import Testing
@testable import ReliefCore

/// Decision support at the boundaries of each rule, with every verdict reachable.
@Suite struct DecisionSupportTests {
    let planned = CalendarDate(year: 2026, month: 12, day: 14)!

    func day(_ text: String) -> CalendarDate { CalendarDate(text)! }
    func levels(_ text: String) -> [ProcedureLevel] { text.split(separator: ",").compactMap { ProcedureLevel(String($0)) } }

    func candidate(_ id: String, _ region: BodyArea = .lumbar, _ levels: String = "", side: Laterality? = nil,
                           on date: CalendarDate? = nil, steroid: SteroidDose? = nil) -> Candidate {
        Candidate(InterventionSite(intervention: InterventionCatalogue.intervention(id)!, region: region, levels: self.levels(levels), side: side),
                  on: date ?? planned, steroid: steroid)
    }

    var radicular: PatientFacts { Fixtures.radicular }

    /// Bilateral lumbar facet arthropathy for a year, failed therapy, an ODI, and two medial branch blocks.
    func axial(blocks: [Int]) -> PatientFacts {
        var facts = PatientFacts()
        facts.diagnoses = [DiagnosisEntry(conditionCode: "M47.816", laterality: .bilateral, onsetDate: day("2025-11-01"))]
        facts.conservativeCare = ConservativeCare([PriorTreatmentEntry(kind: .physicalTherapy, weeks: 6, result: .partial)])
        facts.scores = ["odi": ScoreFact(score: 38, on: day("2026-10-10"))]
        facts.procedures = blocks.enumerated().map { index, percent in
            ProcedureFact(intervention: "medial-branch-block-lumbar", region: .lumbar, levels: levels("L4-L5,L5-S1"), side: .bilateral,
                          date: day("2026-09-01").adding(days: index * 21), peakReliefPercent: percent, reliefWeeks: 0)
        }
        return facts
    }

    /// A lumbar candidate at `levels`.
    func candidate(_ id: String, _ levels: String, side: Laterality? = nil, on date: CalendarDate? = nil, steroid: SteroidDose? = nil) -> Candidate {
        candidate(id, .lumbar, levels, side: side, on: date, steroid: steroid)
    }

    func rule(_ decision: Decision, _ id: String) -> RuleResult? { decision.rules.first { $0.id == id } }

    @Test func aWellDocumentedRadicularPatientIsAppropriateForATransforaminalInjection() throws {
        // act
        let decision = DecisionSupport.decide(candidate("esi-transforaminal-lumbar", "L4-L5", side: .left), for: radicular)
        // check
        #expect(decision.verdict == .appropriate, "\(decision.rules.filter { $0.outcome != .met })")
        let indication = try #require(rule(decision, "indication"))
        #expect(indication.message == "M51.16 Lumbar disc disorder with radiculopathy is radicular pain (radiculopathy, sciatica), which Lumbar transforaminal epidural steroid injection treats.")
        #expect(rule(decision, "esi-imaging")?.facts == ["MRI 2026-10-01: Disc herniation L4-5 left"])
        #expect(rule(decision, "esi-frequency")?.message == "This would be epidural session 1 of at most 4 in this region in 12 months.")
        #expect(decision.rules.allSatisfy { !$0.source.citation.isEmpty })
        #expect(decision.bleedingRisk == .intermediate && decision.catalogueVersion == InterventionCatalogue.version)
    }

    @Test func epiduralsAreNotIndicatedForAxialPainAlone() {
        // setup
        var facts = radicular
        facts.diagnoses = [DiagnosisEntry(conditionCode: "M54.50")]
        // act
        let decision = DecisionSupport.decide(candidate("esi-interlaminar-lumbar", "L4-L5"), for: facts)
        // check
        #expect(decision.verdict == .notIndicated)
        #expect(rule(decision, "indication")?.facts == ["M54.50 Low back pain, unspecified (axial neck or back pain)"])
    }

    @Test func theFifthEpiduralInTwelveMonthsIsNotCoveredButTheFourthIs() {
        // setup: 3 vs 4 sessions in the rolling 12 months, each with lasting relief
        func facts(sessions: Int) -> PatientFacts {
            var facts = radicular
            facts.procedures = (0..<sessions).map { index in
                ProcedureFact(intervention: "esi-transforaminal-lumbar", region: .lumbar, levels: levels("L4-L5"), side: .left,
                              date: planned.adding(days: -364 + index * 91), peakReliefPercent: 70, reliefWeeks: 13)
            }
            return facts
        }
        // act
        let fourth = DecisionSupport.decide(candidate("esi-transforaminal-lumbar", "L4-L5", side: .left), for: facts(sessions: 3))
        let fifth = DecisionSupport.decide(candidate("esi-transforaminal-lumbar", "L4-L5", side: .left), for: facts(sessions: 4))
        var older = facts(sessions: 4)
        older.procedures[0] = ProcedureFact(intervention: "esi-transforaminal-lumbar", region: .lumbar, date: planned.adding(days: -365),
                                            peakReliefPercent: 70, reliefWeeks: 13)
        let outsideWindow = DecisionSupport.decide(candidate("esi-transforaminal-lumbar", "L4-L5", side: .left), for: older)
        // check
        #expect(rule(fourth, "esi-frequency")?.outcome == .met)
        #expect(rule(fifth, "esi-frequency")?.outcome == .notCovered && fifth.verdict == .notCovered)
        #expect(rule(fifth, "esi-frequency")?.facts.count == 4)
        #expect(rule(outsideWindow, "esi-frequency")?.outcome == .met)
    }

    @Test func aRepeatEpiduralNeedsHalfReliefForThirteenWeeks() {
        // setup: 49 vs 50 %, 12 vs 13 weeks
        func repeatAfter(percent: Int, weeks: Int) -> RuleOutcome? {
            var facts = radicular
            facts.procedures = [ProcedureFact(intervention: "esi-transforaminal-lumbar", region: .lumbar, levels: levels("L4-L5"), side: .left,
                                              date: planned.adding(days: -120), peakReliefPercent: percent, reliefWeeks: percent >= 50 ? weeks : 0)]
            return rule(DecisionSupport.decide(candidate("esi-transforaminal-lumbar", "L4-L5", side: .left), for: facts), "esi-repeat")?.outcome
        }
        // act / check
        #expect(repeatAfter(percent: 50, weeks: 13) == .met)
        #expect(repeatAfter(percent: 50, weeks: 12) == .notCovered)
        #expect(repeatAfter(percent: 49, weeks: 0) == .notCovered)
    }

    @Test func afterAFailedEpiduralADifferentLevelFourteenDaysLaterIsCovered() {
        // setup
        func after(days: Int, levels text: String) -> RuleOutcome? {
            var facts = radicular
            facts.procedures = [ProcedureFact(intervention: "esi-transforaminal-lumbar", region: .lumbar, levels: levels("L4-L5"), side: .left,
                                              date: planned.adding(days: -days), peakReliefPercent: 10, reliefWeeks: 0)]
            return rule(DecisionSupport.decide(candidate("esi-transforaminal-lumbar", text, side: .left), for: facts), "esi-repeat")?.outcome
        }
        // act / check
        #expect(after(days: 14, levels: "L5-S1") == .met)
        #expect(after(days: 13, levels: "L5-S1") == .notCovered)
        #expect(after(days: 30, levels: "L4-L5") == .notCovered)
    }

    @Test func missingDurationCareAndImagingAreNamedAsPrerequisites() {
        // setup
        var facts = radicular
        facts.painSince = PartialDate("11/2026")
        facts.diagnoses = [DiagnosisEntry(conditionCode: "M51.16", laterality: .left)]
        facts.conservativeCare = ConservativeCare([PriorTreatmentEntry(kind: .physicalTherapy, weeks: 3, result: .noRelief)])
        facts.imaging = [ImagingFact(test: .mri, region: .lumbar, resultedOn: day("2026-10-01"), findings: [Finding(kind: .discHerniation, level: .l23, side: .left)])]
        // act
        let decision = DecisionSupport.decide(candidate("esi-transforaminal-lumbar", "L4-L5", side: .left), for: facts)
        // check
        #expect(decision.verdict == .prerequisiteMissing)
        #expect(rule(decision, "esi-duration")?.message == "2 weeks of radicular pain; the payer asks for at least 4.")
        #expect(rule(decision, "esi-conservative-care")?.outcome == .missing)
        #expect(rule(decision, "esi-imaging")?.message.hasPrefix("Imaging shows findings elsewhere") == true)
        #expect(Set(decision.reasons.map(\.id)) == ["esi-duration", "esi-conservative-care", "esi-imaging"])
    }

    @Test func ablationNeedsTwoBlocksOfAtLeastEightyPercent() {
        // act: 79 vs 80 %
        let short = DecisionSupport.decide(candidate("facet-rfa-lumbar", "L4-L5,L5-S1", side: .bilateral), for: axial(blocks: [85, 79]))
        let enough = DecisionSupport.decide(candidate("facet-rfa-lumbar", "L4-L5,L5-S1", side: .bilateral), for: axial(blocks: [85, 80]))
        let threeLevels = DecisionSupport.decide(candidate("facet-rfa-lumbar", "L3-L4,L4-L5,L5-S1", side: .bilateral), for: axial(blocks: [85, 80]))
        // check
        #expect(rule(short, "facet-diagnostic-blocks")?.outcome == .missing && short.verdict == .prerequisiteMissing)
        #expect(rule(enough, "facet-diagnostic-blocks")?.outcome == .met)
        #expect(enough.verdict == .appropriate, "\(enough.rules.filter { $0.outcome != .met })")
        #expect(rule(threeLevels, "facet-levels")?.outcome == .notCovered)
    }

    @Test func aSecondBlockOnlyAfterEightyPercentFromTheFirst() {
        // act
        let afterWeak = DecisionSupport.decide(candidate("medial-branch-block-lumbar", "L4-L5,L5-S1", side: .bilateral), for: axial(blocks: [79]))
        let afterStrong = DecisionSupport.decide(candidate("medial-branch-block-lumbar", "L4-L5,L5-S1", side: .bilateral), for: axial(blocks: [80]))
        // check
        #expect(rule(afterWeak, "facet-second-block")?.outcome == .notCovered)
        #expect(rule(afterStrong, "facet-second-block")?.outcome == .met)
    }

    @Test func aRepeatAblationNeedsHalfReliefForSixMonthsAndAtMostTwoAYear() {
        // setup
        func facts(rfa: [(daysAgo: Int, weeks: Int)]) -> PatientFacts {
            var facts = axial(blocks: [90, 85])
            facts.procedures += rfa.map { ProcedureFact(intervention: "facet-rfa-lumbar", region: .lumbar, date: planned.adding(days: -$0.daysAgo),
                                                         peakReliefPercent: 70, reliefWeeks: $0.weeks) }
            return facts
        }
        let site = candidate("facet-rfa-lumbar", "L4-L5,L5-S1", side: .bilateral)
        // act
        let lasted = DecisionSupport.decide(site, for: facts(rfa: [(200, 26)]))
        let short = DecisionSupport.decide(site, for: facts(rfa: [(200, 25)]))
        let third = DecisionSupport.decide(site, for: facts(rfa: [(300, 30), (100, 30)]))
        // check
        #expect(rule(lasted, "facet-repeat")?.outcome == .met)
        #expect(rule(short, "facet-repeat")?.outcome == .notCovered)
        #expect(rule(third, "facet-frequency")?.outcome == .notCovered)
    }

    @Test func implantsNeedPsychologyAndASuccessfulTrial() {
        // setup
        var facts = PatientFacts()
        facts.diagnoses = [DiagnosisEntry(conditionCode: "M96.1")]
        facts.conservativeCare = ConservativeCare([PriorTreatmentEntry(kind: .physicalTherapy, weeks: 12, result: .noRelief)])
        var screened = facts
        screened.psychologicalEvaluationOn = day("2026-10-01")
        func trial(_ percent: Int) -> PatientFacts {
            var facts = screened
            facts.procedures = [ProcedureFact(intervention: "scs-trial", region: .thoracic, date: day("2026-11-01"), peakReliefPercent: percent)]
            return facts
        }
        // act
        let unscreened = DecisionSupport.decide(candidate("scs-trial", .thoracic), for: facts)
        let noTrial = DecisionSupport.decide(candidate("scs-implant", .thoracic), for: screened)
        let weak = DecisionSupport.decide(candidate("scs-implant", .thoracic), for: trial(49))
        let good = DecisionSupport.decide(candidate("scs-implant", .thoracic), for: trial(50))
        // check
        #expect(rule(unscreened, "implant-psychology")?.outcome == .missing)
        #expect(rule(noTrial, "implant-prerequisite")?.outcome == .missing)
        #expect(rule(weak, "implant-prerequisite")?.outcome == .missing)
        #expect(rule(good, "implant-prerequisite")?.outcome == .met)
        #expect(good.verdict == .appropriate, "\(good.rules.filter { $0.outcome != .met })")
    }

    @Test func repeatsWithoutLastingBenefitAdviseAReview() {
        // setup
        var facts = radicular
        facts.procedures = [100, 200].map { ProcedureFact(intervention: "esi-transforaminal-lumbar", region: .lumbar, levels: levels("L5-S1"), side: .left,
                                                          date: planned.adding(days: -$0), peakReliefPercent: 40, reliefWeeks: 0) }
        // act
        let decision = DecisionSupport.decide(candidate("esi-transforaminal-lumbar", "L4-L5", side: .left), for: facts)
        // check
        #expect(rule(decision, "repeats-without-benefit")?.outcome == .precaution)
        #expect(rule(decision, "repeats-without-benefit")?.facts.count == 2)
    }

    @Test func moodScoresOfTenRecommendPsychologyAndWeakEvidenceIsFlagged() {
        // setup: 9 vs 10
        var nine = radicular
        nine.scores = ["phq-9": ScoreFact(score: 9, on: day("2026-11-01")), "gad-7": ScoreFact(score: 9, on: day("2026-11-01"))]
        var ten = radicular
        ten.scores = ["gad-7": ScoreFact(score: 10, on: day("2026-11-01"))]
        // act
        let calm = DecisionSupport.decide(candidate("esi-transforaminal-lumbar", "L4-L5", side: .left), for: nine)
        let anxious = DecisionSupport.decide(candidate("esi-transforaminal-lumbar", "L4-L5", side: .left), for: ten)
        var discogenic = PatientFacts()
        discogenic.diagnoses = [DiagnosisEntry(conditionCode: "M51.360")]
        let idet = DecisionSupport.decide(candidate("idet", .lumbar, "L4-L5"), for: discogenic)
        // check
        #expect(rule(calm, "psychology-referral") == nil)
        #expect(rule(anxious, "psychology-referral")?.outcome == .advice && anxious.verdict == .appropriate)
        #expect(idet.verdict == .notIndicated && rule(idet, "evidence")?.message.contains("no benefit at one year") == true)
    }

    @Test func everyVerdictIsReachable() {
        // setup
        var axialOnly = radicular
        axialOnly.diagnoses = [DiagnosisEntry(conditionCode: "M54.50")]
        var precaution = radicular
        precaution.allergies = [AllergyEntry(substance: .latex)]
        var flagged = radicular
        flagged.openRedFlags = ["Fever"]
        var tooMany = radicular
        tooMany.procedures = (0..<4).map { ProcedureFact(intervention: "esi-caudal", region: .lumbar, date: planned.adding(days: -60 - $0 * 60),
                                                         peakReliefPercent: 80, reliefWeeks: 20) }
        let site = candidate("esi-transforaminal-lumbar", "L4-L5", side: .left)
        // act
        let verdicts = [radicular, precaution, PatientFacts(), axialOnly, tooMany, flagged].map { DecisionSupport.decide(site, for: $0).verdict }
        // check
        #expect(verdicts == [.appropriate, .appropriateWithPrecautions, .notIndicated, .notIndicated, .notCovered, .contraindicated])
        #expect(Set(verdicts + [DecisionSupport.decide(candidate("scs-implant", .thoracic), for: radicular).verdict]) == Set(Verdict.allCases))
    }

    @Test func candidatesAreRankedForTheDiagnosesBestFirst() {
        // act
        let ranked = DecisionSupport.rank(for: radicular, on: planned)
        // check
        #expect(ranked.first?.verdict == .appropriate)
        #expect(ranked.contains { $0.candidate.intervention.id == "esi-transforaminal-lumbar" })
        #expect(!ranked.contains { $0.candidate.intervention.id.hasPrefix("facet") })
        #expect(zip(ranked, ranked.dropFirst()).allSatisfy { $0.verdict.rank <= $1.verdict.rank })
    }

    @Test func candidatesAreReadFromTheQueryWithFieldMessages() {
        // act
        let (good, none) = Candidate.parse(FormFields([("intervention", "facet-rfa-lumbar"), ("region", "lumbar"), ("levels", "L4-5"),
                                                       ("side", "bilateral"), ("date", "2026-12-20")]), today: planned)
        let (_, problems) = Candidate.parse(FormFields([("intervention", "facet-rfa-lumbar"), ("region", "cervical"), ("date", "0x7E9"),
                                                        ("steroid", "triamcinolone")]), today: planned)
        let (_, unknown) = Candidate.parse(FormFields([("intervention", "../etc"), ("region", "lumbar")]), today: planned)
        // check
        #expect(none.isEmpty && good?.date == day("2026-12-20") && good?.site.levels.map(\.description) == ["L4-L5"])
        #expect(problems["region"] != nil && problems["date"] == "Enter the date as MM/DD/YYYY." && problems["steroidMg"] != nil)
        #expect(unknown["intervention"] == "Choose an intervention from the catalogue.")
    }

    @Test func everyHoldRowCitesItsSourceAndUnconfirmedOnesAskForVerification() {
        // check
        for drug in AntithromboticHolds.drugIDs {
            let rule = AntithromboticHolds.rule(drugID: drug)!
            #expect(!rule.source.citation.isEmpty, "\(drug)")
        }
        #expect(AntithromboticHolds.rule(drugID: "warfarin")?.high == .days(5))
        #expect(AntithromboticHolds.rule(drugID: "ibuprofen")?.high == .days(1))
        #expect(AntithromboticHolds.rule(drugID: "nabumetone")?.high == .days(6))
        #expect(AntithromboticHolds.rule(drugID: "ginkgo")?.high == .hours(36))
        #expect(AntithromboticHolds.rule(drugID: "apixaban")?.source.needsVerification == true)
        #expect(AntithromboticHolds.rule(drugID: "celecoxib") == nil)
        #expect(Criterion.allCases.filter { $0 != .steroidYearMilligrams }.allSatisfy { $0.shipped != nil })
    }

    @Test func aProcedureBookedTooSoonToStopAMedicineSaysTheFirstDayThatLeavesTime() {
        // setup: warfarin stops 5 days before an epidural
        var facts = radicular
        facts.medications = [MedicationEntry(drugID: "warfarin", dosage: Dosage(strength: 5, unit: .milligram, frequency: .daily))]
        let decision = DecisionSupport.decide(candidate("esi-transforaminal-lumbar", "L4-L5", side: .left, on: day("2026-12-03")), for: facts)
        // act: five whole days without it, so the last dose is on 11/27: booked that day it is in time, a day later not
        let inTime = decision.holdsTooSoon(today: day("2026-11-27"))
        let late = decision.holdsTooSoon(today: day("2026-11-28"))
        let warnings = decision.tooSoonWarnings(today: day("2026-12-01"))
        // check
        #expect(decision.holds.first?.lastDoseOn == day("2026-11-27") && inTime.isEmpty)
        #expect(late.map(\.earliest) == [day("2026-12-04")])
        #expect(warnings == ["Warfarin must stop 5 days before; its last dose would have been 11/27/2026, already past: the first day that leaves time "
                             + "is 12/07/2026. Move the appointment or ask the physician."])
    }

    @Test func thePracticeSetsItsOwnHoldForADrugWhoseHoldIsUnconfirmed() throws {
        // setup: apixaban ships 3 days (commonly cited, unconfirmed); the practice holds it 5
        var facts = radicular
        facts.medications = [MedicationEntry(drugID: "apixaban", dosage: Dosage(strength: 5, unit: .milligram, frequency: .twiceDaily))]
        let fields = FormFields([(DecisionCriteria.holdField("apixaban"), "5"), (DecisionCriteria.holdField("clopidogrel"), "31"),
                                 (DecisionCriteria.holdField("warfarin"), "9")])
        // act
        let (refused, problems) = DecisionCriteria.parse(fields, today: day("2026-11-18"))
        let (parsed, _) = DecisionCriteria.parse(fields.without(DecisionCriteria.holdField("clopidogrel")), today: day("2026-11-18"))
        let criteria = try #require(parsed)
        let shipped = DecisionSupport.decide(candidate("esi-transforaminal-lumbar", "L4-L5", side: .left, on: day("2027-01-03")), for: facts)
        let practice = DecisionSupport.decide(candidate("esi-transforaminal-lumbar", "L4-L5", side: .left, on: day("2027-01-03")), for: facts, criteria: criteria)
        let lowRisk = DecisionSupport.decide(candidate("trigger-point-injection", on: day("2027-01-03")), for: facts, criteria: criteria)
        // check
        #expect(refused == nil && problems[DecisionCriteria.holdField("clopidogrel")] == "Enter a whole number from 1 to 30.")
        #expect(criteria.holdDays == ["apixaban": 5], "warfarin's hold is confirmed, so the form has no field for it")
        #expect(shipped.holds.first?.duration == .days(3) && shipped.holds.first?.source.needsVerification == true)
        #expect(practice.holds.first?.duration == .days(5) && practice.holds.first?.lastDoseOn == day("2026-12-28"))
        #expect(practice.holds.first?.source == DecisionCriteria.practiceSource)
        #expect(lowRisk.holds.first?.duration == .sharedAssessment)
        #expect(DecisionCriteria(stored: criteria.stored) == criteria && criteria.stored == ["hold-apixaban": 5])
        #expect(AntithromboticHolds.adjustable.contains("apixaban") && !AntithromboticHolds.adjustable.contains("warfarin"))
    }

    @Test func thePayerCoveringThePlannedDayBringsItsOwnCriteria() throws {
        // setup: a commercial payer allows 3 epidurals a year; the patient has had 3; Medicare would cover a fourth
        var facts = radicular
        facts.procedures = (0..<3).map { index in
            ProcedureFact(intervention: "esi-transforaminal-lumbar", region: .lumbar, levels: levels("L4-L5"), side: .left,
                          date: planned.adding(days: -300 + index * 91), peakReliefPercent: 70, reliefWeeks: 13)
        }
        var aetna = CoverageEntry(payerKind: .commercial, payer: "Aetna", startOn: day("2026-01-01"), endOn: day("2026-12-31"))
        aetna.priority = .primary
        let medicare = CoverageEntry(payerKind: .medicare, payer: "Medicare", priority: .secondary)
        let fields = FormFields([("payer", " AETNA "), (Criterion.esiSessionsPerYear.rawValue, "3"), (Criterion.psychologyScore.rawValue, "5")])
        let (parsed, _) = PayerCriteria.parse(fields, today: day("2026-11-18"))
        let own = try #require(parsed)
        let criteria = DecisionCriteria(overrides: [.esiSessionsPerYear: 6], payers: [own])
        // act
        facts.coverages = [aetna, medicare]
        let withAetna = DecisionSupport.decide(candidate("esi-transforaminal-lumbar", "L4-L5", side: .left), for: facts, criteria: criteria)
        let nextYear = DecisionSupport.decide(candidate("esi-transforaminal-lumbar", "L4-L5", side: .left, on: day("2027-01-05")), for: facts, criteria: criteria)
        facts.coverages = [CoverageEntry(payerKind: .selfPay, payer: "Self-pay")]
        let selfPay = DecisionSupport.decide(candidate("esi-transforaminal-lumbar", "L4-L5", side: .left), for: facts, criteria: criteria)
        facts.coverages = []
        let none = DecisionSupport.decide(candidate("esi-transforaminal-lumbar", "L4-L5", side: .left), for: facts, criteria: criteria)
        let (empty, problems) = PayerCriteria.parse(FormFields([("payer", "Aetna")]), today: day("2026-11-18"))
        // check
        #expect(own.overrides == [.esiSessionsPerYear: 3], "the psychology threshold is the practice's, not a payer's")
        #expect(rule(withAetna, "esi-frequency")?.outcome == .notCovered && withAetna.verdict == .notCovered)
        #expect(rule(withAetna, "esi-frequency")?.source == own.source)
        #expect(rule(withAetna, "payer-criteria")?.facts == ["Aetna (primary)", "Epidural: sessions per region in 12 months: 3"])
        #expect(rule(nextYear, "esi-frequency")?.outcome == .met, "Aetna ended; Medicare pays first and the practice's 6 apply")
        #expect(rule(nextYear, "esi-frequency")?.source == DecisionCriteria.practiceSource)
        #expect(rule(selfPay, "esi-frequency") == nil && rule(selfPay, "payer-criteria")?.outcome == .advice)
        #expect(rule(none, "esi-frequency")?.outcome == .met && rule(none, "payer-criteria")?.facts == ["No coverage recorded for the planned day"])
        #expect(empty == nil && problems["payer"] != nil)
        #expect([own].saving(PayerCriteria(payer: "aetna", overrides: [.facetLevels: 3])).map(\.payer) == ["aetna"])
    }
}
