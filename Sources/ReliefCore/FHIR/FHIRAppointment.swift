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
