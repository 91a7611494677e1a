import Fluent
import Foundation
import ReliefCore
import SQLKit
import Testing
import VaporTesting
@testable import App

/// Booking from the chart and the day's grid: every double booking, a room without the procedure's equipment and a
/// day the provider does not work are refused with the field to change; moves are version-checked; two desks booking
/// one slot at once get one booking; an appointment that ended stays as it ended.
@Suite struct SchedulingRoutesTests {
    private let friday = "11/20/2026"

    /// Rooms and the physician's weekday hours, as the practice set them; the physician's account made if need be.
    private func setUp(_ context: TestContext) async throws -> UUID {
        let existing = try await User.query(on: context.app.db).filter(\.$role == Role.physician.rawValue).first()
        let user = if let existing { existing } else { try await context.makeUser(.physician) }
        let physician = try user.requireID()
        let weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]
        let settings = ScheduleSettings(
            rooms: [Room(id: "exam-1", name: "Exam 1", location: "Main", kind: .examRoom), Room(id: "exam-2", name: "Exam 2", location: "Main", kind: .examRoom),
                    Room(id: "suite-1", name: "Suite 1", location: "Main", kind: .procedureSuite, capabilities: [.fluoroscopy])],
            providers: [ProviderHours(providerID: physician, shifts: weekdays.map { Shift($0, ClockRange(ClockTime("8:00")!, ClockTime("17:00")!)!) })])
        let saved = try await PracticeSettings.save(settings, from: 1, by: physician, now: context.clock.now, on: context.app.db) { _, _ in }
        #expect(saved)
        return physician
    }

    private func visit(_ provider: UUID, room: String, date: String? = nil, start: String, kind: String = "follow-up") -> [(String, String)] {
        [("kind", kind), ("provider", provider.uuidString), ("room", room), ("date", date ?? friday), ("start", start)]
    }

    @Test(arguments: TestDatabase.available)
    func bookingRefusesEveryDoubleBookingAndMovesOnlyFromTheCurrentVersion(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let coordinator = try await context.signedIn(.coordinator)
            let therapistBrowser = try await context.signedIn(.therapist)
            _ = try await context.signedIn(.physician)
            let physician = try await setUp(context)
            let therapist = try #require(try await User.query(on: context.app.db).filter(\.$role == Role.therapist.rawValue).first()?.requireID())
            let anna = try await context.makePatient([.givenName: "Anna", .familyName: "Berg"])
            let ben = try await context.makePatient([.givenName: "Ben", .familyName: "Cole"])
            let esi = [("intervention", "esi-transforaminal-lumbar"), ("region", "lumbar"), ("levels", "L4-L5"), ("side", "left")]
            // act
            let form = try await coordinator.get(SitePath.newAppointment(anna.id) + "?intervention=esi-transforaminal-lumbar&region=lumbar&date=2026-11-20")
            let booked = try await coordinator.post(SitePath.appointments(anna.id), pairs: visit(physician, room: "exam-1", start: "9:00 AM"))
            let sameProvider = try await coordinator.post(SitePath.appointments(ben.id), pairs: visit(physician, room: "exam-2", start: "9:15"))
            let sameRoom = try await coordinator.post(SitePath.appointments(ben.id), pairs: visit(therapist, room: "exam-1", start: "9:10"))
            let samePatient = try await coordinator.post(SitePath.appointments(anna.id), pairs: visit(therapist, room: "exam-2", start: "9:20"))
            let noFluoroscopy = try await coordinator.post(SitePath.appointments(ben.id), pairs: visit(physician, room: "exam-2", start: "10:00", kind: "procedure") + esi)
            let procedure = try await coordinator.post(SitePath.appointments(ben.id), pairs: visit(physician, room: "suite-1", start: "10:00", kind: "procedure") + esi)
            let saturday = try await coordinator.post(SitePath.appointments(ben.id), pairs: visit(physician, room: "exam-2", date: "11/21/2026", start: "9:00"))
            let past = try await coordinator.post(SitePath.appointments(ben.id), pairs: visit(physician, room: "exam-2", date: "11/17/2026", start: "9:00"))
            let hostile = try await coordinator.post(SitePath.appointments(ben.id), pairs: [("kind", "follow-up\u{0}"), ("provider", "0x1F"), ("room", "../exam-1"),
                                                                                           ("date", "2026-13-01"), ("start", "9:00\u{7}"), ("minutes", "1e3")])
            let therapistBooks = try await therapistBrowser.post(SitePath.appointments(ben.id), pairs: visit(physician, room: "exam-2", start: "13:00"))
            let annaPath = try #require(booked.location)
            let shown = try await coordinator.get(annaPath)
            let version = try versionField(shown.text)
            let moved = try await coordinator.post(annaPath + "/move", pairs: visit(physician, room: "exam-1", start: "11:00") + [("version", version)])
            let stale = try await coordinator.post(annaPath + "/move", pairs: visit(physician, room: "exam-1", start: "14:00") + [("version", version)])
            let afterMove = try await coordinator.get(annaPath)
            let checkedIn = try await coordinator.post(annaPath + "/status", pairs: [("status", "checked-in"), ("version", try versionField(afterMove.text))])
            let skipped = try await coordinator.post(annaPath + "/status", pairs: [("status", "completed"), ("version", try versionField(afterMove.text) + "1")])
            let benPath = try #require(procedure.location)
            let benShown = try await coordinator.get(benPath)
            let noReason = try await coordinator.post(benPath + "/status", pairs: [("status", "cancelled"), ("version", try versionField(benShown.text))])
            let cancelled = try await coordinator.post(benPath + "/status", pairs: [("status", "cancelled"), ("version", try versionField(benShown.text)),
                                                                                    ("reason", "Patient has the flu")])
            let freed = try await coordinator.post(SitePath.appointments(anna.id), pairs: visit(physician, room: "suite-1", start: "10:00"))
            let day = try await therapistBrowser.get(SitePath.schedule() + "?date=2026-11-20")
            let rooms = try await coordinator.get(SitePath.schedule() + "?date=11/20/2026&view=rooms")
            let badDay = try await coordinator.get(SitePath.schedule() + "?date=0x1F")
            let week = try await therapistBrowser.get(SitePath.schedule() + "?date=2026-11-20&view=week&provider=\(physician.uuidString)")
            let nobodysWeek = try await therapistBrowser.get(SitePath.schedule() + "?view=week&provider=\(UUID().uuidString)")
            let list = try await coordinator.get(SitePath.appointments(anna.id))
            // check
            #expect(form.text.contains(#"<option value="procedure" selected>"#) && form.text.contains(#"value="11/20/2026""#))
            #expect(booked.status == .seeOther)
            #expect(sameProvider.status == .unprocessableEntity && sameProvider.text.contains("Test Physician is already booked 9:00 AM–9:30 AM on 11/20/2026"))
            #expect(sameRoom.status == .unprocessableEntity && sameRoom.text.contains("Exam 1 is already booked"))
            #expect(samePatient.status == .unprocessableEntity && samePatient.text.contains("The patient already has an appointment 9:00 AM–9:30 AM"))
            #expect(noFluoroscopy.status == .unprocessableEntity && noFluoroscopy.text.contains("Exam 2 has no fluoroscopy (C-arm)"))
            #expect(procedure.status == .seeOther)
            #expect(saturday.status == .unprocessableEntity && saturday.text.contains("Test Physician does not work on Saturdays."))
            #expect(past.status == .unprocessableEntity && past.text.contains("The date cannot be before today."))
            #expect(hostile.status == .unprocessableEntity && !hostile.text.contains("\u{0}") && hostile.text.contains("control character"))
            #expect(therapistBooks.status == .forbidden)
            #expect(moved.status == .seeOther && afterMove.text.contains("11/20/2026 11:00 AM–11:30 AM"))
            #expect(stale.status == .seeOther && stale.headers.setCookie?["relief_flash"] != nil && !afterMove.text.contains("2:00 PM"))
            #expect(checkedIn.status == .seeOther && skipped.status == .seeOther)
            #expect(noReason.status == .seeOther && cancelled.status == .seeOther && freed.status == .seeOther, "a cancelled booking frees its room")
            #expect(day.status == .ok && day.text.contains("Berg, Anna") && day.text.contains("Checked in") && day.text.contains("Patient has the flu") == false)
            #expect(day.text.contains("Cole, Ben") && day.text.contains("cancelled"), "listed under the grid")
            #expect(rooms.text.contains("Suite 1") && rooms.text.contains("Exam 2"))
            #expect(badDay.status == .ok && badDay.text.contains("Enter the day as MM/DD/YYYY"))
            #expect(week.text.contains("Test Physician: week of 11/16/2026") && week.text.contains("Fri 11/20/2026") && week.text.contains("Berg, Anna"))
            #expect(!week.text.contains("Sat 11/21/2026"), "a weekend the provider neither works nor is booked is left out")
            #expect(nobodysWeek.status == .ok && nobodysWeek.text.contains("Choose a provider to see their week."))
            #expect(list.text.contains("Checked in") && list.text.contains("Follow-up visit"))
            let statuses = try await AppointmentRecord.query(on: context.app.db).all().map(\.status).sorted()
            #expect(statuses == ["booked", "cancelled", "checked-in"])
            #expect(try await context.auditEvents(.recordCreate).filter { $0.resourceType == "Appointment" }.count == 3)
            #expect(try await context.auditEvents(.recordUpdate).filter { $0.resourceType == "Appointment" }.count == 3)
            let sql = context.app.db.sql
            for statement in ["UPDATE appointments SET note = 'x' WHERE status = 'cancelled'", "UPDATE appointments SET patient_id = provider_id",
                              "DELETE FROM appointments"] {
                await #expect(throws: (any Error).self, "\(statement)") { try await sql.raw(SQLQueryString(statement)).run() }
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aProcedureBookedTooSoonToStopWarfarinSaysTheFirstDayThatLeavesTime(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: today is 11/18; warfarin stops five whole days before an epidural
            let nurse = try await context.signedIn(.nurse)
            let coordinator = try await context.signedIn(.coordinator)
            let physician = try await setUp(context)
            let patient = try await context.makePatient()
            try await nurse.post(SitePath.chartEntries(.medication)(patient.id), pairs: [("drug", "warfarin"), ("strength", "5"), ("unit", "mg"),
                                                                                        ("frequency", "daily"), ("status", "active")])
            // act
            let booked = try await coordinator.post(SitePath.appointments(patient.id), pairs: visit(physician, room: "suite-1", start: "8:00", kind: "procedure") + [
                ("intervention", "esi-transforaminal-lumbar"), ("region", "lumbar"), ("levels", "L4-L5"), ("side", "left")])
            let path = try #require(booked.location)
            let frontDesk = try await coordinator.get(path)
            let clinical = try await nurse.get(path)
            // check
            #expect(booked.status == .seeOther)
            #expect(frontDesk.text.contains("A medicine must be stopped longer before than this day allows: the first day that leaves time is 11/24/2026."))
            #expect(!frontDesk.text.contains("Warfarin"))
            #expect(clinical.text.contains("Warfarin must stop 5 days before; its last dose would have been 11/14/2026, already past: the first day "
                                           + "that leaves time is 11/24/2026."))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aProvidersCalendarFeedShowsTheirAppointmentsByInitialsUntilItIsRemadeOrStopped(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let physicianBrowser = try await context.signedIn(.physician)
            let coordinator = try await context.signedIn(.coordinator)
            let physician = try await setUp(context)
            let patient = try await context.makePatient([.givenName: "Anna", .familyName: "Berg"])
            try await coordinator.post(SitePath.appointments(patient.id), pairs: visit(physician, room: "exam-1", start: "9:00"))
            let anonymous = Browser(app: context.app)
            func address(_ html: String) throws -> String {
                String(try #require(html.firstMatch(of: /<code class="secret">https?:\/\/[^\/<]+(\/calendar\/[^<]+)<\/code>/)).1)
            }
            // act
            let made = try await physicianBrowser.post(SitePath.calendarFeed(), pairs: [])
            let first = try address(made.text)
            let read = try await anonymous.get(first)
            let remade = try await physicianBrowser.post(SitePath.calendarFeed(), pairs: [])
            let second = try address(remade.text)
            let oldOne = try await anonymous.get(first)
            let guessed = try await anonymous.get(SitePath.calendar("feed_0x1F%00.ics"))
            let stopped = try await physicianBrowser.post(SitePath.revokeCalendarFeed(), pairs: [])
            let afterStop = try await anonymous.get(second)
            let frontDesk = try await coordinator.post(SitePath.calendarFeed(), pairs: [])
            // check
            #expect(made.status == .created && first.hasSuffix(".ics"))
            #expect(read.status == .ok && read.headers.contentType?.description.hasPrefix("text/calendar") == true)
            #expect(read.text.contains("SUMMARY:Follow-up visit — A. B. (MRN ") && read.text.contains("DTSTART:20261120T090000"))
            #expect(!read.text.contains("Berg") && read.text.contains("LOCATION:Exam 1\\, Main"))
            #expect(oldOne.status == .notFound && guessed.status == .notFound && stopped.status == .seeOther && afterStop.status == .notFound)
            #expect(frontDesk.status == .seeOther)
            #expect(try await context.auditEvents(.calendarFeedRead).map(\.outcome) == ["success", "failure", "failure", "failure"])
            #expect(try await context.auditEvents(.calendarFeedCreate).count == 2)
            #expect(try await context.auditEvents(.calendarFeedRevoke).count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theAPIBooksMovesAndStepsAppointmentsWithThePagesChecks(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let api = try await APIClient.make(try await context.signedIn(.coordinator))
            let therapistAPI = try await APIClient.make(try await context.signedIn(.therapist))
            let physician = try await setUp(context)
            let patient = try await context.makePatient()
            let list = "/api/v1/patients/\(patient.id)/appointments"
            func visit(_ start: String, date: String = "2026-11-20") -> JSONValue {
                .object(["fields": .object(["kind": "follow-up", "provider": .string(physician.uuidString), "room": "exam-1", "date": .string(date),
                                            "start": .string(start)])])
            }
            // act
            let booked = try await api.send(.POST, list, visit("09:00"))
            let id = try #require(booked.json["id"].string)
            let double = try await api.send(.POST, list, visit("09:15"))
            let usDate = try await api.send(.POST, list, visit("09:00", date: "11/20/2026"))
            let therapistBooks = try await therapistAPI.send(.POST, list, visit("10:00"))
            let moved = try await api.send(.POST, "\(list)/\(id)/move", .object(["version": 1, "fields": visit("11:00")["fields"]]))
            let stale = try await api.send(.POST, "\(list)/\(id)/move", .object(["version": 1, "fields": visit("13:00")["fields"]]))
            let skipped = try await api.send(.POST, "\(list)/\(id)/status", .object(["version": 2, "status": "completed"]))
            let noReason = try await api.send(.POST, "\(list)/\(id)/status", .object(["version": 2, "status": "cancelled"]))
            let cancelled = try await api.send(.POST, "\(list)/\(id)/status", .object(["version": 2, "status": "cancelled", "reason": "Rebooked by phone"]))
            let day = try await therapistAPI.get("/api/v1/appointments?from=2026-11-20&provider=\(physician.uuidString)")
            let tooLong = try await api.get("/api/v1/appointments?from=2026-11-01&to=2026-12-31")
            let noFrom = try await api.get("/api/v1/appointments?to=0x1F")
            // check
            #expect(booked.status == .created && booked.json["start"] == "09:00" && booked.json["end"] == "09:30" && booked.json["fhirStatus"] == "booked")
            #expect(double.status == .unprocessableEntity && double.json["fields"]["provider"].string?.contains("is already booked 9:00 AM") == true)
            #expect(usDate.status == .unprocessableEntity && usDate.json["fields"]["date"] == "Send a date as YYYY-MM-DD.")
            #expect(therapistBooks.status == .forbidden)
            #expect(moved.status == .ok && moved.json["start"] == "11:00" && moved.json["version"] == 2 && stale.status == .conflict)
            #expect(skipped.status == .conflict && noReason.status == .unprocessableEntity)
            #expect(cancelled.status == .ok && cancelled.json["fhirStatus"] == "cancelled" && cancelled.json["reason"] == "Rebooked by phone")
            #expect(day.status == .ok && day.json["appointments"].count == 1 && day.json["appointments"][0]["status"] == "cancelled")
            #expect(tooLong.status == .unprocessableEntity && noFrom.status == .unprocessableEntity && noFrom.json["fields"]["from"] != .null)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aFollowUpVisitsNoteStartsFromItsAppointmentAsAFollowUpAndEndsWithIt(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: today is Wednesday 11/18
            let coordinator = try await context.signedIn(.coordinator)
            let nurse = try await context.signedIn(.nurse)
            let physician = try await setUp(context)
            let patient = try await context.makePatient()
            let today = try #require(try await coordinator.post(SitePath.appointments(patient.id),
                                                                pairs: visit(physician, room: "exam-1", date: "11/18/2026", start: "9:00")).location)
            let friday = try #require(try await coordinator.post(SitePath.appointments(patient.id), pairs: visit(physician, room: "exam-1", start: "9:00")).location)
            // act
            let page = try await nurse.get(today)
            let started = try await nurse.post(today + "/visit-note", pairs: [])
            let again = try await nurse.post(today + "/visit-note", pairs: [])
            let frontDesk = try await coordinator.post(today + "/visit-note", pairs: [])
            let early = try await nurse.post(friday + "/visit-note", pairs: [])
            let inProgress = try await coordinator.get(today)
            let completed = try await coordinator.post(today + "/status", pairs: [("status", "completed"), ("version", try versionField(inProgress.text))])
            // check
            #expect(page.text.contains("Start the follow-up visit note"))
            #expect(started.status == .seeOther && started.location?.hasSuffix("/edit") == true && again.location == started.location)
            #expect(frontDesk.status == .forbidden && early.status == .seeOther && early.location == friday)
            #expect(inProgress.text.contains("In progress") && completed.status == .seeOther)
            let encounters = try await Encounter.query(on: context.app.db).filter(\.$patientID == patient.id).all()
            #expect(encounters.map(\.kind) == ["follow-up"] && encounters.map(\.status) == ["finished"] && encounters.first?.occurredOn == "2026-11-18")
            let record = try #require(try await AppointmentRecord.query(on: context.app.db).filter(\.$status == "completed").first())
            #expect(record.encounterID == encounters.first?.id)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theFrontDeskCallsBookedPatientsOfTheNextTwoWorkingDaysAndAReachedOneIsConfirmed(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: Wednesday 11/18; Anna on Friday, Ben on Monday 11/23 (beyond the two working days)
            let coordinator = try await context.signedIn(.coordinator)
            let therapist = try await context.signedIn(.therapist)
            let physician = try await setUp(context)
            let anna = try await context.makePatient([.givenName: "Anna", .familyName: "Berg", .phone: "(217) 555-0100"])
            let ben = try await context.makePatient([.givenName: "Ben", .familyName: "Cole"])
            let annas = try #require(try await coordinator.post(SitePath.appointments(anna.id), pairs: visit(physician, room: "exam-1", start: "9:00")).location)
            try await coordinator.post(SitePath.appointments(ben.id), pairs: visit(physician, room: "exam-1", date: "11/23/2026", start: "9:00"))
            // act
            let list = try await coordinator.get(SitePath.reminderCalls())
            let message = try await coordinator.post(annas + "/reminder", pairs: [("outcome", "left-message"), ("note", "Voicemail"), ("version", "1")])
            let therapistRecords = try await therapist.post(annas + "/reminder", pairs: [("outcome", "confirmed"), ("version", "1")])
            let stale = try await coordinator.post(annas + "/reminder", pairs: [("outcome", "confirmed"), ("version", "7")])
            let afterMessage = try await coordinator.get(SitePath.reminderCalls())
            let reached = try await coordinator.post(annas + "/reminder", pairs: [("outcome", "confirmed"), ("version", "1")])
            let after = try await coordinator.get(SitePath.reminderCalls())
            // check
            #expect(list.text.contains("Berg, Anna") && list.text.contains("(217) 555-0100") && !list.text.contains("Cole, Ben"))
            #expect(message.status == .seeOther && therapistRecords.status == .forbidden && stale.status == .seeOther)
            #expect(afterMessage.text.contains("left a message: Voicemail"))
            #expect(reached.status == .seeOther && after.text.contains("No one to call."))
            let status = try await AppointmentRecord.query(on: context.app.db).filter(\.$patientID == anna.id).first()?.status
            #expect(status == "confirmed")
            let sql = context.app.db.sql
            for statement in ["UPDATE appointment_contacts SET note = 'x'", "DELETE FROM appointment_contacts"] {
                await #expect(throws: (any Error).self, "\(statement)") { try await sql.raw(SQLQueryString(statement)).run() }
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoDesksBookingOneSlotAtOnceGetOneBooking(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let first = try await context.signedIn(.coordinator, email: "desk1@test.relief")
            let second = try await context.signedIn(.nurse, email: "desk2@test.relief")
            let physician = try await setUp(context)
            let anna = try await context.makePatient([.givenName: "Anna", .familyName: "Berg"])
            let ben = try await context.makePatient([.givenName: "Ben", .familyName: "Cole"])
            // act
            async let one = first.post(SitePath.appointments(anna.id), pairs: visit(physician, room: "exam-1", start: "9:00"))
            async let two = second.post(SitePath.appointments(ben.id), pairs: visit(physician, room: "exam-2", start: "9:00"))
            let statuses = [try await one.status, try await two.status]
            // check
            #expect(statuses.sorted { $0.code < $1.code } == [.seeOther, .unprocessableEntity])
            #expect(try await AppointmentRecord.query(on: context.app.db).count() == 1)
        }
    }
}
