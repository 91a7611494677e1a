import Foundation

extension Room {
    /// Reads a room: `room` (the id of the one being changed, empty for a new one), `name`, `location`, `kind`,
    /// `capabilities` (ticked), `retired`. A new room's id comes from its name, kept unique among `rooms`.
    public static func parse(_ fields: FormFields, rooms: [Room], today: CalendarDate) -> (Room?, [String: String]) {
        var reader = FormReader(fields, today: today)
        let id = fields["room"]
        if !id.isEmpty, !rooms.contains(where: { $0.id == id }) { reader.problem("room", "No such room.") }
        let name = reader.text("name", limit: 60, required: "Name the room.")
        let location = reader.text("location", limit: 80)
        let kind = reader.one("kind", RoomKind.self, required: "Choose what kind of room it is.")
        let capabilities = reader.many("capabilities", RoomCapability.self)
        if rooms.contains(where: { $0.id != id && $0.name.caseInsensitiveCompare(name) == .orderedSame && $0.location == location }) {
            reader.problem("name", "Another room here has this name.")
        }
        guard reader.problems.isEmpty, let kind else { return (nil, reader.problems) }
        return (Room(id: id.isEmpty ? newID(for: name, among: rooms) : id, name: name, location: location, kind: kind, capabilities: capabilities,
                     retired: fields["retired"] == "yes"), [:])
    }

    /// "Procedure suite A" → "procedure-suite-a", with "-2", "-3"… when taken.
    static func newID(for name: String, among rooms: [Room]) -> String {
        let words = name.lowercased().unicodeScalars.map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? Character($0) : " " }
        let base = String(words).split(separator: " ").joined(separator: "-").prefix(40)
        let stem = base.isEmpty ? "room" : String(base)
        var candidate = stem, number = 1
        while rooms.contains(where: { $0.id == candidate }) {
            number += 1
            candidate = "\(stem)-\(number)"
        }
        return candidate
    }

    public var fields: FormFields {
        var fields = FormFields()
        fields.set([("room", id), ("name", name), ("location", location), ("kind", kind.rawValue), ("retired", retired ? "yes" : nil)])
        for capability in capabilities { fields.add("capabilities", capability.rawValue) }
        return fields
    }
}

extension ScheduleSettings {
    public static func durationField(_ kind: AppointmentKind) -> String { "minutes.\(kind.rawValue)" }

    /// Reads each kind's length, 5 to 720 minutes; an empty field keeps the built-in default.
    public static func parseDurations(_ fields: FormFields, today: CalendarDate) -> ([String: Int]?, [String: String]) {
        var reader = FormReader(fields, today: today)
        var durations: [String: Int] = [:]
        for kind in AppointmentKind.allCases {
            if let minutes = reader.integer(durationField(kind), in: 5...720), minutes != kind.defaultMinutes { durations[kind.rawValue] = minutes }
        }
        return reader.problems.isEmpty ? (durations, [:]) : (nil, reader.problems)
    }

    public var durationFields: FormFields {
        var fields = FormFields()
        fields.set(AppointmentKind.allCases.map { (Self.durationField($0), String(minutes(for: $0))) })
        return fields
    }

    /// The settings with `hours` in place of the provider's.
    public func replacing(_ hours: ProviderHours) -> ScheduleSettings {
        var settings = self
        settings.providers.removeAll { $0.providerID == hours.providerID }
        if !hours.shifts.isEmpty || !hours.timeOff.isEmpty { settings.providers.append(hours) }
        return settings
    }
}

extension ProviderHours {
    /// Reads a week's shifts: one field per weekday (`monday` …) listing its stretches, "8:00-12:00, 1:00 PM-5:00 PM";
    /// empty for a day off. Stretches of one day may not overlap.
    public static func parseShifts(_ fields: FormFields, today: CalendarDate) -> ([Shift]?, [String: String]) {
        var reader = FormReader(fields, today: today)
        var shifts: [Shift] = []
        for day in Weekday.allCases {
            let text = reader.text(day.rawValue, limit: 120)
            guard !text.isEmpty, reader.problems[day.rawValue] == nil else { continue }
            var ranges: [ClockRange] = []
            for part in text.split(separator: ",") {
                let ends = part.replacingOccurrences(of: "–", with: "-").replacingOccurrences(of: " to ", with: "-").split(separator: "-")
                guard ends.count == 2, let start = ClockTime(String(ends[0])), let end = ClockTime(String(ends[1])) else {
                    reader.problem(day.rawValue, "Write each stretch as 8:00-12:00 or 1:00 PM-5:00 PM, separated by commas.")
                    break
                }
                guard let range = ClockRange(start, end) else {
                    reader.problem(day.rawValue, "\(start.display) to \(end.display): a stretch must end after it starts.")
                    break
                }
                if ranges.contains(where: { $0.overlaps(range) }) { reader.problem(day.rawValue, "The stretches overlap.") }
                ranges.append(range)
            }
            shifts += ranges.sorted { $0.start < $1.start }.map { Shift(day, $0) }
        }
        return reader.problems.isEmpty ? (shifts, [:]) : (nil, reader.problems)
    }

    public var shiftFields: FormFields {
        var fields = FormFields()
        fields.set(Weekday.allCases.map { day in
            (day.rawValue, shifts.filter { $0.day == day }.map { "\($0.hours.start)-\($0.hours.end)" }.joined(separator: ", "))
        })
        return fields
    }
}

extension TimeOff {
    /// Reads `from`, `to` (both days included; not over before today) and `note`.
    public static func parse(_ fields: FormFields, today: CalendarDate) -> (TimeOff?, [String: String]) {
        var reader = FormReader(fields, today: today)
        let from = reader.date("from", what: "The first day", allowFuture: true, required: true)
        let to = reader.date("to", what: "The last day", allowFuture: true, required: true)
        let note = reader.text("note", limit: 100)
        if let from, let to, to < from { reader.problem("to", "The last day cannot be before the first.") }
        if let to, to < today { reader.problem("to", "Time off that is over does not change the schedule.") }
        guard reader.problems.isEmpty, let from, let to else { return (nil, reader.problems) }
        return (TimeOff(from: from, to: to, note: note), [:])
    }
}
