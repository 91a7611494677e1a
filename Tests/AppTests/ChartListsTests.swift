import Fluent
import Foundation
import ReliefCore
import SQLKit
import Testing
import VaporTesting
@testable import App

/// Medications with MME, allergies in the banner, prior treatments: add, edit with a version check, entered in error.
@Suite struct ChartListsTests {
    private let oxycodone: [(String, String)] = [
        ("drug", "oxycodone"), ("strength", "10"), ("unit", "mg"), ("unitsPerDose", "1"), ("frequency", "q6h"), ("route", "oral"),
        ("startDate", "06/01/2026"), ("prescriber", "Dr Ames"), ("status", "active"),
    ]

    private func version(_ page: TestingHTTPResponse) throws -> String {
        let marker = try #require(page.text.range(of: "name=\"version\" value=\""))
        return String(page.text[marker.upperBound...].prefix { $0 != "\"" })
    }

    private func onlyEntry(_ context: TestContext, _ kind: ChartEntryKind) async throws -> ChartEntry {
        try #require(try await ChartEntry.query(on: context.app.db).filter(\.$kind == kind.rawValue).first())
    }

    @Test(arguments: TestDatabase.available)
    func opioidsShowTheirDailyMMEAndAlertsAndTheHistoryFollowsChanges(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let medications = SitePath.chartEntries(.medication)(patient.id)
            try await nurse.get(medications + "/new")
            // act
            let added = try await nurse.post(medications, pairs: oxycodone)
            try await nurse.post(medications, pairs: [("drug", "alprazolam"), ("strength", "0.5"), ("unit", "mg"), ("frequency", "bid"),
                                                      ("status", "active")])
            let chart = try await nurse.get(SitePath.patient(patient.id))
            let entry = try await ChartEntry.query(on: context.app.db).filter(\.$code == "oxycodone").first()
            let edit = try await nurse.get(SitePath.editChartEntry(.medication)(patient.id, try #require(entry?.id)))
            let stopped = try await nurse.post(SitePath.chartEntry(.medication)(patient.id, entry!.id!),
                                               pairs: [("version", try version(edit))] + oxycodone.filter { $0.0 != "status" }
                                                   + [("status", "stopped"), ("endDate", "11/01/2026")])
            let list = try await nurse.get(medications)
            // check
            #expect(added.status == .seeOther && added.location == medications)
            #expect(chart.text.contains("Daily opioid dose: 60 MME"))
            #expect(chart.text.contains("10 mg × 1 unit(s) × 4/day = 40 mg/day × factor 1.5 = 60 MME/day"))
            #expect(chart.text.contains("at or above 50 MME/day"))
            #expect(chart.text.contains("together with a benzodiazepine"))
            #expect(chart.text.contains("verify against current guideline"))
            #expect(stopped.status == .seeOther)
            #expect(list.text.contains("Earlier") && list.text.contains("No current opioids."))
            let history = try await ChartEntryQueries.mmeHistory(patientID: patient.id, on: context.app.db)
            #expect(history.map(\.total) == [60, 0])
            #expect(list.text.contains("<svg") && list.text.contains("Daily MME: "))
            #expect(try await context.auditEvents(.recordCreate).count == 2)
            #expect(try await context.auditEvents(.recordUpdate).first?.resourceType == "MedicationStatement")
        }
    }

    @Test(arguments: TestDatabase.available)
    func badInputIsRefusedOnItsFieldAndNothingIsSaved(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let medications = SitePath.chartEntries(.medication)(patient.id)
            try await nurse.get(medications + "/new")
            // act
            let response = try await nurse.post(medications, pairs: [
                ("drug", "hydrocodone"), ("strength", "ten"), ("unit", "mg"), ("frequency", "prn"), ("startDate", "01/05/2027"),
                ("prescriber", "Dr Ames"), ("status", "active"),
            ])
            let unknown = try await nurse.post(medications, pairs: [("drug", "unobtainium"), ("status", "active")])
            // check
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Enter a number from 0.001 to 100000."))
            #expect(response.text.contains("The start date cannot be after today."))
            #expect(response.text.contains("value=\"Dr Ames\""))
            #expect(unknown.status == .unprocessableEntity && unknown.text.contains("Choose a drug from the list."))
            #expect(try await ChartEntry.query(on: context.app.db).count() == 0)
            #expect(try await MMERecord.query(on: context.app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func allergiesShowInEveryBannerAndNoKnownAllergiesGivesWay(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let coordinator = try await context.signedIn(.coordinator)
            let allergies = SitePath.chartEntries(.allergy)(patient.id)
            let before = try await coordinator.get(SitePath.patient(patient.id))
            try await nurse.get(allergies + "/new")
            // act
            try await nurse.post(allergies, pairs: [("substance", "no-known-allergies"), ("status", "active")])
            let none = try await coordinator.get(SitePath.patient(patient.id))
            let contrast = [("substance", "iodinated-contrast"), ("reaction", "hives"), ("severity", "severe"), ("status", "active")]
            try await nurse.post(allergies, pairs: contrast)
            let known = try await coordinator.get(SitePath.editPatient(patient.id))
            let twice = try await nurse.post(allergies, pairs: contrast)
            // check
            #expect(before.text.contains("not yet recorded"))
            #expect(none.text.contains("No known allergies"))
            #expect(known.text.contains("Iodinated contrast (hives, severe)"))
            #expect(!known.text.contains("No known allergies"))
            #expect(twice.status == .unprocessableEntity && twice.text.contains("already on the allergy list"))
            let stored = try await ChartEntry.query(on: context.app.db).filter(\.$code == "no-known-allergies").first()
            #expect(stored?.status == "inactive")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aStaleEditIsAConflictThatKeepsTheEntries(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let physician = try await context.signedIn(.physician)
            try await nurse.get(SitePath.newChartEntry(.medication)(patient.id))
            try await nurse.post(SitePath.chartEntries(.medication)(patient.id), pairs: oxycodone)
            let entry = try await onlyEntry(context, .medication)
            let path = SitePath.chartEntry(.medication)(patient.id, entry.id!)
            let base = try version(try await nurse.get(path + "/edit"))
            try await physician.get(path + "/edit")
            // act
            let first = try await physician.post(path, pairs: [("version", base)] + oxycodone.map { $0.0 == "strength" ? ($0.0, "5") : $0 })
            let second = try await nurse.post(path, pairs: [("version", base)] + oxycodone.map { $0.0 == "prescriber" ? ($0.0, "Dr Nurse's pick") : $0 })
            // check
            #expect(first.status == .seeOther)
            #expect(second.status == .conflict)
            #expect(second.text.contains("Someone else saved this entry"))
            #expect(second.text.contains("value=\"Dr Nurse&#39;s pick\""))
            let stored = try await onlyEntry(context, .medication)
            #expect(try stored.decoded(as: MedicationEntry.self).dosage?.strength == 5)
            #expect(try await context.auditEvents(.recordUpdateConflict).count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anEntryEnteredInErrorLeavesTheChartButStaysInTheRecord(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            try await nurse.get(SitePath.newChartEntry(.priorTreatment)(patient.id))
            try await nurse.post(SitePath.chartEntries(.priorTreatment)(patient.id), pairs: [
                ("kind", "physical-therapy"), ("detail", "Core stabilisation"), ("weeks", "6"), ("result", "no-relief"),
            ])
            let chart = try await nurse.get(SitePath.patient(patient.id))
            let entry = try await onlyEntry(context, .priorTreatment)
            let path = SitePath.chartEntry(.priorTreatment)(patient.id, entry.id!)
            let edit = try await nurse.get(path + "/edit")
            // act
            let noReason = try await nurse.post(path + "/entered-in-error", pairs: [("version", try version(edit))])
            let marked = try await nurse.post(path + "/entered-in-error", pairs: [("version", try version(edit)), ("reason", "Wrong patient")])
            let after = try await nurse.get(SitePath.patient(patient.id))
            let again = try await nurse.get(path + "/edit")
            // check
            #expect(chart.text.contains("Failed conservative care: 6 weeks at the longest (Physical therapy)."))
            #expect(noReason.status == .unprocessableEntity && noReason.text.contains("Give the reason the entry was wrong."))
            #expect(marked.status == .seeOther)
            #expect(!after.text.contains("Core stabilisation"))
            #expect(again.status == .notFound)
            let stored = try await onlyEntry(context, .priorTreatment)
            #expect(stored.deletedReason == "Wrong patient" && stored.deletedBy != nil)
            #expect(try await context.auditEvents(.recordEnteredInError).first?.detail == "Wrong patient")
            await #expect(throws: (any Error).self) { try await context.app.db.sql.raw("DELETE FROM chart_entries").run() }
        }
    }

