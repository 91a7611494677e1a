import Testing
@testable import ReliefCore

@Suite struct DiagnosisEntryTests {
    private let today = CalendarDate(year: 2026, month: 11, day: 23)!

    private func parse(_ pairs: [(String, String)]) -> (DiagnosisEntry?, [String: String]) {
        DiagnosisEntry.parse(FormFields(pairs + [("status", "active"), ("certainty", "provisional")]), today: today)
    }

    @Test func aCatalogueDiagnosisKeepsItsCodeSideAndEvidence() throws {
        // act
        let (entry, problems) = parse([("condition", "m47.816"), ("laterality", "bilateral"), ("onsetDate", "03/01/2025"),
                                       ("chronic", "yes"), ("painGenerator", "yes"), ("evidence", "exam"), ("evidence", "imaging")])
        // check
        #expect(problems.isEmpty)
        let diagnosis = try #require(entry)
        #expect(diagnosis.code == "M47.816")
        #expect(diagnosis.label == "Spondylosis (facet arthropathy), lumbar, bilateral (M47.816)")
        #expect(diagnosis.evidence == [.exam, .imaging] && diagnosis.chronic && diagnosis.isCurrent)
        #expect(DiagnosisEntry.parse(diagnosis.fields, today: today).entry == diagnosis)
    }

    @Test func aDiagnosisOutsideTheCatalogueIsKeptAsUncodedText() throws {
        // act
        let (entry, _) = parse([("condition", DiagnosisEntry.uncodedChoice), ("text", "Piriformis syndrome"), ("laterality", "left")])
        let (missing, problems) = parse([("condition", DiagnosisEntry.uncodedChoice)])
        // check
        #expect(entry?.code == "uncoded" && entry?.label == "Piriformis syndrome, left (uncoded)")
        #expect(missing == nil && problems["text"] == "Type the diagnosis.")
    }

    @Test func unknownCodesContradictorySidesFutureOnsetAndStrayEvidenceAreRefused() {
        // act
        let (_, unknown) = parse([("condition", "Z99.999")])
        let (_, side) = parse([("condition", "M54.31"), ("laterality", "left")])
        let (_, onset) = parse([("condition", "M54.2"), ("onsetDate", "01/01/2027")])
        let (_, evidence) = parse([("condition", "M54.2"), ("evidence", "imaging")])
        // check
        #expect(unknown["condition"] == "Choose a diagnosis from the list.")
        #expect(side["laterality"] == "The code already says right; choose that side or another code.")
        #expect(onset["onsetDate"] == "The onset date cannot be after today.")
        #expect(evidence["painGenerator"] != nil)
    }

    @Test func theSameActiveDiagnosisOnTheSameSideIsADuplicate() throws {
        // setup
        let right = DiagnosisEntry(conditionCode: "M17.11")
        let lumbar = DiagnosisEntry(conditionCode: "M54.16", laterality: .left)
        // act / check
        #expect(!right.problems(alongside: [right]).isEmpty)
        #expect(!lumbar.problems(alongside: [lumbar]).isEmpty)
        #expect(DiagnosisEntry(conditionCode: "M54.16", laterality: .right).problems(alongside: [lumbar]).isEmpty)
        #expect(DiagnosisEntry(conditionCode: "M17.11", status: .resolved).problems(alongside: [right]).isEmpty)
    }
}
