import Testing
@testable import ReliefCore

/// Decision support's safety rules: blood thinners held and restarted, contraindications until worked up, precautions,
/// steroid ceilings.
extension DecisionSupportTests {
    @Test func holdsGiveTheLastDoseAcrossMonthEndsAndTheRestart() throws {
        // setup: an intermediate-risk epidural on 2027-01-03 for a patient on warfarin, clopidogrel and naproxen
        var facts = radicular
        facts.medications = [MedicationEntry(drugID: "warfarin", dosage: Dosage(strength: 5, unit: .milligram, frequency: .daily)),
                             MedicationEntry(drugID: "clopidogrel", dosage: Dosage(strength: 75, unit: .milligram, frequency: .daily)),
                             MedicationEntry(drugID: "naproxen", dosage: Dosage(strength: 500, unit: .milligram, frequency: .twiceDaily))]
        // act
        let epidural = DecisionSupport.decide(candidate("esi-transforaminal-lumbar", "L4-L5", side: .left, on: day("2027-01-03")), for: facts)
        let implant = DecisionSupport.decide(candidate("scs-trial", .thoracic, on: day("2027-03-02")), for: facts)
        // check
        let warfarin = try #require(epidural.holds.first { $0.drugID == "warfarin" })
        #expect(warfarin.lastDoseOn == day("2026-12-28") && warfarin.restartOn == day("2027-01-04"))
        #expect(warfarin.checks.contains("Contact the prescriber before stopping") && warfarin.checks.contains { $0.hasPrefix("INR") })
        #expect(warfarin.message == "Warfarin: stop 5 days before; last dose on 12/28/2026; restart 24 hours after, on 01/04/2027, if there is no bleeding.")
        #expect(epidural.holds.first { $0.drugID == "clopidogrel" }?.lastDoseOn == day("2026-12-26"))
        #expect(epidural.holds.first { $0.drugID == "clopidogrel" }?.source.needsVerification == true)
        #expect(!epidural.holds.contains { $0.drugID == "naproxen" })
        #expect(rule(epidural, "anticoagulant-holds")?.facts.contains("Naproxen: continue") == true)
        // High risk: naproxen stops 4 days before; across February's end in a non-leap year.
        #expect(implant.holds.first { $0.drugID == "naproxen" }?.lastDoseOn == day("2027-02-25"))
        #expect(implant.verdict != .appropriate)
    }

    @Test func enoxaparinDosesAndHeparinHoursAreHeldInHours() {
        // setup
        var facts = radicular
        facts.medications = [MedicationEntry(drugID: "enoxaparin", dosage: Dosage(strength: 40, unit: .milligram, frequency: .daily))]
        var therapeutic = radicular
        therapeutic.medications = [MedicationEntry(drugID: "enoxaparin", dosage: Dosage(strength: 80, unit: .milligram, frequency: .twiceDaily))]
        // act
        let prophylactic = DecisionSupport.decide(candidate("esi-caudal", on: day("2026-12-01")), for: facts).holds.first
        let full = DecisionSupport.decide(candidate("esi-caudal", on: day("2026-12-01")), for: therapeutic).holds.first
        // check
        #expect(prophylactic?.duration == .hours(12) && prophylactic?.lastDoseOn == day("2026-11-30"))
        #expect(full?.duration == .hours(24) && full?.lastDoseOn == day("2026-11-30"))
        #expect(full?.message.contains("last dose at least 24 hours before the procedure") == true)
    }

