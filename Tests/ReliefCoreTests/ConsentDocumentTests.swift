import Testing
@testable import ReliefCore

/// The consent speaks about this patient's procedure, their own risks and realistic chances.
@Suite struct ConsentDocumentTests {
    private let planned = CalendarDate(year: 2026, month: 12, day: 14)!

    private func decision(_ id: String, facts: PatientFacts, levels: [String] = [], side: Laterality? = nil) -> Decision {
        let site = InterventionSite(intervention: InterventionCatalogue.intervention(id)!, region: .lumbar, levels: levels.compactMap(ProcedureLevel.init), side: side)
        return DecisionSupport.decide(Candidate(site, on: planned), for: facts)
    }

    private func section(_ document: ConsentDocument, _ title: String) -> ConsentDocument.Section? {
        document.sections.first { $0.title == title }
    }

    @Test func aDiabeticPatientOnWarfarinReadsTheirOwnRisks() throws {
        // setup
        var facts = PatientFacts()
        facts.diagnoses = [DiagnosisEntry(conditionCode: "M51.16", laterality: .left), DiagnosisEntry(conditionCode: "E11.42")]
        facts.medications = [MedicationEntry(drugID: "warfarin", dosage: Dosage(strength: 5, unit: .milligram, frequency: .daily))]
        facts.allergies = [AllergyEntry(substance: .latex)]
        // act
        let document = ConsentDocument(for: decision("esi-transforaminal-lumbar", facts: facts, levels: ["L4-L5"], side: .left), facts: facts)
        // check
        #expect(document.title == "Consent to lumbar transforaminal epidural steroid injection")
        let what = try #require(section(document, "What will be done and why")).paragraphs[0]
        #expect(what == "We plan a lumbar transforaminal epidural steroid injection in the low back (lumbar) region at L4-L5, on the left side on 12/14/2026, for your lumbar disc disorder with radiculopathy.")
        let mine = try #require(section(document, "Risks that apply to you")).items
        #expect(mine.contains { $0.hasPrefix("You take warfarin") } && mine.contains { $0.hasPrefix("You have diabetes") })
        #expect(mine.contains { $0.contains("Latex") })
        #expect(section(document, "Before")?.items.contains { $0.hasPrefix("Warfarin: stop 5 days before; last dose on 12/08/2026") } == true)
        #expect(section(document, "Other choices")?.items.last?.hasPrefix("Doing nothing") == true)
        #expect(section(document, "Risks for everyone")?.items.contains(GeneralRisk.cost.title) == true)
    }

    @Test func weakEvidenceIsToldAndAPatientWithoutExtraRisksIsToldSo() {
        // setup
        var facts = PatientFacts()
        facts.diagnoses = [DiagnosisEntry(conditionCode: "M51.360")]
        // act
        let document = ConsentDocument(for: decision("idet", facts: facts, levels: ["L4-L5"]), facts: facts)
        // check
        #expect(section(document, "What to expect realistically")?.paragraphs.contains { $0.contains("no benefit at one year") } == true)
        #expect(section(document, "Risks that apply to you")?.items == ["Nothing in your record adds to the risks above. Tell us if anything has changed."])
        #expect(section(document, "What will be done and why")?.paragraphs[1].hasPrefix("It is a treatment") == true)
    }
}