    @Test(arguments: TestDatabase.available)
    func theTherapistReadsTheListsButCannotChangeThem(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let therapist = try await context.signedIn(.therapist)
            // act
            let list = try await therapist.get(SitePath.chartEntries(.allergy)(patient.id))
            let form = try await therapist.get(SitePath.newChartEntry(.allergy)(patient.id))
            // check
            #expect(list.status == .ok && !list.text.contains("Add allergy"))
            #expect(form.status == .forbidden)
            #expect(try await context.auditEvents(.recordView).first?.resourceType == "AllergyIntolerance")
        }
    }
}

extension ChartListsTests {
    @Test(arguments: TestDatabase.available)
    func theProblemListShowsCodedAndUncodedDiagnosesOnTheChart(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let physician = try await context.signedIn(.physician)
            let problems = SitePath.chartEntries(.diagnosis)(patient.id)
            let facet: [(String, String)] = [("condition", "M47.816"), ("laterality", "bilateral"), ("status", "active"),
                                             ("certainty", "provisional"), ("painGenerator", "yes"), ("evidence", "exam")]
            try await physician.get(problems + "/new")
            // act
            let coded = try await physician.post(problems, pairs: facet)
            let uncoded = try await physician.post(problems, pairs: [("condition", "uncoded"), ("text", "Piriformis syndrome"),
                                                                     ("laterality", "left"), ("status", "active"), ("certainty", "differential")])
            let duplicate = try await physician.post(problems, pairs: facet)
            let chart = try await physician.get(SitePath.patient(patient.id))
            // check
            #expect(coded.status == .seeOther && uncoded.status == .seeOther)
            #expect(duplicate.status == .unprocessableEntity && duplicate.text.contains("already on the active problem list"))
            #expect(chart.text.contains("Spondylosis (facet arthropathy), lumbar, bilateral (M47.816)"))
            #expect(chart.text.contains("Suspected: Examination"))
            #expect(chart.text.contains("Piriformis syndrome, left (uncoded)"))
            #expect(try await context.auditEvents(.recordCreate).allSatisfy { $0.resourceType == "Condition" })
        }
    }

    @Test(arguments: TestDatabase.available)
    func theDiagnosisFormShowsTheWorkupFindingsToWeighAsEvidence(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let physician = try await context.signedIn(.physician)
            let api = try await APIClient.make(physician)
            let orders = "/api/v1/patients/\(patient.id)/workup-orders"
            let before = try await physician.get(SitePath.chartEntries(.diagnosis)(patient.id) + "/new")
            let order = try await api.send(.POST, orders, .object(["fields": .object(["test": "mri", "region": "lumbar", "contrast": "without",
                                                                                    "reason": "Radiculopathy"])]))
            let path = "\(orders)/\(try #require(order.json["id"].string))"
            _ = try await api.send(.POST, path + "/result", .object(["version": 1, "fields": .object([
                "report": "Protrusion at L4-5.", "resultedOn": "2026-11-16", "finding.1.kind": "disc-herniation", "finding.1.level": "L4-5",
                "finding.1.side": "left"])]))
            // act
            let form = try await physician.get(SitePath.chartEntries(.diagnosis)(patient.id) + "/new")
            // check
            #expect(!before.text.contains("Work-up results"))
            #expect(form.text.contains("MRI lumbar spine — without contrast, 11/16/2026 (not yet reviewed): Disc herniation L4-5 left"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func anyNumberOfTimesADayOrHoursApartIsRecordedAndCountsInTheMME(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let api = try await APIClient.make(nurse)
            let medications = SitePath.chartEntries(.medication)(patient.id)
            try await nurse.get(medications + "/new")
            // act
            let everyThree = try await nurse.post(medications, pairs: [("drug", "oxycodone"), ("strength", "5"), ("unit", "mg"),
                                                                       ("frequency", "every-hours"), ("frequencyCount", "3"), ("status", "active")])
            let missing = try await nurse.post(medications, pairs: [("drug", "oxycodone"), ("strength", "5"), ("unit", "mg"),
                                                                    ("frequency", "times-daily"), ("status", "active")])
            let fiveTimes = try await api.send(.POST, "/api/v1/patients/\(patient.id)/medications", .object(["fields": .object([
                "drug": "morphine", "strength": 10, "unit": "mg", "frequency": "times-daily", "frequencyCount": 5, "status": "active"])]))
            let list = try await nurse.get(medications)
            let entry = try #require(try await ChartEntry.query(on: context.app.db).filter(\.$code == "oxycodone").first())
            let edit = try await nurse.get(SitePath.editChartEntry(.medication)(patient.id, try #require(entry.id)))
            // check: 5 mg × 8 a day × 1.5 = 60; 10 mg × 5 × 1 = 50
            #expect(everyThree.status == .seeOther)
            #expect(missing.status == .unprocessableEntity && missing.text.contains("Say how many times a day (1–12)."))
            #expect(fiveTimes.status == .created && fiveTimes.json["computed"]["dailyMME"] == 50
                    && fiveTimes.json["fields"]["frequency"] == "times-daily" && fiveTimes.json["fields"]["frequencyCount"] == 5)
            #expect(list.text.contains("every 3 hours") && list.text.contains("5 times daily"))
            #expect(list.text.contains("110 MME"), "60 + 50")
            #expect(edit.text.contains("value=\"3\"") && edit.text.contains("<option value=\"every-hours\" selected"))
        }
    }
}