    @Test func safetyRulesContraindicateUntilWorkedUp() {
        // setup
        var flagged = radicular
        flagged.openRedFlags = ["Saddle anaesthesia"]
        var infected = radicular
        infected.history = [.currentInfection]
        var pregnant = radicular
        pregnant.history = [.pregnancy]
        var allergic = radicular
        allergic.allergies = [AllergyEntry(substance: .iodinatedContrast, reactions: [.anaphylaxis])]
        var mild = radicular
        mild.allergies = [AllergyEntry(substance: .iodinatedContrast, reactions: [.hives]), AllergyEntry(substance: .latex)]
        // act
        let site = candidate("esi-transforaminal-lumbar", "L4-L5", side: .left)
        let decisions = [flagged, infected, pregnant, allergic].map { DecisionSupport.decide(site, for: $0) }
        let mildDecision = DecisionSupport.decide(site, for: mild)
        let sacroiliacPregnant = DecisionSupport.decide(candidate("si-joint-injection", .sacral, side: .left), for: pregnant)
        // check
        #expect(decisions.allSatisfy { $0.verdict == .contraindicated })
        #expect(decisions.map { $0.reasons.first?.id } == ["red-flags", "infection", "pregnancy", "allergy-contrast"])
        #expect(mildDecision.verdict == .appropriateWithPrecautions)
        #expect(Set(mildDecision.reasons.map(\.id)) == ["allergy-contrast", "allergy-latex"])
        #expect(rule(sacroiliacPregnant, "pregnancy")?.outcome == .precaution)
    }

    @Test func diabetesWithASteroidAndABleedingDisorderAddPrecautions() {
        // setup
        var facts = radicular
        facts.diagnoses.append(DiagnosisEntry(conditionCode: "E11.42"))
        facts.history = [.bleedingDisorder]
        // act
        let decision = DecisionSupport.decide(candidate("esi-transforaminal-lumbar", "L4-L5", side: .left), for: facts)
        let lumbarBlock = DecisionSupport.decide(candidate("medial-branch-block-lumbar", "L4-L5", side: .left), for: facts)
        // check
        #expect(decision.verdict == .appropriateWithPrecautions)
        #expect(rule(decision, "diabetes-steroid")?.facts == ["Type 2 diabetes with diabetic polyneuropathy (E11.42)"])
        #expect(decision.bleedingRisk == .high && rule(decision, "bleeding-risk")?.message.contains("Check clotting studies") == true)
        #expect(lumbarBlock.bleedingRisk == .intermediate)
    }

    @Test func steroidCeilingsPerInjectionAndPerYear() {
        // setup
        var facts = radicular
        facts.procedures = [ProcedureFact(intervention: "esi-transforaminal-lumbar", region: .lumbar, levels: levels("L4-L5"), side: .left,
                                          date: planned.adding(days: -150), peakReliefPercent: 80, reliefWeeks: 14, steroidMilligrams: 80)]
        let capped = DecisionCriteria(overrides: [.steroidYearMilligrams: 120])
        // act
        let atCeiling = DecisionSupport.decide(candidate("esi-transforaminal-lumbar", "L4-L5", side: .left, steroid: SteroidDose(.dexamethasone, 15)), for: facts)
        let over = DecisionSupport.decide(candidate("esi-transforaminal-lumbar", "L4-L5", side: .left, steroid: SteroidDose(.dexamethasone, 16)), for: facts)
        let yearly = DecisionSupport.decide(candidate("esi-transforaminal-lumbar", "L4-L5", side: .left, steroid: SteroidDose(.triamcinolone, 40)), for: facts, criteria: capped)
        let within = DecisionSupport.decide(candidate("esi-transforaminal-lumbar", "L4-L5", side: .left, steroid: SteroidDose(.triamcinolone, 40)), for: facts,
                                            criteria: DecisionCriteria(overrides: [.steroidYearMilligrams: 121]))
        // check
        #expect(rule(atCeiling, "steroid-dose")?.outcome == .met)
        #expect(rule(over, "steroid-dose")?.outcome == .notCovered)
        #expect(rule(yearly, "steroid-year")?.outcome == .met)
        #expect(rule(yearly, "steroid-year")?.source == DecisionCriteria.practiceSource)
        #expect(rule(within, "steroid-year")?.outcome == .met)
        #expect(rule(DecisionSupport.decide(candidate("esi-transforaminal-lumbar", "L4-L5", side: .left, steroid: SteroidDose(.triamcinolone, 41)), for: facts,
                                            criteria: capped), "steroid-year")?.outcome == .contraindicated)
    }
}
