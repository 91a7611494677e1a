import Foundation
import Testing
@testable import ReliefCore

/// The checks before a procedure: which apply to this patient and procedure, what is still missing, and what the
/// measured values call attention to.
@Suite struct ProcedureChecklistTests {
    private let day = CalendarDate(year: 2026, month: 12, day: 14)!

    private func facts(born: Int, warfarin: Bool = false, diabetic: Bool = false) -> PatientFacts {
        var facts = PatientFacts()
        facts.birthDate = CalendarDate(year: born, month: 12, day: 14)
        facts.diagnoses = [DiagnosisEntry(conditionCode: "M51.16", laterality: .left)] + (diabetic ? [DiagnosisEntry(conditionCode: "E11.9")] : [])
        if warfarin { facts.medications = [MedicationEntry(drugID: "warfarin", dosage: Dosage(strength: 5, unit: .milligram, frequency: .daily))] }
        return facts
    }

    private func checklist(_ id: String, _ region: BodyArea, levels: String = "", side: Laterality? = nil, facts: PatientFacts, consent: Bool = true,
                           female: Bool = true) -> ProcedureChecklist {
        let intervention = InterventionCatalogue.intervention(id)!
        let site = InterventionSite(intervention: intervention, region: region, levels: ProcedureLevel.parseList(levels, unit: intervention.levelUnit ?? .segment,
                                                                                                                 region: region).0, side: side)
        let decision = DecisionSupport.decide(Candidate(site, on: day), for: facts)
        return ProcedureChecklist(decision, facts: facts, consentSigned: consent, female: female)
    }

    @Test func theLinesFollowTheProcedureAndThePatient() {
        // act
        let epidural = checklist("esi-transforaminal-lumbar", .lumbar, levels: "L4-L5", side: .left, facts: facts(born: 1986, warfarin: true, diabetic: true))
        let implant = checklist("scs-implant", .thoracic, facts: facts(born: 1960), female: false)
        let at55 = checklist("esi-transforaminal-lumbar", .lumbar, levels: "L4-L5", side: .left, facts: facts(born: 1971))
        let at56 = checklist("esi-transforaminal-lumbar", .lumbar, levels: "L4-L5", side: .left, facts: facts(born: 1970))
        // check
        #expect(epidural.lines.map(\.id) == ["consent", "hold.warfarin", "inr", "allergies", "glucose", "pregnancy", "site",
                                             "time-out.identity", "time-out.procedure", "time-out.site"])
        #expect(epidural.lines[1].text == "Warfarin: last taken on 12/08/2026 or before.")
        #expect(epidural.lines[3].text.hasSuffix("contrast included.") && epidural.lines[6].text == "Site marked: low back (lumbar), left, L4-L5.")
        #expect(implant.lines.map(\.id).contains("fasting") && implant.lines.map(\.id).contains("driver") && !implant.lines.map(\.id).contains("pregnancy"))
        #expect(at55.lines.map(\.id).contains("pregnancy") && !at56.lines.map(\.id).contains("pregnancy"))
        #expect(ProcedureChecklist.pregnancyAges.source.needsVerification && at55.lines.first { $0.id == "pregnancy" }?.text.contains("verify") == true)
    }

    @Test func nothingStartsUntilEveryLineIsMetAndAValueIsInRange() throws {
        // setup
        let list = checklist("esi-transforaminal-lumbar", .lumbar, levels: "L4-L5", side: .left, facts: facts(born: 1986, warfarin: true, diabetic: true))
        let unsigned = checklist("esi-transforaminal-lumbar", .lumbar, levels: "L4-L5", side: .left, facts: facts(born: 1986), consent: false)
        let ticks = list.lines.filter { $0.kind == .tick }.map { ($0.id, "yes") }
        // act
        let (all, _) = list.parse(FormFields(ticks + [("inr", "1.4"), ("glucose", "182")]), today: day)
        let (partial, _) = list.parse(FormFields(ticks.dropLast() + [("inr", "1.5")]), today: day)
        let (_, problems) = list.parse(FormFields([("inr", "0x1F"), ("glucose", "900")]), today: day)
        let (everything, _) = unsigned.parse(FormFields(unsigned.lines.map { ($0.id, "yes") }), today: day)
        // check
        let complete = try #require(all), incomplete = try #require(partial)
        #expect(list.missing(complete).isEmpty && list.advisories(complete).isEmpty)
        #expect(list.missing(incomplete).map(\.id) == ["glucose", "time-out.site"])
        #expect(list.advisories(incomplete).first?.hasPrefix("INR 1.5 is above 1.4") == true)
        #expect(problems["inr"] != nil && problems["glucose"] == "Enter a number from 20 to 800.")
        #expect(unsigned.missing(try #require(everything)).map(\.id) == ["consent"], "a consent is not ticked, it is signed")
    }
}
