import Foundation
import Testing
@testable import ReliefCore

/// Booking: times as staff type them, the booking form, and what keeps two appointments from one provider, room or
/// patient at once, a procedure out of a room without its equipment, and a visit out of the provider's hours.
@Suite struct SchedulingTests {
    private let today = CalendarDate(year: 2026, month: 12, day: 7)!   // a Monday
    private let raman = UUID(), lin = UUID(), patient = UUID(), other = UUID()
    private let settings = ScheduleSettings(
        rooms: [Room(id: "exam-1", name: "Exam 1", location: "Main", kind: .examRoom),
                Room(id: "suite-1", name: "Suite 1", location: "Main", kind: .procedureSuite, capabilities: [.fluoroscopy, .sedation]),
                Room(id: "suite-old", name: "Old suite", location: "Main", kind: .procedureSuite, capabilities: [.fluoroscopy], retired: true)],
        durations: [AppointmentKind.followUp.rawValue: 20])

    private func time(_ start: String, _ end: String) -> ClockRange { ClockRange(ClockTime(start)!, ClockTime(end)!)! }

    private func parse(_ pairs: [(String, String)], existing: Appointment? = nil) -> (Appointment?, [String: String]) {
        Appointment.parse(FormFields(pairs), patientID: patient, providers: [raman, lin], settings: settings, today: today, existing: existing)
    }

    @Test func clockTimesAreReadAsStaffTypeThem() {
        // act / check
        #expect(ClockTime("8:30")?.minutes == 510 && ClockTime("08:30")?.minutes == 510 && ClockTime("8:30 am")?.minutes == 510)
        #expect(ClockTime("2:15 PM")?.minutes == 855 && ClockTime("14:15")?.minutes == 855 && ClockTime("2pm")?.minutes == 840)
        #expect(ClockTime("12:00 AM")?.minutes == 0 && ClockTime("12 PM")?.minutes == 720 && ClockTime("24:00")?.minutes == 1440)
        for wrong in ["", "8:3", "8:60", "25:00", "13:00 PM", "0x1F", "８:30", "8:30:00", "-1:00", "24:30", "8.30", "8:30\u{0}"] {
            #expect(ClockTime(wrong) == nil, "\(wrong)")
        }
        #expect(ClockTime("14:05")?.display == "2:05 PM" && ClockTime("0:00")?.display == "12:00 AM" && ClockTime("9:05")?.description == "09:05")
    }

    @Test func backToBackAppointmentsDoNotOverlapAndWeekdaysFollowTheCalendar() {
        // act / check
        #expect(!time("8:00", "8:30").overlaps(time("8:30", "9:00")) && time("8:00", "8:31").overlaps(time("8:30", "9:00")))
        #expect(ClockRange(ClockTime("9:00")!, ClockTime("9:00")!) == nil)
        #expect(Weekday(today) == .monday && Weekday(CalendarDate(year: 1970, month: 1, day: 1)!) == .thursday)
        #expect(Weekday(CalendarDate(year: 2027, month: 1, day: 3)!) == .sunday && Weekday(CalendarDate(year: 2024, month: 2, day: 29)!) == .thursday)
    }

