import Testing
@testable import ReliefCore

/// The opioid-safety panel: an agreement renewed, drug screens and PDMP checks at the practice's intervals, naloxone
/// at 50 MME/day or with a benzodiazepine, each judged at its boundary.
@Suite struct OpioidSafetyTests {
    private let today = CalendarDate("2026-11-18")!
    private let criteria = DecisionCriteria()

    private func opioids(_ milligrams: Double, benzodiazepine: Bool = false) -> OpioidSummary {
        let oxycodone = (label: "Oxycodone", drug: DrugCatalogue.drug("oxycodone"),
                         dosage: Dosage(strength: milligrams, unit: .milligram, frequency: .fourTimesDaily) as Dosage?)
        let lorazepam = (label: "Lorazepam", drug: DrugCatalogue.drug("lorazepam"), dosage: nil as Dosage?)
        return OpioidSummary(benzodiazepine ? [oxycodone, lorazepam] : [oxycodone])
    }

    private func check(_ item: OpioidSafetyCheck.Item, _ checks: [OpioidSafetyCheck]) -> OpioidSafetyCheck? { checks.first { $0.item == item } }

    @Test func aPatientOffOpioidsHasNoPanel() {
        // setup
        let none: [(label: String, drug: Drug?, dosage: Dosage?)] = []
        // act
        let checks = OpioidSafety.checks(opioids: OpioidSummary(none), records: [], drugScreens: [], today: today, criteria: criteria)
        // check
        #expect(checks.isEmpty)
    }

    @Test func nothingOnFileIsOverdueWithTheReasonAndTheUnconfirmedSource() {
        // act
        let checks = OpioidSafety.checks(opioids: opioids(5), records: [], drugScreens: [], today: today, criteria: criteria)
        // check: 30 MME/day, so naloxone is not indicated
        #expect(checks.map(\.state) == [.overdue, .overdue, .overdue, .notNeeded])
        #expect(check(.agreement, checks)?.message == "No opioid agreement on file." && check(.agreement, checks)?.source.needsVerification == true)
    }

    @Test(arguments: [(300, OpioidSafetyCheck.State.done), (334, .done), (335, .dueSoon), (365, .dueSoon), (366, .overdue)])
    func anAgreementIsRenewedYearlyAndShowsDueAMonthBefore(signedDaysAgo: Int, state: OpioidSafetyCheck.State) {
        // setup
        let signed = OpioidSafetyRecord(kind: .agreement, recordedOn: today.adding(days: -signedDaysAgo))
        // act
        let checks = OpioidSafety.checks(opioids: opioids(5), records: [signed], drugScreens: [], today: today, criteria: criteria)
        // check
        #expect(check(.agreement, checks)?.state == state)
    }

    @Test func aPDMPCheckIsDueEveryNinetyDaysAndAScreenEveryYear() {
        // setup
        let pdmp = OpioidSafetyRecord(kind: .pdmpCheck, recordedOn: today.adding(days: -90), pdmpResult: .consistent)
        let olderPDMP = OpioidSafetyRecord(kind: .pdmpCheck, recordedOn: today.adding(days: -200), pdmpResult: .concerns, note: "Two prescribers")
        let screen = DrugScreen(resultedOn: today.adding(days: -366), unexpected: true)
        // act
        let onTheDay = OpioidSafety.checks(opioids: opioids(5), records: [olderPDMP, pdmp], drugScreens: [screen], today: today, criteria: criteria)
        let dayAfter = OpioidSafety.checks(opioids: opioids(5), records: [pdmp], drugScreens: [screen], today: today.adding(days: 1), criteria: criteria)
        // check
        #expect(check(.pdmp, onTheDay)?.state == .dueSoon && check(.pdmp, dayAfter)?.state == .overdue)
        #expect(check(.pdmp, onTheDay)?.facts == ["Prescription monitoring (PDMP) checked 08/20/2026: consistent with what is prescribed here"])
        #expect(check(.drugScreen, onTheDay)?.state == .overdue && check(.drugScreen, onTheDay)?.facts.first?.contains("unexpected result") == true)
    }

    @Test func naloxoneIsOfferedFromFiftyMMEOrWithABenzodiazepine() {
        // setup: 12.5 mg QID = 75 MME; 8.25 mg QID = 49.5; 8.33 mg → 50
        let offered = OpioidSafetyRecord(kind: .naloxone, recordedOn: today.adding(days: -100), naloxone: .prescribed)
        // act
        let high = OpioidSafety.checks(opioids: opioids(12.5), records: [], drugScreens: [], today: today, criteria: criteria)
        let below = OpioidSafety.checks(opioids: opioids(8.25), records: [], drugScreens: [], today: today, criteria: criteria)
        let combined = OpioidSafety.checks(opioids: opioids(5, benzodiazepine: true), records: [], drugScreens: [], today: today, criteria: criteria)
        let covered = OpioidSafety.checks(opioids: opioids(12.5), records: [offered], drugScreens: [], today: today, criteria: criteria)
        // check
        #expect(check(.naloxone, high)?.state == .overdue && check(.naloxone, high)?.facts == ["75 MME/day, at or above 50"])
        #expect(check(.naloxone, below)?.state == .notNeeded)
        #expect(check(.naloxone, combined)?.state == .overdue && check(.naloxone, combined)?.facts == ["with a benzodiazepine"])
        #expect(check(.naloxone, covered)?.state == .done)
    }

    @Test func aPDMPCheckWithConcernsNeedsItsNoteAndNothingIsRecordedForTomorrow() {
        // setup
        var concerns = FormFields()
        concerns.set([("kind", "pdmp-check"), ("recordedOn", "11/18/2026"), ("pdmpResult", "concerns")])
        var tomorrow = FormFields()
        tomorrow.set([("kind", "agreement"), ("recordedOn", "11/19/2026")])
        var naloxone = FormFields()
        naloxone.set([("kind", "naloxone"), ("recordedOn", "11/18/2026")])
        // act
        let (first, firstProblems) = OpioidSafetyRecord.parse(concerns, today: today)
        let (second, secondProblems) = OpioidSafetyRecord.parse(tomorrow, today: today)
        let (third, thirdProblems) = OpioidSafetyRecord.parse(naloxone, today: today)
        // check
        #expect(first == nil && firstProblems["note"] == "Say what the check showed.")
        #expect(second == nil && secondProblems["recordedOn"] != nil)
        #expect(third == nil && thirdProblems["naloxone"] == "Choose what came of the offer.")
    }

    @Test func theDemoPracticeShowsEveryStateOfTheChecks() {
        // act: 200 demo patients on 75 MME/day
        let states = (0..<200).flatMap { index in
            OpioidSafety.checks(opioids: opioids(12.5), records: DemoOpioidSafety.records(index: index, seed: 42, needsNaloxone: true, today: today),
                                drugScreens: [], today: today, criteria: criteria).filter { $0.item != .drugScreen }.map(\.state)
        }
        // check
        #expect(Set(states) == [.done, .dueSoon, .overdue])
    }
}
