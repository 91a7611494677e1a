import Foundation
import Testing
@testable import ReliefCore

/// Procedures read back into the history: what Relief writes reads back equal (a procedure done elsewhere, a treatment
/// tried), another system's CPT-coded procedure becomes the catalogue's intervention at its site, anything else an
/// "other procedure" with its words and codes, and a procedure not done is left out.
@Suite struct FHIRProcedureImportTests {
    private let today = CalendarDate("2026-11-18")!

    private func header() -> FHIRRecordHeader {
        FHIRRecordHeader(id: UUID(), patientID: UUID(), version: 1, recorded: Date(timeIntervalSince1970: 1_790_000_000), updated: Date(timeIntervalSince1970: 1_790_000_000))
    }

    private func imported(_ resource: JSONValue) -> (FHIRProcedure.Imported, FHIRResourceReader) {
        var reader = FHIRResourceReader(resource, as: .procedure, id: nil)
        _ = reader.patientReference()
        return (FHIRProcedure.importing(&reader), reader)
    }

    @Test(arguments: [
        PriorProcedureEntry(intervention: "esi-transforaminal-lumbar", region: .lumbar, levels: [ProcedureLevel("L4-L5")!, ProcedureLevel("L5-S1")!], side: .left,
                            performedOn: CalendarDate("2025-03-02")!, facility: "St Mary's", peakReliefPercent: 70, reliefWeeks: 8, note: "Fluoroscopy.\n\nNo sedation."),
        PriorProcedureEntry(intervention: "trigger-point-injection", region: .upperLimb, performedOn: CalendarDate("2024-12-30")!),
        PriorProcedureEntry(intervention: "selective-nerve-root-block", region: .lumbar, levels: [ProcedureLevel("L5-S1")!], side: .right,
                            performedOn: CalendarDate("2026-01-15")!, peakReliefPercent: 30, reliefWeeks: 0),
    ])
    func aProcedureDoneElsewhereReadsBackAsItWasWritten(entry: PriorProcedureEntry) throws {
        // act
        let (result, reader) = imported(FHIRProcedure.elsewhere(entry, header(), timeZone: .current).resource)
        // check
        guard case .done(let read) = result else { Issue.record("\(result)"); return }
        let parsed = try PriorProcedureEntry.parsed(read, today: today).get()
        #expect(parsed == entry && reader.issues.isEmpty, "\(parsed) \(reader.issues)")
    }

    @Test(arguments: [
        PriorTreatmentEntry(kind: .physicalTherapy, detail: "Core stabilisation", startDate: CalendarDate("2025-01-06"), weeks: 12, sessions: 10,
                            reliefPercent: 40, reliefWeeks: 6, result: .partial, note: "Stopped for cost."),
        PriorTreatmentEntry(kind: .acupuncture, weeks: 6, sessions: 8, result: .noRelief),
        PriorTreatmentEntry(kind: .massage),
        PriorTreatmentEntry(kind: .medication, detail: "Naproxen 500 mg twice daily", startDate: CalendarDate("2026-09-01"), result: .ongoing),
        PriorTreatmentEntry(kind: .other, detail: "Inversion table", note: "At home, 2 years ago."),
    ])
    func aTreatmentTriedReadsBackAsItWasWritten(entry: PriorTreatmentEntry) throws {
        // act
        let (result, reader) = imported(FHIRProcedure.treatment(entry, header(), timeZone: .current).resource)
        // check
        guard case .tried(let read) = result else { Issue.record("\(result)"); return }
        let parsed = try PriorTreatmentEntry.parsed(read, today: today).get()
        #expect(parsed == entry && reader.issues.isEmpty, "\(parsed) \(reader.issues)")
    }

    @Test func anotherSystemsCPTCodeBecomesTheCatalogueInterventionAtItsSite() throws {
        // setup
        let resource: JSONValue = [
            "resourceType": "Procedure", "status": "completed", "subject": ["reference": "Patient/1"],
            "code": ["coding": [["system": "http://www.ama-assn.org/go/cpt", "code": "64483"]], "text": "TFESI"],
            "bodySite": [["text": "L5-S1 left"]], "performedDateTime": "2025-06-10T09:30:00-05:00", "location": ["display": "Valley Surgery Center"],
        ]
        // act
        let (result, reader) = imported(resource)
        // check
        guard case .done(let entry) = result else { Issue.record("\(result)"); return }
        #expect(entry.intervention == "esi-transforaminal-lumbar" && entry.region == .lumbar && entry.levels == [ProcedureLevel("L5-S1")!])
        #expect(entry.side == .left && entry.performedOn == CalendarDate("2025-06-10") && entry.facility == "Valley Surgery Center")
        // 64483 also bills a selective nerve root block: the sender is asked to check which.
        #expect(reader.issues.map(\.expression) == ["Procedure.code"] && reader.errors.isEmpty)
        #expect(reader.issues.first?.message.contains("Selective nerve root block") == true)
    }

    @Test func anyOtherProcedureIsKeptWithItsWordsAndCodes() throws {
        // setup
        let resource: JSONValue = [
            "resourceType": "Procedure", "status": "completed", "subject": ["reference": "urn:uuid:1"],
            "code": ["coding": [["system": "http://snomed.info/sct", "code": "73761001", "display": "Colonoscopy"]], "text": "Colonoscopy"],
            "performedPeriod": ["start": "2019-03-04T10:00:00-05:00", "end": "2019-03-04T10:40:00-05:00"], "encounter": ["reference": "urn:uuid:2"],
        ]
        // act
        let (result, reader) = imported(resource)
        // check
        guard case .tried(let entry) = result else { Issue.record("\(result)"); return }
        let parsed = try PriorTreatmentEntry.parsed(entry, today: today).get()
        #expect(parsed.treatmentKind == .otherProcedure && parsed.detail == "Colonoscopy" && parsed.startDate == CalendarDate("2019-03-04") && parsed.weeks == nil)
        #expect(parsed.sourceCodings == [SourceCoding(system: "http://snomed.info/sct", code: "73761001", display: "Colonoscopy")])
        #expect(reader.issues.map(\.expression) == ["Procedure.encounter"] && reader.errors.isEmpty)
        // … and leaves again with the sender's code.
        let exported = FHIRProcedure.treatment(parsed, header(), timeZone: .current).resource
        let codings = exported.object?["code"]?.object?["coding"]?.array ?? []
        #expect(codings.contains { $0.object?["code"] == "73761001" })
    }

    @Test(arguments: [("not-done", false), ("entered-in-error", false), ("preparation", false), (nil, true)] as [(String?, Bool)])
    func aProcedureNotDoneIsLeftOutWithWhy(status: String?, refused: Bool) {
        // setup
        var object: [String: JSONValue] = ["resourceType": "Procedure", "code": ["text": "Lumbar epidural"], "performedDateTime": "2025-01-01"]
        object["status"] = status.map(JSONValue.string)
        // act
        let (result, reader) = imported(.object(object))
        // check
        guard case .notKept(let reason) = result else { Issue.record("\(result)"); return }
        #expect(refused ? reader.errors.map(\.expression) == ["Procedure.status"] : reason.contains(status ?? "?") && reader.errors.isEmpty)
    }
}