    @Test func aBookingFormNamesEachWrongField() throws {
        // act
        let procedure = parse([("kind", "procedure"), ("provider", raman.uuidString), ("room", "suite-1"), ("date", "12/16/2026"), ("start", "8:30 AM"),
                               ("intervention", "esi-transforaminal-lumbar"), ("region", "lumbar"), ("levels", "L4-L5"), ("side", "left")])
        let followUp = parse([("kind", "follow-up"), ("provider", lin.uuidString), ("room", "exam-1"), ("date", "2026-12-07"), ("start", "13:00")])
        let phone = parse([("kind", "phone-follow-up"), ("provider", lin.uuidString), ("room", "exam-1"), ("date", "12/08/2026"), ("start", "9:00")])
        let empty = parse([])
        let wrong = parse([("kind", "surgery"), ("provider", UUID().uuidString), ("room", "suite-old"), ("date", "12/06/2026"), ("start", "0x1F"),
                           ("minutes", "0x10"), ("plan", "../etc")])
        let late = parse([("kind", "follow-up"), ("provider", raman.uuidString), ("room", "exam-1"), ("date", "12/08/2026"), ("start", "11:50 PM")])
        let noSite = parse([("kind", "procedure"), ("provider", raman.uuidString), ("room", "suite-1"), ("date", "12/16/2026"), ("start", "8:30"),
                            ("intervention", "esi-transforaminal-lumbar"), ("region", "lumbar"), ("levels", "T12-L1, L7-S1")])
        // check
        let booked = try #require(procedure.0)
        #expect(booked.time == time("8:30", "9:15") && booked.status == .booked && booked.what.hasSuffix("L4-L5, left"))
        #expect(Appointment.parse(booked.fields, patientID: patient, providers: [raman], settings: settings, today: today).0.map { [$0.kind, $0.date, $0.time, $0.site] as [AnyHashable?] } == [booked.kind, booked.date, booked.time, booked.site])
        #expect(followUp.0?.time == time("13:00", "13:20"), "the practice's 20 minutes for a follow-up")
        #expect(phone.0?.roomID == nil, "a call takes no room")
        #expect(Set(empty.1.keys) == ["kind", "provider", "date", "start"])
        #expect(wrong.1["kind"] == "Choose one of the listed options." && wrong.1["provider"] == "Choose one of the listed providers.")
        #expect(wrong.1["date"] == "The date cannot be before today." && wrong.1["start"] == "Enter the time as 8:30 AM or 14:30.")
        #expect(wrong.1["minutes"] != nil && wrong.1["plan"] == "The plan is not known.")
        #expect(parse([("kind", "procedure"), ("room", "suite-old")]).1["room"] == "Choose one of the listed rooms.", "a retired room takes no new bookings")
        #expect(late.1["minutes"] == "The appointment must end by midnight.")
        #expect(noSite.1["levels"] != nil && noSite.0 == nil)
    }

    @Test func aProviderRoomOrPatientHoldsOneAppointmentAtATime() throws {
        // setup
        let names = [raman: "Dr. Priya Raman", lin: "Casey Lin, DPT"]
        let esi = InterventionSite(intervention: InterventionCatalogue.intervention("esi-transforaminal-lumbar")!, region: .lumbar)
        let booked = Appointment(patientID: other, providerID: raman, roomID: "suite-1", kind: .procedure, date: today, time: time("9:00", "9:45"), site: esi)
        func check(_ appointment: Appointment, _ others: [Appointment] = [booked]) -> [String: String] {
            BookingCheck.problems(appointment, others: others, settings: settings, names: names)
        }
        func visit(_ provider: UUID, _ room: String?, _ start: String, _ end: String, patient: UUID? = nil) -> Appointment {
            Appointment(patientID: patient ?? self.patient, providerID: provider, roomID: room, kind: .followUp, date: today, time: time(start, end))
        }
        // act
        let sameProvider = check(visit(raman, "exam-1", "9:30", "10:00"))
        let sameRoom = check(visit(lin, "suite-1", "8:30", "9:01"))
        let samePatient = check(visit(lin, "exam-1", "9:44", "10:00", patient: other))
        let afterwards = check(visit(raman, "suite-1", "9:45", "10:15", patient: other))
        var cancelled = booked
        cancelled.status = .cancelled
        let freed = check(visit(raman, "suite-1", "9:00", "9:30"), [cancelled])
        var moved = booked
        moved.time = time("9:15", "10:00")
        let movingItself = check(moved)
        // check
        #expect(sameProvider == ["provider": "Dr. Priya Raman is already booked 9:00 AM–9:45 AM on 12/07/2026 (procedure)."])
        #expect(sameRoom == ["room": "Suite 1 is already booked 9:00 AM–9:45 AM on 12/07/2026 (procedure)."])
        #expect(samePatient == ["start": "The patient already has an appointment 9:00 AM–9:45 AM on 12/07/2026 (procedure)."])
        #expect(afterwards.isEmpty && freed.isEmpty && movingItself.isEmpty)
    }

