import Testing
@testable import ReliefCore

@Suite struct ChartEntryTests {
    private let today = CalendarDate("2026-11-23")!

    private func form(_ pairs: [(String, String)]) -> FormFields { FormFields(pairs.map { (name: $0.0, value: $0.1) }) }

    // MARK: Medications

    @Test func aFentanylPatchParsesWithItsMMEAndShowsAgainUnchanged() throws {
        // setup
        let fields = form([("drug", "fentanyl-transdermal"), ("strength", "25"), ("unit", "mcg/h"), ("unitsPerDose", "1"),
                           ("frequency", "q72h"), ("route", "transdermal"), ("startDate", "2026-09-01"), ("status", "active")])
        // act
        let (entry, problems) = MedicationEntry.parse(fields, today: today)
        let again = MedicationEntry.parse(try #require(entry).fields, today: today).entry
        // check
        #expect(problems.isEmpty)
        #expect(entry?.dailyMME.amount == 60)
        #expect(entry?.doseText == "25 mcg/h every 72 hours, transdermal")
        #expect(again == entry)
    }

    @Test func aFreeTextMedicationIsKeptButNotClassified() {
        // act
        let (entry, problems) = MedicationEntry.parse(form([("otherName", "Kratom"), ("status", "active")]), today: today)
        // check
        #expect(problems.isEmpty)
        #expect(entry?.drug == nil && entry?.label == "Kratom" && entry?.code == "free-text")
        #expect(entry?.dailyMME == .notAnOpioid)
    }

    @Test(arguments: [
        ([("status", "active")], "drug", "Choose the drug, or type its name under “Not on the list”."),
        ([("drug", "morphine"), ("otherName", "MS Contin"), ("status", "active")], "otherName",
         "Either choose a drug from the list or type one that is not on it, not both."),
        ([("drug", "morphine"), ("strength", "15"), ("status", "active")], "unit",
         "A dose needs its strength, unit and how often; give all three or leave all empty."),
        ([("drug", "morphine"), ("strength", "15,5"), ("unit", "mg"), ("frequency", "bid"), ("status", "active")], "strength",
         "Enter a number from 0.001 to 100000."),
        ([("drug", "oxycodone"), ("strength", "5"), ("unit", "mg"), ("frequency", "prn"), ("status", "active")], "maxDosesPerDay",
         "Give the most doses allowed a day: the daily MME of an as-needed opioid counts the maximum."),
        ([("drug", "morphine"), ("startDate", "2026-10-01"), ("endDate", "2026-09-01"), ("status", "active")], "endDate",
         "The end date cannot be before the start date."),
        ([("drug", "morphine"), ("startDate", "2026-11-24"), ("status", "active")], "startDate", "The start date cannot be after today."),
        ([("drug", "morphine")], "status", "Choose the status."),
    ] as [([(String, String)], String, String)])
    func badMedicationInputIsRefusedOnItsField(pairs: [(String, String)], field: String, message: String) {
        // act
        let (entry, problems) = MedicationEntry.parse(form(pairs), today: today)
        // check
        #expect(entry == nil)
        #expect(problems[field] == message)
    }

    @Test func anAsNeededNonOpioidNeedsNoMaximum() {
        // act
        let (entry, problems) = MedicationEntry.parse(form([("drug", "ibuprofen"), ("strength", "400"), ("unit", "mg"),
                                                            ("frequency", "prn"), ("status", "active")]), today: today)
        // check
        #expect(problems.isEmpty)
        #expect(entry?.doseText == "400 mg as needed")
    }

    @Test func onlyCurrentMedicationsCountTowardsTheOpioidSummary() {
        // setup
        let dose = Dosage(strength: 10, unit: .milligram, frequency: .every6Hours)
        let entries = [
            MedicationEntry(drugID: "oxycodone", dosage: dose, status: .active),
            MedicationEntry(drugID: "morphine", dosage: dose, status: .stopped),
        ]
        // act
        let summary = OpioidSummary(entries)
        // check
        #expect(summary.total == 60)
        #expect(summary.lines.map(\.label) == ["Oxycodone"])
    }

    // MARK: Allergies

    @Test func aDrugAllergyNamesTheDrugAndTheBannerSaysWhatHappened() {
        // act
        let (entry, problems) = AllergyEntry.parse(form([("substance", "drug"), ("drug", "codeine"), ("reaction", "rash"),
                                                         ("reaction", "anaphylaxis"), ("severity", "severe"), ("status", "active")]),
                                                   today: today)
        // check
        #expect(problems.isEmpty)
        #expect(entry?.code == "drug:codeine")
        #expect(entry?.reactions == [.anaphylaxis, .rash])
        #expect(entry?.bannerText == "Codeine (anaphylaxis, severe)")
    }

    @Test(arguments: [
        ([("status", "active")], "substance", "Choose the substance."),
        ([("substance", "drug"), ("status", "active")], "drug", "Choose the drug, or type its name under “Other substance”."),
        ([("substance", "other"), ("status", "active")], "otherName", "Name the substance."),
        ([("substance", "latex"), ("reaction", "other"), ("status", "active")], "reactionNote", "Describe the other reaction."),
        ([("substance", "no-known-allergies"), ("severity", "mild"), ("status", "active")], "substance",
         "“No known allergies” has no reaction or severity."),
        ([("substance", "latex"), ("reaction", "sneezing"), ("status", "active")], "reaction", "Choose from the listed options."),
    ] as [([(String, String)], String, String)])
    func badAllergyInputIsRefusedOnItsField(pairs: [(String, String)], field: String, message: String) {
        // act
        let (entry, problems) = AllergyEntry.parse(form(pairs), today: today)
        // check
        #expect(entry == nil)
        #expect(problems[field] == message)
    }

    @Test func noKnownAllergiesCannotStandBesideAKnownOneNorAnAllergyTwice() {
        // setup
        let latex = AllergyEntry(substance: .latex)
        let none = AllergyEntry(substance: .noKnownAllergies)
        // act
        let noneBesideLatex = none.problems(alongside: [latex])
        let latexTwice = latex.problems(alongside: [latex])
        let latexAgainAfterInactive = latex.problems(alongside: [AllergyEntry(substance: .latex, status: .inactive)])
        // check
        #expect(noneBesideLatex["substance"]?.hasPrefix("Allergies are recorded") == true)
        #expect(latexTwice["substance"] == "Latex is already on the allergy list; edit that entry instead.")
        #expect(latexAgainAfterInactive.isEmpty)
    }

    @Test func aKnownAllergyRetiresNoKnownAllergiesAndNothingElse() {
        // setup
        let none = AllergyEntry(substance: .noKnownAllergies)
        let latex = AllergyEntry(substance: .latex)
        // act
        let retired = latex.retiring(none)
        let untouched = [latex.retiring(AllergyEntry(substance: .chlorhexidine)), none.retiring(none),
                         AllergyEntry(substance: .latex, status: .inactive).retiring(none)]
        // check
        #expect(retired?.allergyStatus == .inactive && retired?.substance == .noKnownAllergies)
        #expect(untouched.allSatisfy { $0 == nil })
        #expect(MedicationEntry(drugID: "morphine").retiring(MedicationEntry(drugID: "oxycodone")) == nil)
    }

    @Test func theOpioidSummaryKeepsItsBreakdownForTheHistory() {
        // setup
        let entries = [MedicationEntry(drugID: "oxycodone", dosage: Dosage(strength: 10, unit: .milligram, frequency: .every6Hours)),
                       MedicationEntry(drugID: "buprenorphine")]
        // act
        let summary = OpioidSummary(entries)
        // check
        #expect(summary.breakdown == "Oxycodone: 60; Buprenorphine: not computable")
        #expect(summary.isIncomplete)
        #expect(!OpioidSummary(Array(entries.prefix(1))).isIncomplete)
    }

    @Test(arguments: [(30.0, "30"), (7.5, "7.5"), (0.001, "0.001"), (1.0 / 3, "0.33"), (2.405, "2.4"), (-1.25, "-1.25")])
    func figuresReadAsCliniciansWriteThem(value: Double, text: String) {
        // act / check
        #expect(Figures.text(value) == text)
    }

    @Test func theBannerTellsNotAskedFromNoneKnown() {
        // act
        let notAsked = AllergySummary.banner([])
        let noneKnown = AllergySummary.banner([AllergyEntry(substance: .noKnownAllergies)])
        let retired = AllergySummary.banner([AllergyEntry(substance: .noKnownAllergies, status: .inactive),
                                             AllergyEntry(substance: .chlorhexidine, reactions: [.hives])])
        // check
        #expect(notAsked == nil)
        #expect(noneKnown == [])
        #expect(retired == ["Chlorhexidine (hives)"])
    }

    // MARK: Prior treatments

    @Test func aPriorInjectionKeepsItsReliefAndDuration() {
        // act
        let (entry, problems) = PriorTreatmentEntry.parse(form([("kind", "injection"), ("detail", "L5-S1 TFESI"), ("startDate", "05/02/2026"),
                                                                ("reliefPercent", "70"), ("reliefWeeks", "10"), ("result", "helped")]),
                                                          today: today)
        // check
        #expect(problems.isEmpty)
        #expect(entry?.label == "Injection or nerve block: L5-S1 TFESI")
        #expect(entry?.reliefPercent == 70 && entry?.reliefWeeks == 10)
        #expect(entry?.treatmentKind.isConservative == false)
    }

    @Test(arguments: [
        ([("kind", "massage"), ("reliefPercent", "120")], "reliefPercent", "Enter a whole number from 0 to 100."),
        ([("kind", "massage"), ("weeks", "six")], "weeks", "Enter a whole number from 0 to 2600."),
        ([("kind", "other")], "detail", "Say what the treatment was."),
        ([("detail", "something")], "kind", "Choose the kind of treatment."),
    ] as [([(String, String)], String, String)])
    func badTreatmentInputIsRefusedOnItsField(pairs: [(String, String)], field: String, message: String) {
        // act
        let (entry, problems) = PriorTreatmentEntry.parse(form(pairs), today: today)
        // check
        #expect(entry == nil)
        #expect(problems[field] == message)
    }

    @Test func failedConservativeCareCountsTheLongestFailedNonInterventionalTrial() {
        // setup
        let entries = [
            PriorTreatmentEntry(kind: .physicalTherapy, weeks: 6, result: .noRelief),
            PriorTreatmentEntry(kind: .chiropractic, weeks: 8, result: .partial),
            PriorTreatmentEntry(kind: .acupuncture, weeks: 12, result: .helped),
            PriorTreatmentEntry(kind: .injection, weeks: 20, result: .noRelief),
            PriorTreatmentEntry(kind: .medication, detail: "Naproxen", result: .notTolerated),
        ]
        // act
        let care = ConservativeCare(entries)
        // check
        #expect(care.failedWeeks == 8)
        #expect(care.kinds == [.medication, .physicalTherapy, .chiropractic])
    }
}
