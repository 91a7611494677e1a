import Foundation

/// A visit as a US Core Encounter: its status, class (ambulatory, or virtual for phone and telehealth), the kind of
/// visit as its type, the day, and the clinician.
public enum FHIREncounter {
    public static func record(kind: EncounterKind, status: String, on date: CalendarDate, clinician: UUID?, _ header: FHIRRecordHeader,
                              timeZone: TimeZone) -> FHIRRecord {
        let virtual = kind == .phone || kind == .telehealth
        let encounterClass = FHIRToken("http://terminology.hl7.org/CodeSystem/v3-ActCode", virtual ? "VR" : "AMB")
        let type = FHIRToken(FHIR.System.encounterKind, kind.rawValue)
        let state = header.enteredInError ? "entered-in-error" : FHIREncounter.status(status)
        return FHIRRecord(.encounter, header, members: [
            ("status", .string(state)),
            ("class", FHIR.coding(encounterClass.system!, encounterClass.code, virtual ? "virtual" : "ambulatory")),
            ("type", [FHIR.concept([FHIR.coding(type.system!, type.code, kind.title)], text: kind.title)]),
            ("participant", clinician.map { [["individual": FHIR.reference(.practitioner, $0.lowercasedText)]] }),
            ("period", ["start": .string(date.description), "end": .string(date.description)]),
        ], tokens: ["status": [FHIRToken("http://hl7.org/fhir/encounter-status", state)], "class": [encounterClass], "type": [type]],
           periods: ["date": .day(date, in: timeZone)])
    }

    /// FHIR's encounter status for Relief's: a note's encounter is finished once written, whether signed or not.
    static func status(_ stored: String) -> String {
        switch stored {
        case "planned": "planned"
        case "in-progress": "in-progress"
        case "cancelled": "cancelled"
        default: "finished"
        }
    }
}