    @Test func aProcedureNeedsARoomWithItsEquipment() {
        // setup
        func site(_ id: String) -> InterventionSite {
            let intervention = InterventionCatalogue.intervention(id)!
            return InterventionSite(intervention: intervention, region: intervention.regions[0])
        }
        func problems(_ id: String, in room: String) -> [String: String] {
            BookingCheck.problems(Appointment(patientID: patient, providerID: raman, roomID: room, kind: .procedure, date: today,
                                              time: time("8:00", "8:45"), site: site(id)), others: [], settings: settings, names: [:])
        }
        // act / check
        #expect(site("esi-transforaminal-lumbar").intervention.roomNeeds == [.fluoroscopy])
        #expect(site("scs-implant").intervention.roomNeeds == [.fluoroscopy, .sedation])
        #expect(site("trigger-point-injection").intervention.roomNeeds.isEmpty)
        #expect(problems("esi-transforaminal-lumbar", in: "exam-1")["room"]
                == "Exam 1 has no fluoroscopy (C-arm), which Lumbar transforaminal epidural steroid injection needs.")
        #expect(problems("esi-transforaminal-lumbar", in: "suite-1").isEmpty && problems("trigger-point-injection", in: "exam-1").isEmpty)
    }

    @Test func aVisitMustFallWithinTheProvidersHoursAndNotOnTimeOff() {
        // setup
        var settings = settings
        settings.providers = [ProviderHours(providerID: raman, shifts: [Shift(.monday, time("8:00", "12:00")), Shift(.monday, time("13:00", "17:00"))],
                                            timeOff: [TimeOff(from: today.adding(days: 7), to: today.adding(days: 11), note: "Conference")])]
        func problems(_ start: String, _ end: String, on date: CalendarDate? = nil, provider: UUID? = nil) -> [String: String] {
            BookingCheck.problems(Appointment(patientID: patient, providerID: provider ?? raman, roomID: "exam-1", kind: .followUp, date: date ?? today,
                                              time: time(start, end)), others: [], settings: settings, names: [raman: "Dr. Priya Raman"])
        }
        // act / check: inside either shift, across lunch, on a Tuesday, away, and a provider whose hours are not kept
        #expect(problems("8:00", "8:30").isEmpty && problems("11:30", "12:00").isEmpty && problems("16:40", "17:00").isEmpty)
        #expect(problems("11:45", "12:15")["start"] == "11:45 AM–12:15 PM is outside Dr. Priya Raman's hours on Mondays: 8:00 AM–12:00 PM, 1:00 PM–5:00 PM.")
        #expect(problems("7:59", "8:30")["start"] != nil)
        #expect(problems("9:00", "9:30", on: today.adding(days: 1))["date"] == "Dr. Priya Raman does not work on Tuesdays.")
        #expect(problems("9:00", "9:30", on: today.adding(days: 7))["date"] == "Dr. Priya Raman is away 12/14/2026–12/18/2026 (Conference).")
        #expect(problems("9:00", "9:30", on: today.adding(days: 12)).isEmpty == false, "Saturday")
        #expect(problems("6:00", "6:30", on: today.adding(days: 1), provider: lin).isEmpty)
    }

    @Test func statusesMoveForwardOnly() {
        // act / check
        #expect(AppointmentStatus.booked.next.contains(.checkedIn) && !AppointmentStatus.booked.next.contains(.completed))
        #expect(AppointmentStatus.inProgress.next == [.completed] && AppointmentStatus.cancelled.next.isEmpty)
        #expect(AppointmentStatus.allCases.filter(\.isMovable) == [.booked, .confirmed])
        #expect(AppointmentStatus.allCases.filter { !$0.holdsTime } == [.noShow, .cancelled])
        #expect(AppointmentStatus.allCases.map(\.encounterStatus) == ["planned", "planned", "arrived", "in-progress", "finished", "cancelled", "cancelled"])
    }

    @Test func theSetUpFormsReadRoomsLengthsWeeksAndTimeOff() throws {
        // act
        let added = Room.parse(FormFields([("name", "Procedure Suite A"), ("location", "Main"), ("kind", "procedure-suite"),
                                           ("capabilities", "sedation"), ("capabilities", "fluoroscopy")]), rooms: settings.rooms, today: today)
        let again = Room.parse(FormFields([("name", "exam 1"), ("location", "Main"), ("kind", "exam-room")]), rooms: settings.rooms, today: today)
        let renamed = Room.parse(FormFields([("room", "exam-1"), ("name", "Exam 1"), ("location", "Main"), ("kind", "exam-room"), ("retired", "yes")]),
                                 rooms: settings.rooms, today: today)
        let unknown = Room.parse(FormFields([("room", "../x"), ("name", "X"), ("kind", "lab")]), rooms: settings.rooms, today: today)
        let lengths = ScheduleSettings.parseDurations(FormFields([("minutes.follow-up", "20"), ("minutes.procedure", "45"), ("minutes.new-evaluation", "4")]),
                                                      today: today)
        let week = ProviderHours.parseShifts(FormFields([("monday", "8:00-12:00, 1:00 PM–5:00 PM"), ("friday", "7:30 to 11:30")]), today: today)
        let overlapping = ProviderHours.parseShifts(FormFields([("monday", "8:00-12:00, 11:00-13:00")]), today: today)
        let backwards = ProviderHours.parseShifts(FormFields([("tuesday", "5:00 PM-1:00 PM")]), today: today)
        let garbled = ProviderHours.parseShifts(FormFields([("wednesday", "mornings")]), today: today)
        let away = TimeOff.parse(FormFields([("from", "12/21/2026"), ("to", "12/31/2026"), ("note", "Holidays")]), today: today)
        let over = TimeOff.parse(FormFields([("from", "11/01/2026"), ("to", "12/06/2026")]), today: today)
        let reversed = TimeOff.parse(FormFields([("from", "12/21/2026"), ("to", "12/20/2026")]), today: today)
        // check
        let room = try #require(added.0)
        #expect(room.id == "procedure-suite-a" && room.capabilities == [.fluoroscopy, .sedation])
        #expect(Room.parse(room.fields, rooms: settings.rooms + [room], today: today).0 == room, "its own fields read back")
        #expect(Room.newID(for: "Exam 1", among: settings.rooms) == "exam-1-2" && Room.newID(for: "ÉÉ", among: []) == "room")
        #expect(again.1["name"] == "Another room here has this name.")
        #expect(renamed.0?.id == "exam-1" && renamed.0?.retired == true)
        #expect(unknown.1["room"] == "No such room." && unknown.1["kind"] == "Choose one of the listed options.")
        #expect(lengths.0 == nil && lengths.1["minutes.new-evaluation"] == "Enter a whole number from 5 to 720.")
        #expect(ScheduleSettings.parseDurations(FormFields([("minutes.follow-up", "20"), ("minutes.procedure", "45")]), today: today).0 == ["follow-up": 20])
        #expect(week.0 == [Shift(.monday, time("8:00", "12:00")), Shift(.monday, time("13:00", "17:00")), Shift(.friday, time("7:30", "11:30"))])
        #expect(ProviderHours.parseShifts(ProviderHours(providerID: raman, shifts: week.0!).shiftFields, today: today).0 == week.0)
        #expect(overlapping.1["monday"] == "The stretches overlap." && backwards.1["tuesday"] == "5:00 PM to 1:00 PM: a stretch must end after it starts.")
        #expect(garbled.1["wednesday"] == "Write each stretch as 8:00-12:00 or 1:00 PM-5:00 PM, separated by commas.")
        #expect(away.0 == TimeOff(from: CalendarDate(year: 2026, month: 12, day: 21)!, to: CalendarDate(year: 2026, month: 12, day: 31)!, note: "Holidays"))
        #expect(over.1["to"] == "Time off that is over does not change the schedule." && reversed.1["to"] == "The last day cannot be before the first.")
    }
}

