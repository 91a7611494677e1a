import Foundation
import Testing
@testable import ReliefCore

/// Visits elsewhere: the form's checks, and the trip to a US Core Encounter and back, another system's visit read with
/// the names its bundle gives.
@Suite struct OutsideVisitTests {
    private let today = CalendarDate("2026-12-07")!

    @Test func aVisitNeedsWhereAndWhenAndAStayEndsAfterItStarts() {
        // act
        let (_, empty) = OutsideVisitEntry.parse(FormFields(), today: today)
        let (_, backwards) = OutsideVisitEntry.parse(FormFields([("setting", "inpatient"), ("startOn", "03/04/2026"), ("endOn", "03/01/2026")]), today: today)
        let (visit, none) = OutsideVisitEntry.parse(FormFields([("setting", "emergency"), ("startOn", "11/30/2026"), ("reason", "Back pain")]), today: today)
        // check
        #expect(Set(empty.keys) == ["setting", "startOn"])
        #expect(backwards["endOn"] == "The last day cannot be before the first.")
        #expect(visit?.label == "Emergency department" && none.isEmpty)
    }

    @Test func aVisitElsewhereReadsBackAsItWasWritten() throws {
        // setup
        var entry = OutsideVisitEntry(setting: .inpatient, what: "Hospital admission", startOn: CalendarDate("2026-02-03")!, endOn: CalendarDate("2026-02-06")!,
                                      reason: "Vertebral compression fracture", facility: "St Mary's Hospital", clinician: "Dr. Lena Vogt")
        entry.sourceCodings = [SourceCoding(system: FHIR.System.snomed, code: "32485007", display: "Hospital admission")]
        let header = FHIRRecordHeader(id: UUID(), patientID: UUID(), version: 1, recorded: Date(timeIntervalSince1970: 1_790_000_000),
                                      updated: Date(timeIntervalSince1970: 1_790_000_000))
        // act
        let record = FHIREncounter.elsewhere(entry, header, timeZone: .current)
        var reader = FHIRResourceReader(record.resource, as: .encounter, id: nil)
        _ = reader.patientReference()
        let read = FHIREncounter.importing(&reader, names: [:])
        // check
        guard case .visit(let visit) = read else { Issue.record("\(read)"); return }
        #expect(try OutsideVisitEntry.parsed(visit, today: today).get() == entry)
        #expect(reader.issues.isEmpty, "\(reader.issues)")
        #expect(record.resource.object?["class"]?.object?["code"] == "IMP" && record.tokens["type"] == [FHIRToken(FHIR.System.snomed, "32485007")])
    }

    @Test func anotherSystemsVisitTakesItsNamesFromTheBundle() {
        // setup: a Synthea emergency visit naming its hospital and doctor by reference
        let doctor: JSONValue = ["resourceType": "Practitioner", "id": "d1", "name": [["family": "Okafor", "given": ["Ada"], "prefix": ["Dr."]]]]
        let hospital: JSONValue = ["resourceType": "Organization", "id": "h1", "name": "Fairview Hospital"]
        let visit: JSONValue = [
            "resourceType": "Encounter", "status": "finished", "class": ["system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "EMER"],
            "type": [["coding": [["system": "http://snomed.info/sct", "code": "50849002", "display": "Emergency room admission"]], "text": "Emergency room admission"]],
            "subject": ["reference": "urn:uuid:p"], "period": ["start": "2019-04-02T22:10:00-04:00", "end": "2019-04-03T01:00:00-04:00"],
            "reasonCode": [["coding": [["system": "http://snomed.info/sct", "code": "279039007", "display": "Low back pain"]]]],
            "participant": [["individual": ["reference": "urn:uuid:d1"]]], "serviceProvider": ["reference": "urn:uuid:h1"],
        ]
        let plan = FHIRImportPlan([(fullUrl: "urn:uuid:d1", resource: doctor, method: "POST"), (fullUrl: "urn:uuid:h1", resource: hospital, method: "POST")])
        var reader = FHIRResourceReader(visit, named: "Encounter", patientElement: "subject", id: nil)
        _ = reader.patientReference()
        var planned = FHIRResourceReader(["resourceType": "Encounter", "status": "planned"], named: "Encounter", patientElement: "subject", id: nil)
        // act
        let read = FHIREncounter.importing(&reader, names: plan.names)
        let notYet = FHIREncounter.importing(&planned, names: [:])
        // check
        guard case .visit(let entry) = read else { Issue.record("\(read)"); return }
        #expect(entry.setting == .emergency && entry.what == "Emergency room admission" && entry.reason == "Low back pain")
        #expect(entry.startOn == CalendarDate("2019-04-02") && entry.endOn == CalendarDate("2019-04-03"))
        #expect(entry.facility == "Fairview Hospital" && entry.clinician == "Dr. Ada Okafor")
        #expect(entry.sourceCodings?.first?.code == "50849002" && reader.issues.isEmpty, "\(reader.issues)")
        guard case .notKept(let reason) = notYet else { Issue.record("kept a planned visit"); return }
        #expect(reason.contains("planned"))
    }
}
