import Foundation
import Testing
@testable import ReliefCore

/// Laboratory results from elsewhere: the form's checks (a LOINC code by its check digit), and the trip to a US Core
/// laboratory Observation and back, another system's coded and ranged values read as printed.
@Suite struct LabResultTests {
    private let today = CalendarDate("2026-12-07")!

    @Test(arguments: [("6301-6", true), ("777-3", true), ("4548-4", true), ("2160-0", true), ("6301-5", false), ("63016", false), ("0x1F-6", false),
                      ("6301-６", false)])
    func aLOINCCodeIsCheckedByItsCheckDigit(code: String, valid: Bool) {
        #expect(LOINCCode.isValid(code) == valid)
    }

    @Test func aResultNeedsATestADayAndOneKindOfValue() {
        // act
        let (_, empty) = LabResultEntry.parse(FormFields(), today: today)
        let (_, both) = LabResultEntry.parse(FormFields([("test", "Urine protein"), ("resultedOn", "12/01/2026"), ("number", "30"), ("text", "Trace")]),
                                             today: today)
        let (inr, none) = LabResultEntry.parse(FormFields([("test", "INR"), ("loinc", "6301-6"), ("resultedOn", "12/01/2026"), ("number", "1.1")]),
                                               today: today)
        // check
        #expect(Set(empty.keys) == ["test", "resultedOn", "number"])
        #expect(both["text"] != nil)
        #expect(inr?.value == "1.1" && inr?.loinc == "6301-6" && none.isEmpty)
    }

    @Test func aResultReadsBackAsItWasWritten() throws {
        // setup
        var entry = LabResultEntry(test: "Platelets [#/volume] in Blood", loinc: "777-3", number: 142, unit: "10*3/uL", referenceRange: "150–400 10*3/uL",
                                   flag: .low, resultedOn: CalendarDate("2026-11-30")!, note: "From Quest.")
        entry.sourceCodings = [SourceCoding(system: "urn:oid:2.16.840.1.113883.6.12", code: "85049")]
        let header = FHIRRecordHeader(id: UUID(), patientID: UUID(), version: 1, recorded: Date(timeIntervalSince1970: 1_790_000_000),
                                      updated: Date(timeIntervalSince1970: 1_790_000_000))
        // act
        let record = FHIRLabResult.record(entry, header, timeZone: .current)
        var reader = FHIRResourceReader(record.resource, as: .observation, id: nil)
        _ = reader.patientReference()
        let read = FHIRObservation.importing(&reader, today: today)
        // check
        guard case .laboratory(let back) = read else { Issue.record("\(read)"); return }
        #expect(try LabResultEntry.parsed(back, today: today).get() == entry && reader.issues.isEmpty, "\(reader.issues)")
        #expect(record.resource.object?["meta"]?.object?["profile"]?.array?.first?.string == FHIRLabResult.profile)
    }

    @Test func anotherSystemsCodedValuesAndRangesAreReadAsPrinted() {
        // setup: Synthea codes a urine test's result; another system gives the range as numbers
        func read(_ members: [String: JSONValue]) -> (FHIRObservation.Imported, [FHIRIssue]) {
            var resource: [String: JSONValue] = ["resourceType": "Observation", "status": "final", "effectiveDateTime": "2019-05-02T14:07:11-04:00",
                                                 "category": [["coding": [["system": .string(FHIR.System.observationCategory), "code": "laboratory"]]]]]
            resource.merge(members) { $1 }
            var reader = FHIRResourceReader(.object(resource), as: .observation, id: nil)
            return (FHIRObservation.importing(&reader, today: today), reader.issues)
        }
        // act
        let (coded, _) = read(["code": ["coding": [["system": "http://loinc.org", "code": "5767-9", "display": "Appearance of Urine"]]],
                               "valueCodeableConcept": ["coding": [["system": "http://snomed.info/sct", "code": "263776002", "display": "Clear"]]]])
        let (ranged, _) = read(["code": ["text": "Creatinine"], "valueQuantity": ["value": 1.4, "unit": "mg/dL"],
                                "referenceRange": [["low": ["value": 0.6, "unit": "mg/dL"], "high": ["value": 1.2, "unit": "mg/dL"]]],
                                "interpretation": [["coding": [["system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "code": "H"]]]]])
        let (empty, emptyIssues) = read(["code": ["text": "Culture"]])
        // check
        guard case .laboratory(let urine) = coded, case .laboratory(let creatinine) = ranged else { Issue.record("\(coded) \(ranged)"); return }
        #expect(urine.text == "Clear" && urine.loinc == "5767-9" && urine.test == "Appearance of Urine")
        #expect(creatinine.value == "1.4 mg/dL" && creatinine.referenceRange == "0.6–1.2 mg/dL" && creatinine.flag == .high && creatinine.loinc == nil)
        guard case .notKept = empty else { Issue.record("kept a value-less result"); return }
        #expect(emptyIssues.first?.expression == "Observation.value[x]")
    }
}