/// The calendar feed a provider subscribes to.
@Suite struct ICalendarTests {
    @Test func aFeedEscapesFoldsAndWritesLocalTimes() throws {
        // setup
        let day = CalendarDate(year: 2026, month: 12, day: 7)!
        let event = ICalendar.Event(uid: "a1@relief", date: day, time: ClockRange(ClockTime("8:30")!, ClockTime("24:00")!)!,
                                    summary: "Procedure: Lumbar transforaminal epidural steroid injection, L4-L5; left — R. S. (MRN 00000018)\u{0}",
                                    location: "Suite A\\B\nMain", cancelled: true, sequence: 3)
        // act
        let feed = ICalendar.render(name: "Dr. Priya Raman", events: [event], stamp: Date(timeIntervalSince1970: 1_796_000_000))
        // check
        let lines = feed.components(separatedBy: "\r\n")
        #expect(feed.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && feed.hasSuffix("END:VCALENDAR\r\n"))
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.contains("DTSTART:20261207T083000") && lines.contains("DTEND:20261208T000000"))
        #expect(lines.contains("DTSTAMP:20261130T005320Z") && lines.contains("STATUS:CANCELLED") && lines.contains("SEQUENCE:3"))
        let unfolded = feed.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:Procedure: Lumbar transforaminal epidural steroid injection\\, L4-L5\\; left — R. S. (MRN 00000018)\r\n"))
        #expect(unfolded.contains("LOCATION:Suite A\\\\B\\nMain\r\n"))
    }
}