extension ChartListsTests {
    @Test(arguments: TestDatabase.available)
    func aProcedureDoneElsewhereIsKeptAsFactsAndAMistakeKeepsTheForm(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let list = SitePath.chartEntries(.priorProcedure)(patient.id)
            let form = try await nurse.get(list + "/new")
            // act
            let wrong = try await nurse.post(list, pairs: [("intervention", "facet-rfa-lumbar"), ("region", "lumbar"), ("levels", "L3-L5"),
                                                           ("performedOn", "02/10/2026"), ("facility", "Lakeside Spine")])
            let saved = try await nurse.post(list, pairs: [("intervention", "facet-rfa-lumbar"), ("region", "lumbar"), ("levels", "L4-5, L5-S1"),
                                                           ("side", "bilateral"), ("performedOn", "02/10/2026"), ("facility", "Lakeside Spine"),
                                                           ("peakReliefPercent", "80"), ("reliefWeeks", "30")])
            let chart = try await nurse.get(SitePath.patient(patient.id))
            // check
            #expect(form.status == .ok && form.text.contains("<optgroup label=\"Facet joint procedures\">") && !form.text.contains("value=\"massage\""))
            #expect(wrong.status == .unprocessableEntity && wrong.text.contains("“L3-L5” is not a spinal level") && wrong.text.contains("Lakeside Spine"))
            #expect(saved.status == .seeOther)
            #expect(chart.text.contains("Lumbar facet radiofrequency ablation (rhizotomy), L4-L5, L5-S1, bilateral") && chart.text.contains("30 weeks"))
            let stored = try await onlyEntry(context, .priorProcedure)
            #expect(stored.code == "facet-rfa-lumbar")
            #expect(try await context.auditEvents(.recordCreate).first?.resourceType == "Procedure")
        }
    }
}

