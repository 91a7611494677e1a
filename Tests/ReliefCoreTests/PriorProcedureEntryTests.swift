import Testing
@testable import ReliefCore

/// Procedures done elsewhere, recorded as the facts the rules on repeats read.
@Suite struct PriorProcedureEntryTests {
    private let today = CalendarDate(year: 2026, month: 12, day: 6)!

    private func parse(_ pairs: [(String, String)]) -> (PriorProcedureEntry?, [String: String]) {
        PriorProcedureEntry.parse(FormFields(pairs), today: today)
    }

    private let transforaminal = [("intervention", "esi-transforaminal-lumbar"), ("region", "lumbar"), ("performedOn", "03/02/2026")]

    @Test func aProcedureIsReadWithItsLevelsSideAndRelief() throws {
        // act
        let (entry, problems) = parse(transforaminal + [("levels", "l5-s1, L4-5"), ("side", "left"), ("facility", "Lakeside Spine"),
                                                         ("peakReliefPercent", "80"), ("reliefWeeks", "12")])
        // check
        #expect(problems.isEmpty)
        let read = try #require(entry)
        #expect(read.levels.map(\.description) == ["L4-L5", "L5-S1"])
        #expect(read.label == "Lumbar transforaminal epidural steroid injection, L4-L5, L5-S1, left")
        #expect(read.code == "esi-transforaminal-lumbar" && read.performedOn == CalendarDate(year: 2026, month: 3, day: 2))
        #expect(PriorProcedureEntry.parse(read.fields, today: today).entry == read)
    }

    @Test func impossibleProceduresAreRefusedFieldByField() {
        // act
        let therapy = parse([("intervention", "physical-therapy"), ("region", "lumbar"), ("performedOn", "03/02/2026")])
        let unknown = parse([("intervention", "esi-lumbar'--"), ("region", "lumbar"), ("performedOn", "03/02/2026")])
        let region = parse([("intervention", "facet-rfa-lumbar"), ("region", "cervical"), ("performedOn", "03/02/2026")])
        let levels = parse(transforaminal + [("levels", "C5-C6")])
        let noLevels = parse([("intervention", "si-joint-injection"), ("region", "sacral"), ("levels", "L5-S1"), ("performedOn", "03/02/2026")])
        let bilateral = parse([("intervention", "esi-interlaminar-lumbar"), ("region", "lumbar"), ("side", "bilateral"), ("performedOn", "03/02/2026")])
        let sided = parse([("intervention", "scs-trial"), ("region", "thoracic"), ("side", "left"), ("performedOn", "03/02/2026")])
        let future = parse([("intervention", "esi-caudal"), ("region", "lumbar"), ("performedOn", "12/07/2026")])
        let relief = parse(transforaminal + [("peakReliefPercent", "49"), ("reliefWeeks", "1")])
        let hex = parse(transforaminal + [("peakReliefPercent", "0x50")])
        // check
        #expect(therapy.1["intervention"] == "Choose a procedure from the catalogue.")
        #expect(unknown.1["intervention"] == "Choose a procedure from the catalogue.")
        #expect(region.1["region"] == "Lumbar facet radiofrequency ablation (rhizotomy) is not done in the neck (cervical) region.")
        #expect(levels.1["levels"] == "C5-C6 is not in the low back (lumbar) region.")
        #expect(noLevels.1["levels"]?.hasSuffix("leave this empty.") == true)
        #expect(bilateral.1["side"] == "Lumbar interlaminar epidural steroid injection is done on one side per session.")
        #expect(sided.1["side"]?.hasSuffix("has no side; leave this empty.") == true)
        #expect(future.1["performedOn"] == "The date cannot be after today.")
        #expect(relief.1["reliefWeeks"]?.hasPrefix("Relief peaked below 50 %") == true)
        #expect(hex.1["peakReliefPercent"] != nil)
        #expect(parse(transforaminal + [("peakReliefPercent", "50"), ("reliefWeeks", "1")]).1.isEmpty)
        #expect(parse([]).1.keys.sorted() == ["intervention", "performedOn", "region"])
    }
}
