import Foundation
import Testing
@testable import ReliefCore

/// Laying a bundle out for import, and reading RxNorm's product names for the catalogue drug and strength.
@Suite struct FHIRImportPlanTests {
    @Test(arguments: [
        ("Naproxen sodium 220 MG Oral Tablet", "naproxen", 220.0, StrengthUnit.milligram, false),
        ("Abuse-Deterrent 12 HR Oxycodone Hydrochloride 15 MG Extended Release Oral Tablet", "oxycodone", 15, .milligram, false),
        ("Acetaminophen 325 MG / oxyCODONE Hydrochloride 5 MG Oral Tablet", "oxycodone", 5, .milligram, true),
        ("Sertraline 100MG", "sertraline", 100, .milligram, false),
        ("24 HR metoprolol succinate 100 MG Extended Release Oral Tablet [Toprol]", nil, nil, nil, false),
    ] as [(String, String?, Double?, StrengthUnit?, Bool)])
    func aProductNameGivesTheCatalogueDrugAndStrength(name: String, drug: String?, strength: Double?, unit: StrengthUnit?, combination: Bool) {
        // act
        let product = DrugProductName(name)
        // check
        #expect(product?.drug.id == drug && product?.strength == strength && product?.unit == unit)
        #expect((product?.isCombination ?? false) == combination)
    }

    @Test(arguments: ["Amoxicillin 250 MG / Clavulanate 125 MG Oral Tablet", "72 HR Fentanyl 0.025 MG/HR Transdermal System",
                      "Meperidine Hydrochloride 50 MG Oral Tablet", "Acetaminophen/Hydrocodone"])
    func aNameThatWouldBeAGuessStaysText(name: String) {
        #expect(DrugProductName(name) == nil)
    }

    @Test func entriesAreGroupedByTheirPatientAndWhatCannotBeImportedIsSetAside() {
        // setup
        let registered = UUID()
        let bundle: JSONValue = ["resourceType": "Bundle", "type": "batch", "entry": [
            ["fullUrl": "urn:uuid:a", "resource": ["resourceType": "Patient", "id": "a", "identifier": [["system": "https://other.example", "value": "17"]]],
             "request": ["method": "POST"]],
            ["fullUrl": "urn:uuid:c", "resource": ["resourceType": "Condition", "subject": ["reference": "urn:uuid:a"]]],
            ["resource": ["resourceType": "AllergyIntolerance", "patient": ["reference": "Patient/a"]]],
            ["fullUrl": "urn:uuid:m", "resource": ["resourceType": "MedicationRequest", "subject": ["reference": .string("Patient/\(registered.lowercasedText)")]]],
            ["fullUrl": "urn:uuid:o", "resource": ["resourceType": "Organization"]],
            ["fullUrl": "urn:uuid:n", "resource": ["resourceType": "Condition", "subject": ["reference": "urn:uuid:nobody"]]],
            ["fullUrl": "urn:uuid:d", "resource": ["resourceType": "Condition", "subject": ["reference": "urn:uuid:a"]], "request": ["method": "DELETE"]],
        ]]
        // act
        let plan = FHIRImportPlan(bundle)
        // check
        #expect(plan.groups.count == 2)
        #expect(plan.groups[0].patient?.identity == FHIRIdentity(system: "https://other.example", value: "17"))
        #expect(plan.groups[0].items.map(\.typeName) == ["Condition", "AllergyIntolerance"])
        #expect(plan.groups[0].items.map { $0.identity?.value } == ["urn:uuid:c", nil], "a full URL names a record everywhere; nothing names the second")
        #expect(plan.groups[1].registered == registered && plan.groups[1].items.map(\.index) == [3])
        #expect(plan.skipped.map(\.index).sorted() == [4, 5, 6])
        #expect(plan.skipped.first { $0.index == 4 }?.action == .skipped && plan.skipped.first { $0.index == 5 }?.action == .failed)
    }

    @Test func theReportCountsEachTypeAndSaysEachReasonOnce() {
        // setup
        let outcomes = [
            FHIRImportOutcome(0, "urn:uuid:a", "Patient", .created), FHIRImportOutcome(1, "urn:uuid:b", "Claim", .skipped, reason: "No billing."),
            FHIRImportOutcome(2, "urn:uuid:c", "Claim", .skipped, reason: "No billing."),
            FHIRImportOutcome(3, "urn:uuid:d", "Condition", .failed, issues: [FHIRIssue("Condition.code", "Give the diagnosis.")]),
        ]
        // act
        let lines = FHIRImportReport(outcomes).lines
        // check
        #expect(lines == ["Claim: 2 skipped", "Condition: 1 failed", "Patient: 1 created", "2 × No billing.",
                          "failed urn:uuid:d: Condition.code: Give the diagnosis."])
    }

    @Test func aPainScoreBecomesThePainQuestionnaireOnItsDayAndOtherObservationsAreSaidToBeLeft() throws {
        // setup
        func observation(_ code: String, _ value: Double, status: String = "final") -> JSONValue {
            ["resourceType": "Observation", "status": .string(status), "code": ["coding": [["system": "http://loinc.org", "code": .string(code)]]],
             "effectiveDateTime": "2025-03-04T10:00:00-05:00", "valueQuantity": ["value": .number(value), "code": "{score}"]]
        }
        func read(_ json: JSONValue) -> (FHIRObservation.Imported, [FHIRIssue]) {
            var reader = FHIRResourceReader(json, named: "Observation", patientElement: "subject", id: nil)
            return (FHIRObservation.importing(&reader, today: CalendarDate("2026-11-18")!), reader.issues)
        }
        // act
        let (pain, painIssues) = read(observation("72514-3", 6.4))
        let (glucose, _) = read(observation("2345-7", 80))
        let (preliminary, _) = read(observation("72514-3", 3, status: "preliminary"))
        let (tooHigh, tooHighIssues) = read(observation("72514-3", 14))
        // check
        guard case .response(let submission) = pain else { Issue.record("\(pain)"); return }
        #expect(submission.questionnaire == "pain-intensity" && submission.score.score == 6 && submission.completedOn == CalendarDate("2025-03-04"))
        #expect(painIssues.map(\.severity) == [.warning], "the rounding is said")
        guard case .notKept(let reason) = glucose, case .notKept = preliminary, case .notKept = tooHigh else { Issue.record("kept"); return }
        #expect(reason == FHIRObservation.notKept && tooHighIssues.first?.severity == .error)
    }
}
