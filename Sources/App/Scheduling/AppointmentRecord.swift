import Fluent
import Foundation
import ReliefCore

// @unchecked Sendable: Fluent models are mutable reference types by design; each lives within one request.

/// One appointment as stored (FHIR Appointment); `decoded()` gives the value the booking rules read.
final class AppointmentRecord: Model, @unchecked Sendable {
    static let schema = "appointments"

    @ID(key: .id) var id: UUID?
    @Field(key: "patient_id") var patientID: UUID
    @Field(key: "provider_id") var providerID: UUID
    @OptionalField(key: "room_id") var roomID: String?
    @Field(key: "kind") var kind: String
    @Field(key: "date") var date: String
    @Field(key: "start_minute") var startMinute: Int
    @Field(key: "end_minute") var endMinute: Int
    @Field(key: "status") var status: String
    @OptionalField(key: "intervention") var intervention: String?
    @OptionalField(key: "region") var region: String?
    @OptionalField(key: "levels") var levels: String?
    @OptionalField(key: "side") var side: String?
    @OptionalField(key: "plan_id") var planID: UUID?
    @Field(key: "note") var note: String
    @OptionalField(key: "reason") var reason: String?
    /// The visit's encounter, once its note is started from the appointment.
    @OptionalField(key: "encounter_id") var encounterID: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "updated_by") var updatedBy: UUID
    @Field(key: "version") var version: Int

    init() {}

    init(_ appointment: Appointment, by user: UUID, now: Date) {
        id = appointment.id
        patientID = appointment.patientID
        createdAt = now
        createdBy = user
        version = 1
        apply(appointment, by: user, now: now)
    }

    /// Takes the appointment's time, place, provider and what it is for (a move keeps the patient and the history).
    func apply(_ appointment: Appointment, by user: UUID, now: Date) {
        providerID = appointment.providerID
        roomID = appointment.roomID
        kind = appointment.kind.rawValue
        date = appointment.date.description
        startMinute = appointment.time.start.minutes
        endMinute = appointment.time.end.minutes
        status = appointment.status.rawValue
        intervention = appointment.site?.intervention.id
        region = appointment.site?.region.rawValue
        levels = appointment.site?.storedLevels
        side = appointment.site?.side?.rawValue
        planID = appointment.planID
        note = appointment.note
        updatedAt = now
        updatedBy = user
    }

    /// Nil only for a row no rule could have written (the triggers and the form keep them whole).
    func decoded() -> Appointment? {
        guard let kind = AppointmentKind(rawValue: kind), let day = CalendarDate(date), let status = AppointmentStatus(rawValue: status),
              let start = ClockTime(minutes: startMinute), let end = ClockTime(minutes: endMinute), let time = ClockRange(start, end) else { return nil }
        let site = intervention.flatMap { InterventionSite(stored: $0, region: region ?? "", levels: levels ?? "", side: side ?? "") }
        return Appointment(id: id ?? UUID(), patientID: patientID, providerID: providerID, roomID: roomID, kind: kind, date: day, time: time,
                           status: status, site: site, planID: planID, note: note)
    }
}