/// The front desk's reminder calls.
@Suite struct ReminderCallsTests {
    @Test func bookedAppointmentsOnTheNextTwoWorkingDaysAreCalled() {
        // setup: Thursday 12/10/2026; the next two working days are Friday and Monday
        let thursday = CalendarDate(year: 2026, month: 12, day: 10)!
        func booked(_ days: Int, _ status: AppointmentStatus = .booked, at hour: Int = 9) -> Appointment {
            Appointment(patientID: UUID(), providerID: UUID(), roomID: "exam-1", kind: .followUp, date: thursday.adding(days: days),
                        time: ClockRange(ClockTime(hour: hour, minute: 0)!, ClockTime(hour: hour, minute: 30)!)!, status: status)
        }
        let list = [booked(4, at: 10), booked(1), booked(0), booked(5), booked(4, .confirmed), booked(4, .cancelled), booked(4, at: 8)]
        // act
        let due = ReminderCalls.due(list, today: thursday)
        // check
        #expect(ReminderCalls.lastDay(after: thursday) == thursday.adding(days: 4))
        #expect(ReminderCalls.lastDay(after: thursday.adding(days: -3)) == thursday.adding(days: -1), "Monday: Tuesday and Wednesday")
        #expect(due.map(\.date) == [thursday.adding(days: 1), thursday.adding(days: 4), thursday.adding(days: 4)])
        #expect(due.map(\.time.start.hour) == [9, 8, 10])
        #expect(ReminderCalls.parse(FormFields([("outcome", "left-message"), ("note", "Voicemail")]), today: thursday).0?.outcome == .leftMessage)
        #expect(ReminderCalls.parse(FormFields([("outcome", "maybe\u{0}")]), today: thursday).1["outcome"] != nil)
        #expect(ReminderCalls.parse(FormFields([]), today: thursday).1["outcome"] == "Choose what came of the call.")
    }
}
