import Testing
@testable import ReliefCore

@Suite struct InterventionCatalogueTests {
    /// Every id used here is checked to exist by the first test.
    private func entry(_ id: String) -> Intervention { InterventionCatalogue.intervention(id)! }

    @Test func everyTechniqueOfThePracticeHasItsStableID() {
        // setup: the ids issue 19 names
        let ids = ["esi-interlaminar-cervical", "esi-interlaminar-thoracic", "esi-interlaminar-lumbar", "esi-transforaminal-cervical",
                   "esi-transforaminal-lumbar", "esi-caudal", "selective-nerve-root-block", "medial-branch-block-cervical",
                   "medial-branch-block-lumbar", "facet-injection-cervical", "facet-injection-lumbar", "facet-rfa-cervical", "facet-rfa-lumbar",
                   "si-joint-injection", "si-joint-rfa", "pulsed-rf", "trigger-point-injection", "stellate-ganglion-block",
                   "occipital-nerve-block", "discography-lumbar", "idet", "chemonucleolysis", "percutaneous-discectomy", "vertebroplasty",
                   "kyphoplasty", "scs-trial", "scs-implant", "intrathecal-pump-trial", "intrathecal-pump-implant", "intrathecal-pump-refill",
                   "physical-therapy", "occupational-therapy", "psychotherapy", "medication-management", "acupuncture", "massage",
                   "chiropractic", "surgical-referral"]
        // check
        #expect(InterventionCatalogue.all.map(\.id) == ids)
        #expect(InterventionCatalogue.all.filter { !$0.isProcedure }.count == 8)
    }

    @Test func everyEntryIsCompleteAndPointsOnlyAtEntriesThatExist() {
        for entry in InterventionCatalogue.all {
            // check
            #expect(!entry.indications.isEmpty && !entry.regions.isEmpty && !entry.alternatives.isEmpty, "\(entry.id)")
            #expect(!entry.preparation.isEmpty && !entry.aftercare.isEmpty && !entry.onset.isEmpty && !entry.duration.isEmpty, "\(entry.id)")
            #expect(entry.alternatives.allSatisfy { InterventionCatalogue.intervention($0) != nil && $0 != entry.id }, "\(entry.id)")
            #expect(entry.prerequisite.map { InterventionCatalogue.intervention($0) != nil } ?? true, "\(entry.id)")
            #expect(!entry.followUpDays.isEmpty && entry.followUpDays == entry.followUpDays.sorted() && entry.followUpDays.allSatisfy { $0 > 0 }, "\(entry.id)")
            #expect(entry.generalRisks.contains(.failure) && entry.generalRisks.contains(.cost), "\(entry.id)")
            // A procedure is coded, bleeding-classed and carries PRACTICE.md's risks; the rest of the plan is neither.
            #expect(entry.isProcedure == (entry.bleedingRisk != nil), "\(entry.id)")
            #expect(entry.isProcedure == !entry.billing.isEmpty, "\(entry.id)")
            if entry.isProcedure, !entry.isImplant, entry.prerequisite == nil {
                #expect(entry.generalRisks.contains(.infection) && entry.generalRisks.contains(.dependency), "\(entry.id)")
            }
            for billing in entry.billing {
                #expect(billing.perLevel.first?.isAddOn == false && billing.perLevel.dropFirst().allSatisfy { $0.isAddOn }, "\(entry.id)")
                #expect((billing.perLevel + billing.once).allSatisfy { $0.code.wholeMatch(of: /[0-9]{5}|G[0-9]{4}/) != nil }, "\(entry.id)")
            }
            #expect(entry.regions.allSatisfy { entry.isProcedure ? entry.billing(for: $0) != nil : true }, "\(entry.id) codes every region")
        }
    }

    @Test func bleedingRiskClassesFollowASRA() throws {
        // setup: REFERENCE §1a — cervical and lumbar facet procedures differ
        let expected: [String: BleedingRisk] = [
            "esi-interlaminar-lumbar": .intermediate, "esi-transforaminal-cervical": .intermediate, "esi-caudal": .intermediate,
            "medial-branch-block-cervical": .intermediate, "facet-rfa-cervical": .intermediate,
            "medial-branch-block-lumbar": .low, "facet-rfa-lumbar": .low, "facet-injection-lumbar": .low,
            "trigger-point-injection": .low, "occipital-nerve-block": .low,
            "scs-trial": .high, "scs-implant": .high, "vertebroplasty": .high, "kyphoplasty": .high, "intrathecal-pump-implant": .high,
        ]
        // check
        for (id, risk) in expected {
            let value = try #require(entry(id).bleedingRisk)
            #expect(value.value == risk, "\(id)")
            #expect(!value.source.needsVerification, "\(id) is listed explicitly")
        }
        #expect(entry("si-joint-injection").bleedingRisk?.source.needsVerification == true)
        #expect(entry("stellate-ganglion-block").bleedingRisk?.value == .intermediate)
    }

