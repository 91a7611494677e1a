import Foundation

/// The demo practice's schedule: its rooms, its staff's hours, and one coming appointment with the physician for
/// each of the first patients, an hour apart on weekdays. A patient whose plan's procedure decision support lets go
/// ahead has it booked in the procedure suite; the others come for a follow-up (or a first visit).
public enum DemoSchedule {
    public struct Slot: Sendable {
        public let kind: AppointmentKind
        public let date: CalendarDate
        public let time: ClockRange
        public let roomID: String
        public let site: InterventionSite?
        public let status: AppointmentStatus
    }

    static let hours = [8, 9, 10, 11, 13, 14, 15, 16]
    /// Eight a day for 40 weekdays.
    static let booked = 320

    public static let rooms = [
        Room(id: "exam-1", name: "Exam 1", location: "Main clinic", kind: .examRoom),
        Room(id: "exam-2", name: "Exam 2", location: "Main clinic", kind: .examRoom),
        Room(id: "suite-a", name: "Procedure suite A", location: "Main clinic", kind: .procedureSuite, capabilities: [.fluoroscopy, .ultrasound, .sedation]),
        Room(id: "suite-b", name: "Procedure suite B", location: "Main clinic", kind: .procedureSuite, capabilities: [.ultrasound]),
        Room(id: "lakeside", name: "Lakeside Surgery Center", location: "", kind: .externalFacility, capabilities: [.fluoroscopy, .ct, .sedation]),
    ]

    /// The physician away for a week after the booked weeks, to show time off.
    public static func settings(physician: UUID?, nurse: UUID?, therapist: UUID?, today: CalendarDate) -> ScheduleSettings {
        func week(_ days: [Weekday], _ ranges: [(Int, Int, Int, Int)]) -> [Shift] {
            days.flatMap { day in ranges.map { Shift(day, ClockRange(ClockTime(hour: $0.0, minute: $0.1)!, ClockTime(hour: $0.2, minute: $0.3)!)!) } }
        }
        let weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]
        var providers: [ProviderHours] = []
        if let physician {
            let away = TimeOff(from: weekday(after: today, booked / hours.count), to: weekday(after: today, booked / hours.count + 4), note: "Conference")
            providers.append(ProviderHours(providerID: physician, shifts: week(weekdays, [(8, 0, 12, 0), (13, 0, 17, 0)]), timeOff: [away]))
        }
        if let nurse { providers.append(ProviderHours(providerID: nurse, shifts: week(weekdays, [(7, 30, 16, 0)]))) }
        if let therapist { providers.append(ProviderHours(providerID: therapist, shifts: week([.monday, .tuesday, .wednesday, .thursday], [(8, 0, 17, 0)]))) }
        return ScheduleSettings(rooms: rooms, providers: providers)
    }

    /// The `index`-th patient's coming appointment, or nil past the booked weeks.
    static func next(for chart: DemoChart, index: Int, today: CalendarDate) -> Slot? {
        guard index < booked else { return nil }
        let day = index / hours.count
        let date = weekday(after: today, day)
        let start = ClockTime(hour: hours[index % hours.count], minute: 0)!
        // The first day confirmed; on the second, half still to call.
        let status: AppointmentStatus = day == 0 || (day == 1 && index % 2 == 0) ? .confirmed : .booked
        func slot(_ kind: AppointmentKind, _ room: String, site: InterventionSite? = nil) -> Slot {
            Slot(kind: kind, date: date, time: ClockRange(start, start.adding(minutes: kind.defaultMinutes)!)!, roomID: room, site: site, status: status)
        }
        if let site = chart.plan?.sequenced.lazy.compactMap(\.site).first(where: \.intervention.isProcedure) {
            let decision = DecisionSupport.decide(Candidate(site, on: date), for: chart.facts, criteria: DecisionCriteria(payers: DemoShowcase.payerCriteria))
            if decision.verdict == .appropriate || decision.verdict == .appropriateWithPrecautions, decision.holdsTooSoon(today: today).isEmpty {
                return slot(.procedure, "suite-a", site: site)
            }
        }
        return chart.visits.isEmpty ? slot(.newEvaluation, "exam-1") : slot(.followUp, index % 2 == 0 ? "exam-1" : "exam-2")
    }

    /// The `count`-th weekday after `date` (0 is the first weekday after it).
    static func weekday(after date: CalendarDate, _ count: Int) -> CalendarDate {
        var day = date, left = count
        while true {
            day = day.adding(days: 1)
            if day.weekday <= 5 {
                if left == 0 { return day }
                left -= 1
            }
        }
    }
}
