import Foundation
import Testing
@testable import ReliefCore

/// The procedure record: what it requires, what it refuses, the dose it computes and the codes it derives.
@Suite struct ProcedureNoteTests {
    private let today = CalendarDate(year: 2026, month: 12, day: 7)!

    private func form(_ extra: [(String, String)] = [], site: [(String, String)]? = nil) -> FormFields {
        let place = site ?? [("intervention", "esi-transforaminal-lumbar"), ("region", "lumbar"), ("levels", "L4-L5, L5-S1"), ("side", "bilateral")]
        var fields = FormFields(place + [("start", "8:05"), ("end", "8:31"), ("guidance", "fluoroscopy"), ("fluoroscopySeconds", "42"),
                                         ("sedation", "local"), ("painBefore", "7"), ("painAfter", "2"), ("disposition", "home-with-escort"),
                                         ("medication.1.drug", "dexamethasone"), ("medication.1.concentration", "10"), ("medication.1.volume", "1"),
                                         ("medication.2.drug", "lidocaine"), ("medication.2.concentration", "10"), ("medication.2.volume", "2")])
        for (name, value) in extra { fields.set(name, value) }
        return fields
    }

    @Test func aCompleteRecordDerivesItsDoseAndCodes() throws {
        // act
        let (parsed, problems) = ProcedureNote.parse(form(), today: today)
        // check
        let note = try #require(parsed, "\(problems)")
        #expect(note.steroid == SteroidDose(.dexamethasone, 10) && note.advisories.isEmpty)
        #expect(note.medications.map(\.label) == ["Dexamethasone 10 mg/mL × 1 mL = 10 mg", "Lidocaine 10 mg/mL × 2 mL = 20 mg"])
        #expect(note.codes.map { "\($0.code.code)×\($0.units)\($0.modifiers.map { "-" + $0 }.joined())" } == ["64483×1-50", "64484×1-50"])
        #expect(ProcedureNote.parse(note.fields, today: today).0 == note, "its own fields read back")
    }

    @Test func aRecordRefusesWhatCannotHaveHappened() {
        // act
        let backwards = ProcedureNote.parse(form([("end", "8:00")]), today: today).1
        let noFluoroTime = ProcedureNote.parse(form([("fluoroscopySeconds", "")]), today: today).1
        let wrongGuidance = ProcedureNote.parse(form([("guidance", "ultrasound")]), today: today).1
        let badLevel = ProcedureNote.parse(form([("levels", "L7-S1")]), today: today).1
        let pain = ProcedureNote.parse(form([("painAfter", "11"), ("painBefore", "0x1F")]), today: today).1
        let orphanVolume = ProcedureNote.parse(form([("medication.3.volume", "2")]), today: today).1
        let steroidWithoutStrength = ProcedureNote.parse(form([("medication.1.concentration", "")]), today: today).1
        let other = ProcedureNote.parse(form([("events", "other")]), today: today).1
        let overCeiling = ProcedureNote.parse(form([("medication.1.drug", "triamcinolone"), ("medication.1.concentration", "40"),
                                                    ("medication.1.volume", "2.5")]), today: today).0
        // check
        #expect(backwards["end"] == "It cannot end before it starts." && noFluoroTime["fluoroscopySeconds"] == "Enter the fluoroscopy time.")
        #expect(wrongGuidance["guidance"]?.hasPrefix("Lumbar transforaminal epidural steroid injection is guided by fluoroscopy") == true)
        #expect(badLevel["levels"] != nil && pain["painAfter"] != nil && pain["painBefore"] != nil)
        #expect(orphanVolume["medication.3.drug"] == "Choose what was injected." && steroidWithoutStrength["medication.1.concentration"] != nil)
        #expect(other["eventNote"] == "Describe what happened.")
        #expect(overCeiling?.advisories.first?.hasPrefix("Triamcinolone 100 mg is above the 80 mg of one injection") == true)
    }

    @Test func mixedSteroidsAddUpAsTriamcinolone() {
        // setup: 40 mg triamcinolone and 4 mg dexamethasone (×16/3 by potency)
        let note = ProcedureNote.parse(form([("medication.2.drug", "triamcinolone"), ("medication.2.concentration", "40"), ("medication.2.volume", "1"),
                                             ("medication.1.concentration", "4")]), today: today).0
        // check
        #expect(note?.steroid?.steroid == .triamcinolone)
        #expect(abs((note?.steroid?.milligrams ?? 0) - (40 + 4 * Steroid.dexamethasone.triamcinoloneFactor)) < 0.001)
    }

    @Test func aProcedureDoneHereIsReadByTheRulesWithItsSteroid() throws {
        // setup
        let note = try #require(ProcedureNote.parse(form(), today: today).0)
        // act
        let fact = try #require(PerformedProcedure(date: today, note: note, peakReliefPercent: 70, reliefWeeks: 9).fact)
        // check
        #expect(fact.intervention == "esi-transforaminal-lumbar" && fact.region == .lumbar && fact.side == .bilateral)
        #expect(fact.levels.map(\.description) == ["L4-L5", "L5-S1"] && fact.date == today)
        #expect(fact.peakReliefPercent == 70 && fact.reliefWeeks == 9)
        #expect(fact.steroidMilligrams == 10 * Steroid.dexamethasone.triamcinoloneFactor)
    }

    @Test func anAuthorisationCountsTheUnitsOfItsCodesWithinItsDates() throws {
        // setup: two sessions of two levels (64483 + 64484) inside the approval, one after it
        let note = try #require(ProcedureNote.parse(form(), today: today).0)
        let done = [PerformedProcedure(date: today.adding(days: -30), note: note), PerformedProcedure(date: today, note: note),
                    PerformedProcedure(date: today.adding(days: 60), note: note)]
        let approval = PriorAuthorizationEntry(payer: "Acme", status: .approved, intervention: "esi-transforaminal-lumbar", codes: ["64483"],
                                               units: 2, validFrom: today.adding(days: -40), validUntil: today.adding(days: 30))
        var bySession = approval
        bySession.codes = []
        var otherProcedure = approval
        otherProcedure.intervention = "medial-branch-block-lumbar"
        // act
        let used = approval.unitsUsed(by: done)
        // check
        #expect(used == 2 && approval.warning(today: today, used: used)?.hasPrefix("All 2 approved units are used") == true)
        #expect(bySession.unitsUsed(by: done) == 2 && otherProcedure.unitsUsed(by: done) == 0)
    }
}
