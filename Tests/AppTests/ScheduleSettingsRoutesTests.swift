import Fluent
import Foundation
import ReliefCore
import Testing
import VaporTesting
@testable import App

/// The schedule set-up: the front desk adds rooms, changes lengths, sets a provider's week and time off, each under
/// the set-up's version; the booking form then follows what was set.
@Suite struct ScheduleSettingsRoutesTests {
    @Test(arguments: TestDatabase.available)
    func theFrontDeskSetsUpRoomsLengthsAndHoursThatBookingThenFollows(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let coordinator = try await context.signedIn(.coordinator)
            let admin = try await context.signedIn(.admin)
            let therapist = try await context.signedIn(.therapist)
            let physician = try await context.makeUser(.physician).requireID()
            let patient = try await context.makePatient()
            let start = try await coordinator.get(SitePath.scheduleSettings())
            let version = try versionField(start.text)
            // act
            let room = try await coordinator.post(SitePath.scheduleRooms(), pairs: [("version", version), ("name", "Suite A"), ("location", "Main"),
                                                                                   ("kind", "procedure-suite"), ("capabilities", "fluoroscopy")])
            let stale = try await coordinator.post(SitePath.scheduleLengths(), pairs: [("version", version), ("minutes.follow-up", "20")])
            let fresh = try await coordinator.get(SitePath.scheduleSettings() + "?provider=\(physician.uuidString)")
            let lengths = try await coordinator.post(SitePath.scheduleLengths(), pairs: [("version", try versionField(fresh.text)), ("minutes.follow-up", "20")])
            let week = try await coordinator.post(SitePath.scheduleHours(), pairs: [
                ("version", String(Int(try versionField(fresh.text))! + 1)), ("provider", physician.uuidString), ("friday", "8:00-12:00")])
            let badWeek = try await coordinator.post(SitePath.scheduleHours(), pairs: [
                ("version", String(Int(try versionField(fresh.text))! + 2)), ("provider", physician.uuidString), ("friday", "12:00-8:00")])
            let away = try await coordinator.post(SitePath.scheduleTimeOff(), pairs: [
                ("version", String(Int(try versionField(fresh.text))! + 2)), ("provider", physician.uuidString), ("from", "11/27/2026"), ("to", "11/27/2026"),
                ("note", "Day off")])
            let notAProvider = try await coordinator.post(SitePath.scheduleTimeOff(), pairs: [("version", "1"), ("provider", UUID().uuidString)])
            let therapistTries = try await therapist.get(SitePath.scheduleSettings())
            let adminSees = try await admin.get(SitePath.scheduleSettings())
            let friday = try await coordinator.post(SitePath.appointments(patient.id), pairs: [
                ("kind", "follow-up"), ("provider", physician.uuidString), ("room", "suite-a"), ("date", "11/20/2026"), ("start", "11:30")])
            let lateFriday = try await coordinator.post(SitePath.appointments(patient.id), pairs: [
                ("kind", "follow-up"), ("provider", physician.uuidString), ("room", "suite-a"), ("date", "11/20/2026"), ("start", "11:55")])
            let dayOff = try await coordinator.post(SitePath.appointments(patient.id), pairs: [
                ("kind", "follow-up"), ("provider", physician.uuidString), ("room", "suite-a"), ("date", "11/27/2026"), ("start", "9:00")])
            let awayOnFriday = try await coordinator.post(SitePath.scheduleTimeOff(), pairs: [
                ("version", String(Int(try versionField(fresh.text))! + 3)), ("provider", physician.uuidString), ("from", "11/20/2026"), ("to", "11/20/2026")])
            let told = try await coordinator.get(try #require(awayOnFriday.location))
            // check
            #expect(told.text.contains("added the time off. 1 booked appointment falls in it: move it from the provider&#39;s week on the schedule."))
            #expect(room.status == .seeOther && stale.status == .conflict && stale.text.contains("Someone else changed the schedule set-up"))
            #expect(lengths.status == .seeOther && week.status == .seeOther && away.status == .seeOther)
            #expect(badWeek.status == .unprocessableEntity && badWeek.text.contains("12:00 PM to 8:00 AM: a stretch must end after it starts."))
            #expect(notAProvider.status == .unprocessableEntity)
            #expect(therapistTries.status == .forbidden && adminSees.status == .ok && adminSees.text.contains("Staff accounts"))
            let settings = try await PracticeSettings.schedule(on: context.app.db)
            #expect(settings.rooms.map(\.id) == ["suite-a"] && settings.minutes(for: .followUp) == 20)
            #expect(settings.hours(of: physician)?.shifts.count == 1 && settings.hours(of: physician)?.timeOff.first?.note == "Day off")
            #expect(friday.status == .seeOther, "11:30–11:50 with the practice's 20 minutes ends within the morning")
            #expect(lateFriday.status == .unprocessableEntity && lateFriday.text.contains("11:55 AM–12:15 PM is outside Test Physician"))
            #expect(dayOff.status == .unprocessableEntity && dayOff.text.contains("is away 11/27/2026–11/27/2026 (Day off)"))
            #expect(try await context.auditEvents(.settingsUpdate).count == 5)
        }
    }
}
