import Testing
@testable import ReliefCore

@Suite struct CatalogueTests {
    @Test func drugIdsAreUniqueAndEveryClassTheIssueNamesHasDrugs() {
        // check
        #expect(Set(DrugCatalogue.all.map(\.id)).count == DrugCatalogue.all.count)
        for drugClass in DrugClass.allCases {
            #expect(DrugCatalogue.all.contains { $0.isA(drugClass) }, "\(drugClass)")
        }
        let supplements = Set(DrugCatalogue.all.filter { $0.isA(.bleedingSupplement) }.map(\.id))
        #expect(supplements == ["fish-oil", "garlic", "ginkgo", "ginseng", "vitamin-e", "danshen", "dong-quai"])
    }

    @Test func everyOpioidFactorIsTheReferenceValue() {
        // setup: REFERENCE §3
        let expected: [String: Double] = [
            "codeine": 0.15, "fentanyl-transdermal": 2.4, "hydrocodone": 1, "hydromorphone": 5, "methadone": 4.7,
            "morphine": 1, "oxycodone": 1.5, "oxymorphone": 3, "tapentadol": 0.4, "tramadol": 0.2,
            "fentanyl-buccal": 0.13, "fentanyl-nasal": 0.16,
        ]
        // act
        let factors = Dictionary(uniqueKeysWithValues: DrugCatalogue.all.compactMap { drug in drug.mme.map { (drug.id, $0.factor) } })
        // check
        #expect(factors == expected)
        #expect(DrugCatalogue.all.filter { $0.mme != nil }.allSatisfy { $0.isA(.opioid) })
    }

    @Test func drugSearchFindsBrandNamesAndIgnoresCase() {
        // act / check
        #expect(DrugCatalogue.search("eliq").map(\.id) == ["apixaban"])
        #expect(DrugCatalogue.search("PERCOCET").map(\.id) == ["oxycodone"])
        #expect(DrugCatalogue.search("").isEmpty)
    }

    @Test func conditionCodesAreUniqueWellFormedAndCurrent() {
        // setup: letter, two digits, optional dot and up to four characters
        let pattern = /^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$/
        // check
        #expect(Set(ConditionCatalogue.all.map(\.code)).count == ConditionCatalogue.all.count)
        #expect(ConditionCatalogue.all.allSatisfy { $0.code.wholeMatch(of: pattern) != nil })
        // REFERENCE §6: M54.5 is invalid since FY2022 and M51.36 is a header since the 6-character codes.
        #expect(ConditionCatalogue.condition("M54.5") == nil)
        #expect(ConditionCatalogue.condition("M51.36") == nil)
        #expect(ConditionCatalogue.condition(" m48.062 ")?.label == "Lumbar spinal stenosis with neurogenic claudication")
    }

    @Test func conditionsThePracticeTreatsAreInTheCatalogue() {
        // setup: PRACTICE.md "Conditions treated", by a code from REFERENCE §6
        let codes = ["M54.50", "M54.16", "M54.30", "M48.061", "M47.816", "M54.12", "M54.2", "M51.360", "G90.50", "M79.7",
                     "M79.18", "G44.209", "E11.42", "M17.11", "M16.12", "M19.011", "G89.3", "S13.4XXA", "M46.1", "M96.1"]
        // check
        for code in codes { #expect(ConditionCatalogue.condition(code) != nil, "\(code)") }
        #expect(ConditionCatalogue.search("stenosis").count == 2)
        #expect(ConditionCatalogue.search("m17").map(\.laterality) == [.bilateral, .right, .left])
    }

    @Test func codesBeyondTheReferenceAskForVerification() {
        // check
        #expect(ConditionCatalogue.condition("M80.08XA")?.source.needsVerification == true)
        #expect(ConditionCatalogue.condition("M54.50")?.source.needsVerification == false)
    }
}
