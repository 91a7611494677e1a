import Testing
@testable import ReliefCore

/// A diagnostic block's result as evidence on the problem list: which diagnoses it tested, and the box it fills.
@Suite struct BlockEvidenceTests {
    private let day = CalendarDate("2026-11-18")!

    private func block(_ side: Laterality?, positive: Bool = true, region: BodyArea = .lumbar, id: String = "medial-branch-block-lumbar") -> BlockResult {
        BlockResult(date: day, site: InterventionSite(stored: id, region: region.rawValue, levels: "L4-L5, L5-S1", side: side?.rawValue ?? "")!,
                    sustained: positive ? 87 : 40, positive: positive)
    }

    @Test func aLumbarMedialBranchBlockTestsLumbarFacetAndAxialPainNotRadicularOrCervical() {
        // setup
        let result = block(.bilateral)
        // act / check
        #expect(result.tests(DiagnosisEntry(conditionCode: "M47.816")) && result.tests(DiagnosisEntry(conditionCode: "M54.50")))
        #expect(!result.tests(DiagnosisEntry(conditionCode: "M54.16")) && !result.tests(DiagnosisEntry(conditionCode: "M47.812")))
        #expect(!result.tests(DiagnosisEntry(conditionCode: nil, text: "Facet pain")))
    }

    @Test func aOneSidedBlockTestsOnlyThatSidesDiagnosis() {
        // setup
        let left = DiagnosisEntry(conditionCode: "M47.816", laterality: .left)
        // act / check
        #expect(block(.left).tests(left) && block(.bilateral).tests(left) && !block(.right).tests(left))
        #expect(block(.right).tests(DiagnosisEntry(conditionCode: "M47.816")))
    }

    @Test func onlyAPositiveBlockFillsTheEvidenceAndAHandTickedOneGivesWay() {
        // setup
        let ticked = DiagnosisEntry(conditionCode: "M47.816", painGenerator: true, evidence: [.exam, .diagnosticBlock])
        // act
        let negative = ticked.withBlockEvidence([block(.bilateral, positive: false)])
        let positive = ticked.withBlockEvidence([block(.bilateral, positive: false), block(.bilateral)])
        // check
        #expect(negative.evidence == [.exam] && positive.evidence == [.exam, .diagnosticBlock])
        #expect(ticked.blocks(among: [block(.bilateral), block(.bilateral, region: .cervical, id: "medial-branch-block-cervical")]).count == 1)
    }

    @Test func aBlockDoneElsewhereCountsByItsRecordedReliefAtTheThreshold() {
        // setup
        let criteria = DecisionCriteria()
        func prior(_ relief: Int?) -> PriorProcedureEntry {
            PriorProcedureEntry(intervention: "medial-branch-block-lumbar", region: .lumbar, side: .bilateral, performedOn: day,
                                facility: "Springfield Spine", peakReliefPercent: relief)
        }
        // act
        let at = BlockResult(prior(80), criteria: criteria), below = BlockResult(prior(79), criteria: criteria)
        // check
        #expect(at?.positive == true && below?.positive == false && BlockResult(prior(nil), criteria: criteria) == nil)
        #expect(at?.summary == "Lumbar medial branch block, bilateral, 11/18/2026 (Springfield Spine): positive, 80 % relief recorded")
        let epidural = PriorProcedureEntry(intervention: "esi-transforaminal-lumbar", region: .lumbar, performedOn: day, peakReliefPercent: 90)
        #expect(BlockResult(epidural, criteria: criteria) == nil)
    }

    @Test func aDiagnosticBlockIsNotTickedOnTheForm() {
        // setup
        var fields = FormFields()
        fields.set([("condition", "M47.816"), ("status", "active"), ("certainty", "provisional"), ("painGenerator", "yes")])
        fields.add("evidence", "diagnostic-block")
        // act
        let (entry, problems) = DiagnosisEntry.parse(fields, today: day)
        // check
        #expect(entry == nil && problems["evidence"]?.contains("counts from its diary") == true)
        #expect(!GeneratorEvidence.ticked.contains(.diagnosticBlock))
    }
}