extension ChartListsTests {
    @Test(arguments: TestDatabase.available)
    func theFrontDeskKeepsInsuranceThatClinicalListsDoNotOpenToIt(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let coordinator = try await context.signedIn(.coordinator)
            let therapist = try await context.signedIn(.therapist)
            let list = SitePath.chartEntries(.coverage)(patient.id)
            let chart = try await coordinator.get(SitePath.patient(patient.id))
            try await coordinator.get(list + "/new")
            // act
            let wrong = try await coordinator.post(list, pairs: [("payerKind", "medicare"), ("payer", "Medicare Part B"), ("status", "active"),
                                                                 ("deductibleRemaining", "1.234")])
            let saved = try await coordinator.post(list, pairs: [("payerKind", "medicare"), ("payer", "Medicare Part B"), ("memberID", "1EG4-TE5-MK72"),
                                                                 ("status", "active"), ("checkedOn", "11/10/2026"), ("deductibleRemaining", "120.50"),
                                                                 ("coinsurancePercent", "20")])
            let shown = try await coordinator.get(list)
            let readOnly = try await therapist.get(list)
            let clinical = try await coordinator.get(SitePath.chartEntries(.medication)(patient.id))
            // check
            #expect(chart.text.contains(list))
            #expect(wrong.status == .unprocessableEntity && wrong.text.contains("Enter the member id from the card.")
                    && wrong.text.contains("Enter an amount in dollars"))
            #expect(saved.status == .seeOther && shown.text.contains("Medicare Part B (primary)") && shown.text.contains("$120.50"))
            #expect(readOnly.status == .ok && !readOnly.text.contains("Add"))
            #expect(clinical.status == .forbidden)
            #expect(try await context.auditEvents(.recordCreate).first?.resourceType == "Coverage")
        }
    }
}

extension ChartListsTests {
    @Test(arguments: TestDatabase.available)
    func anApprovalRunningOutIsShownAboveTheAuthorisations(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let coordinator = try await context.signedIn(.coordinator)
            let list = SitePath.chartEntries(.priorAuthorization)(patient.id)
            try await coordinator.get(list + "/new")
            // act: today is 2026-11-18 in tests
            let saved = try await coordinator.post(list, pairs: [("payer", "Acme Health"), ("status", "approved"), ("reference", "PA-7731"),
                                                                 ("intervention", "esi-transforaminal-lumbar"), ("codes", "64483"), ("units", "1"),
                                                                 ("validUntil", "11/30/2026")])
            let shown = try await coordinator.get(list)
            // check
            #expect(saved.status == .seeOther)
            #expect(shown.text.contains("Acme Health: Lumbar transforaminal epidural steroid injection (PA-7731): Expires on 11/30/2026."))
        }
    }
}