    @Test func claimLinesFollowTheAddOnAndBilateralRules() throws {
        // act
        let facet = try #require(entry("facet-injection-lumbar").billing(for: .lumbar)).lines(levels: 3, side: .bilateral)
        let transforaminal = try #require(entry("esi-transforaminal-lumbar").billing(for: .lumbar)).lines(levels: 2, side: .left)
        let augmentation = try #require(entry("vertebroplasty").billing(for: .lumbar)).lines(levels: 3, side: nil)
        let implant = try #require(entry("scs-implant").billing(for: .thoracic)).lines(levels: 0, side: nil)
        let discs = try #require(entry("discography-lumbar").billing(for: .lumbar)).lines(levels: 2, side: nil)
        // check: REFERENCE §6
        #expect(facet.map { "\($0.code.code)×\($0.units)\($0.modifiers.map { "-" + $0 }.joined())" } == ["64493×1-50", "64494×1-50", "64495×1-50"])
        #expect(transforaminal.map { "\($0.code.code)×\($0.units)" } == ["64483×1", "64484×1"])
        #expect(transforaminal.allSatisfy { $0.modifiers.isEmpty })
        #expect(augmentation.map { "\($0.code.code)×\($0.units)" } == ["22511×1", "22512×2"])
        #expect(implant.map(\.code.code) == ["63650", "63685"])
        #expect(discs.map { "\($0.code.code)×\($0.units)" } == ["62290×2", "72295×1"])
        #expect(entry("facet-rfa-cervical").billing(for: .cervical)?.perLevel.map(\.code) == ["64633", "64634"])
        #expect(entry("medial-branch-block-cervical").billing(for: .cervical)?.perLevel.map(\.code) == ["64490", "64491", "64492"])
        #expect(entry("selective-nerve-root-block").billing(for: .cervical)?.perLevel.first?.code == "64479")
        #expect(entry("esi-interlaminar-lumbar").bilateral == .notAllowed)
        #expect(entry("si-joint-injection").billing.first?.perLevel.first?.code == "27096")
        #expect(entry("kyphoplasty").billing(for: .thoracic)?.perLevel.first?.code == "22513")
        #expect(entry("occipital-nerve-block").billing.first?.source.needsVerification == true)
    }

    @Test func weakEvidenceIsFlaggedWithItsNote() throws {
        // check: PRACTICE.md "Techniques"
        #expect(entry("idet").evidence.strength == .noBenefit)
        #expect(entry("idet").evidence.text.contains("no benefit at one year"))
        #expect(entry("chemonucleolysis").evidence.strength.isWeak)
        #expect(entry("pulsed-rf").evidence.strength.isWeak)
        #expect(!entry("esi-transforaminal-lumbar").evidence.strength.isWeak)
    }

    @Test func implantsNeedTheirTrialAndRefillsAPump() throws {
        // check
        #expect(entry("scs-implant").prerequisite == "scs-trial")
        #expect(entry("intrathecal-pump-implant").prerequisite == "intrathecal-pump-trial")
        #expect(entry("intrathecal-pump-refill").prerequisite == "intrathecal-pump-implant")
        #expect(InterventionCatalogue.all.filter(\.isImplant).map(\.id) == ["scs-implant", "intrathecal-pump-implant"])
    }

    @Test func everyCatalogueDiagnosisPresentsAsAKindOfPain() {
        // check
        for condition in ConditionCatalogue.all { #expect(!PainKind.of(condition.code).isEmpty, "\(condition.code)") }
        #expect(PainKind.of(" m54.41 ") == [.axial, .radicular])
        #expect(PainKind.of("Z99.9").isEmpty)
    }

    @Test func candidatesFollowTheKindOfPain() {
        // act
        let radicular = InterventionCatalogue.candidates(for: [.radicular], in: [.lumbar]).map(\.id)
        let axial = InterventionCatalogue.candidates(for: [.axial, .facet], in: [.lumbar]).map(\.id)
        // check: ESI for radicular pain, not axial pain alone; facet procedures for axial pain
        #expect(radicular.contains("esi-transforaminal-lumbar") && !radicular.contains("facet-rfa-lumbar"))
        #expect(axial.contains("medial-branch-block-lumbar") && !axial.contains("esi-interlaminar-lumbar"))
        #expect(!axial.contains("facet-rfa-cervical"))
        #expect(radicular.firstIndex(of: "physical-therapy")! > radicular.firstIndex(of: "esi-caudal")!)
    }

    @Test func levelsAreReadInEveryUsualSpelling() {
        // check
        #expect(ProcedureLevel("L4-5")?.description == "L4-L5")
        #expect(ProcedureLevel(" l5 - s1 ")?.description == "L5-S1")
        #expect(ProcedureLevel("C7/T1")?.description == "C7-T1")
        #expect(ProcedureLevel("T12-L1")?.area == .thoracic)
        #expect(ProcedureLevel("L1")?.isSegment == false)
        for bad in ["L3-L5", "L6", "L0x4", "L4-L4", "S1-S2", "L5-L4", "4-5", "LL4", "L4\u{0}-5", "Ｌ4", "L٤", "L4-5-6", ""] {
            #expect(ProcedureLevel(bad) == nil, "\(bad)")
        }
    }

    @Test func levelListsKeepToTheUnitAndTheRegion() {
        // act
        let facet = ProcedureLevel.parseList("L5-S1, L4-5\nL4-L5", unit: .segment, region: .lumbar)
        let wrongRegion = ProcedureLevel.parseList("C5-C6", unit: .segment, region: .lumbar)
        let vertebraForSegment = ProcedureLevel.parseList("L4", unit: .segment, region: .lumbar)
        let segmentForVertebra = ProcedureLevel.parseList("L1-L2", unit: .vertebra, region: .lumbar)
        let tooMany = ProcedureLevel.parseList("T1, T2, T3, T4, T5, T6, T7", unit: .vertebra, region: .thoracic)
        // check
        #expect(facet.levels.map(\.description) == ["L4-L5", "L5-S1"] && facet.problem == nil)
        #expect(wrongRegion.problem == "C5-C6 is not in the low back (lumbar) region.")
        #expect(vertebraForSegment.problem?.contains("L4-L5") == true)
        #expect(segmentForVertebra.problem?.contains("one vertebra") == true)
        #expect(tooMany.problem == "Name at most 6 levels for one session.")
        #expect(ProcedureLevel.parseList("L4-5 <script>", unit: .segment, region: .lumbar).problem?.contains("not a spinal level") == true)
    }
}
