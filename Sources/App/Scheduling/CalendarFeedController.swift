import Foundation
import Plot
import ReliefCore
import Vapor

/// A provider's calendar feed: a secret address their phone or desktop calendar subscribes to, made (and remade, which
/// closes the old one) or stopped on its page; the feed itself is read without a session.
enum CalendarFeedController {
    /// What a feed holds: a month back and half a year ahead.
    static let daysBack = 30, daysAhead = 183

    static func show(req: Request) async throws -> Response {
        try await page(req, address: nil)
    }

    static func create(req: Request) async throws -> Response {
        let user = try req.user
        guard AppointmentQueries.providerRoles.contains(user.role) else {
            return req.redirect(to: SitePath.calendarFeed(), flash: Flash(.warning, "Only providers who are booked have a calendar feed."))
        }
        let feed = try await req.db.writeTransaction { database in
            let feed = try await CalendarFeeds.create(userID: user.id, now: req.now, on: database)
            try await req.audit(AuditEntry(action: .calendarFeedCreate, resourceType: "CalendarFeed", resourceID: feed.id.uuidString), on: database)
            return feed
        }
        return try await page(req, address: req.absoluteURL(SitePath.calendar(feed.secret + ".ics")), status: .created)
    }

    static func revoke(req: Request) async throws -> Response {
        let user = try req.user
        let stopped = try await req.db.writeTransaction { database in
            guard try await CalendarFeeds.revoke(userID: user.id, now: req.now, on: database) else { return false }
            try await req.audit(AuditEntry(action: .calendarFeedRevoke, resourceType: "CalendarFeed"), on: database)
            return true
        }
        return req.redirect(to: SitePath.calendarFeed(), flash: stopped ? Flash(.success, "Stopped: calendars using the address get nothing from now on.")
                                                                    : Flash(.warning, "There was no feed to stop."))
    }

    /// The feed: the provider's appointments with the patient's initials and MRN only, as calendars sync to phones.
    static func feed(req: Request) async throws -> Response {
        let secret = (req.text(.feed) ?? "").replacingOccurrences(of: ".ics", with: "")
        guard let feed = try await CalendarFeeds.find(secret: secret, on: req.db) else {
            try await req.audit(AuditEntry(action: .calendarFeedRead, resourceType: "CalendarFeed", outcome: .failure,
                                           detail: "an address that opens no feed"))
            throw Abort(.notFound, reason: "No such calendar.")
        }
        let rows = try await AppointmentQueries.between(req.today.adding(days: -daysBack), req.today.adding(days: daysAhead), provider: feed.userID, on: req.db)
        try await CalendarFeeds.touch(feed.id, now: req.now, on: req.db)
        try await req.audit(AuditEntry(action: .calendarFeedRead, resourceType: "Appointment", detail: "calendar feed of \(rows.count)",
                                       userID: feed.userID))
        let directory = try await ScheduleDirectory.load(on: req.db)
        let events = rows.compactMap { record, patient -> ICalendar.Event? in
            guard let appointment = record.decoded() else { return nil }
            let initials = [patient.givenName, patient.familyName].compactMap { $0.first.map { "\($0)." } }.joined(separator: " ")
            return ICalendar.Event(uid: "\(appointment.id.lowercasedText)@relief", date: appointment.date, time: appointment.time,
                                   summary: "\(appointment.what) — \(initials) (MRN \(patient.mrn))",
                                   location: appointment.roomID.flatMap { directory.settings.room($0)?.label } ?? "",
                                   cancelled: !appointment.status.holdsTime, sequence: record.version)
        }
        let response = Response(status: .ok, body: .init(string: ICalendar.render(name: "Relief: \(directory.names[feed.userID] ?? "schedule")",
                                                                                  events: events, stamp: req.now)))
        response.headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        return response
    }

    private static func page(_ req: Request, address: String?, status: HTTPStatus = .ok) async throws -> Response {
        let user = try req.user
        let live = try await CalendarFeeds.live(userID: user.id, on: req.db)
        let model = CalendarFeedPage.Model(isProvider: AppointmentQueries.providerRoles.contains(user.role), address: address,
                                           live: live.map { ($0.hint, req.displayTime($0.createdAt), $0.lastUsedAt.map(req.displayTime) ?? "Not yet") })
        return req.page("Calendar feed", section: .schedule, status: status, CalendarFeedPage.render(model, csrfToken: req.csrfToken))
    }
}
