import Foundation

/// An appointment as a FHIR Appointment: its status, the kind of visit, what will be done (the procedure's billing
/// codes and site), when (on the practice's clock), and its participants: the patient, the provider and the room.
public enum FHIRAppointment {
    public static func record(_ appointment: Appointment, _ header: FHIRRecordHeader, timeZone: TimeZone) -> FHIRRecord {
        let kind = FHIRToken(FHIR.System.appointmentKind, appointment.kind.rawValue)
        let start = FHIR.moment(appointment.date, appointment.time.start, timeZone)
        let end = FHIR.moment(appointment.date, appointment.time.end, timeZone)
        let billing = appointment.site.flatMap { site in site.intervention.billing(for: site.region)?.lines(levels: site.levels.count, side: site.side) } ?? []
        var participants: [JSONValue] = [["actor": FHIR.reference(patient: appointment.patientID), "status": "accepted"],
                                         ["actor": FHIR.reference(.practitioner, appointment.providerID.lowercasedText), "status": "accepted"]]
        if let room = appointment.roomID { participants.append(["actor": FHIR.reference(.location, room), "status": "accepted"]) }
        return FHIRRecord(.appointment, header, members: [
            ("status", .string(appointment.status.fhir)),
            ("serviceType", [FHIR.concept([FHIR.coding(kind.system!, kind.code, appointment.kind.title)], text: appointment.kind.title)]),
            ("reasonCode", billing.isEmpty ? nil : [FHIR.concept(billing.map { FHIR.coding(FHIRToken.billing($0.code.code).system!, $0.code.code, $0.code.label) },
                                                                text: appointment.site?.label)]),
            ("description", .string(appointment.what)),
            ("start", .string(FHIR.instant(start))),
            ("end", .string(FHIR.instant(max(start, end)))),
            ("minutesDuration", .number(Double(max(0, appointment.time.end.minutes - appointment.time.start.minutes)))),
            ("created", .string(FHIR.instant(header.recorded))),
            ("comment", appointment.note.isEmpty ? nil : .string(appointment.note)),
            ("participant", .array(participants)),
        ], tokens: ["status": [FHIRToken("http://hl7.org/fhir/appointmentstatus", appointment.status.fhir)], "service-type": [kind]],
           periods: ["date": FHIRPeriod(start: start, end: max(start, end))])
    }
}

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
