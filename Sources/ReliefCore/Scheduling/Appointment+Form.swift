import Foundation

extension Appointment {
    /// Reads a booking form: `kind`, `provider`, `room`, `date`, `start`, `minutes` (the kind's default when empty),
    /// for a procedure its site (`intervention`, `region`, `levels`, `side`) and `plan`, and `note`. `providers`
    /// are the ids that may be chosen; `existing` keeps the id and status of an appointment being moved.
    public static func parse(_ fields: FormFields, patientID: UUID, providers: Set<UUID>, settings: ScheduleSettings, today: CalendarDate,
                             existing: Appointment? = nil) -> (Appointment?, [String: String]) {
        var reader = FormReader(fields, today: today)
        let kind = reader.one("kind", AppointmentKind.self, required: "Choose what the appointment is for.")
        let providerText = reader.text("provider", limit: 40, required: "Choose the provider.")
        let provider = UUID(uuidString: providerText).flatMap { providers.contains($0) ? $0 : nil }
        if !providerText.isEmpty, provider == nil { reader.problem("provider", "Choose one of the listed providers.") }
        let roomID = reader.text("room", limit: 60)
        var room: Room?
        if kind?.needsRoom == true {
            room = settings.room(roomID)
            if roomID.isEmpty { reader.problem("room", "Choose the room.") }
            else if room == nil || (room?.retired == true && roomID != existing?.roomID) { reader.problem("room", "Choose one of the listed rooms.") }
        }
        let date = reader.date("date", what: "The date", allowFuture: true, required: true)
        if let date, date < today { reader.problem("date", "The date cannot be before today.") }
        let startText = reader.text("start", limit: 12, required: "Enter the start time.")
        let start = ClockTime(startText)
        if !startText.isEmpty, start == nil { reader.problem("start", "Enter the time as 8:30 AM or 14:30.") }
        let minutes = fields["minutes"].isEmpty ? kind.map(settings.minutes(for:)) : reader.integer("minutes", in: 5...720)
        var time: ClockRange?
        if let start, let minutes {
            time = start.adding(minutes: minutes).flatMap { ClockRange(start, $0) }
            if time == nil { reader.problem("minutes", "The appointment must end by midnight.") }
        }
        let site = kind == .procedure ? InterventionSite.read(&reader, procedures: true) : nil
        let planText = reader.text("plan", limit: 40)
        let plan = UUID(uuidString: planText)
        if !planText.isEmpty, plan == nil { reader.problem("plan", "The plan is not known.") }
        let note = reader.text("note", limit: 500, multiline: true)
        guard reader.problems.isEmpty, let kind, let provider, let date, let time else { return (nil, reader.problems) }
        return (Appointment(id: existing?.id ?? UUID(), patientID: patientID, providerID: provider, roomID: kind.needsRoom ? room?.id : nil,
                            kind: kind, date: date, time: time, status: existing?.status ?? .booked, site: site,
                            planID: kind == .procedure ? plan : nil, note: note), [:])
    }

    /// The fields `parse` reads, to fill the form again.
    public var fields: FormFields {
        var fields = FormFields()
        fields.set([("kind", kind.rawValue), ("provider", providerID.uuidString), ("room", roomID), ("date", date.display),
                    ("start", time.start.display), ("minutes", String(time.minutes)), ("plan", planID?.uuidString), ("note", note)])
        if let site { fields.set(site.fields()) }
        return fields
    }
}
