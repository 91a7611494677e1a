import Foundation
import ReliefCore
import Vapor

/// The scheduling set-up, kept by the administrator and the front desk: each form changes one part and saves the
/// whole set-up under its version, so two people editing at once get a conflict rather than losing a change.
enum ScheduleSettingsController {
    static func show(req: Request) async throws -> Response {
        var model = try await model(req)
        if let id = req.queryText("room"), let room = model.settings.room(id) {
            model.room = room.id
            model.roomForm.fields = room.fields
        }
        model.provider = model.providers.first { $0.id == req.queryText("provider").flatMap(UUID.init(uuidString:)) }
        if let provider = model.provider { model.hours.fields = (model.settings.hours(of: provider.id) ?? ProviderHours(providerID: provider.id)).shiftFields }
        return render(req, model)
    }

    static func saveRoom(req: Request) async throws -> Response {
        var model = try await model(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let (room, problems) = Room.parse(fields, rooms: model.settings.rooms, today: req.today)
        model.room = fields["room"].isEmpty ? nil : fields["room"]
        model.roomForm = .init(fields: fields, problems: problems)
        guard let room else { return render(req, model, status: .unprocessableEntity) }
        var settings = model.settings
        settings.rooms.removeAll { $0.id == room.id }
        settings.rooms.append(room)
        return try await save(req, settings, fields, &model, done: "Saved \(room.name).")
    }

    static func saveLengths(req: Request) async throws -> Response {
        var model = try await model(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let (durations, problems) = ScheduleSettings.parseDurations(fields, today: req.today)
        model.lengths = .init(fields: fields, problems: problems)
        guard let durations else { return render(req, model, status: .unprocessableEntity) }
        var settings = model.settings
        settings.durations = durations
        return try await save(req, settings, fields, &model, done: "Saved the appointment lengths.")
    }

    static func saveHours(req: Request) async throws -> Response {
        try await changeProvider(req, form: \.hours, done: "Saved the week.") { fields, hours in
            let (shifts, problems) = ProviderHours.parseShifts(fields, today: req.today)
            if let shifts { hours.shifts = shifts }
            return problems
        }
    }

    static func addTimeOff(req: Request) async throws -> Response {
        // Bookings already in the time off stay; the message says how many to move.
        let typed = FormFields(urlEncoded: req.body.string ?? "")
        var booked = 0
        if let away = TimeOff.parse(typed, today: req.today).0, let provider = UUID(uuidString: typed["provider"]) {
            booked = try await AppointmentQueries.between(away.from, away.to, provider: provider, on: req.db)
                .filter { AppointmentStatus(rawValue: $0.0.status)?.holdsTime == true }.count
        }
        let done = "Added the time off." + (booked == 0 ? "" : " \(booked) booked appointment\(booked == 1 ? " falls" : "s fall") in it: move "
            + (booked == 1 ? "it" : "them") + " from the provider's week on the schedule.")
        return try await changeProvider(req, form: \.timeOff, done: done) { fields, hours in
            let (away, problems) = TimeOff.parse(fields, today: req.today)
            if let away { hours.timeOff.append(away) }
            return problems
        }
    }

    static func removeTimeOff(req: Request) async throws -> Response {
        try await changeProvider(req, form: \.timeOff, done: "Removed the time off.") { fields, hours in
            hours.timeOff.removeAll { $0.from == CalendarDate(fields["from"]) && $0.to == CalendarDate(fields["to"]) }
            return [:]
        }
    }

    // MARK: - Helpers

    private static func model(_ req: Request) async throws -> ScheduleSettingsPage.Model {
        let snapshot = try await PracticeSettings.snapshot(on: req.db)
        return ScheduleSettingsPage.Model(settings: snapshot.schedule, version: snapshot.scheduleVersion,
                                          providers: try await AppointmentQueries.providers(on: req.db), today: req.today,
                                          lengths: .init(fields: snapshot.schedule.durationFields), adminTabs: try req.user.can(.userManage))
    }

    /// A change to one listed provider's hours: `change` applies the form to them or returns its problems, shown on
    /// the `form` it came from with the provider's week.
    private static func changeProvider(_ req: Request, form: WritableKeyPath<ScheduleSettingsPage.Model, ScheduleSettingsPage.Form>, done: String,
                                       _ change: (FormFields, inout ProviderHours) -> [String: String]) async throws -> Response {
        var model = try await model(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        let provider = try chosen(model, fields)
        var hours = model.settings.hours(of: provider.id) ?? ProviderHours(providerID: provider.id)
        model.provider = provider
        model.hours.fields = hours.shiftFields
        let problems = change(fields, &hours)
        model[keyPath: form] = .init(fields: fields, problems: problems)
        guard problems.isEmpty else { return render(req, model, status: .unprocessableEntity) }
        return try await save(req, model.settings.replacing(hours), fields, &model, done: "\(provider.name): " + done.prefix(1).lowercased() + done.dropFirst(),
                              provider: provider.id)
    }

    private static func chosen(_ model: ScheduleSettingsPage.Model, _ fields: FormFields) throws -> AppointmentQueries.Provider {
        guard let provider = model.providers.first(where: { $0.id == UUID(uuidString: fields["provider"]) && !$0.disabled }) else {
            throw Abort(.unprocessableEntity, reason: "Choose one of the listed providers.")
        }
        return provider
    }

    private static func save(_ req: Request, _ settings: ScheduleSettings, _ fields: FormFields, _ model: inout ScheduleSettingsPage.Model,
                             done: String, provider: UUID? = nil) async throws -> Response {
        guard let version = Int(fields["version"]) else { throw Abort(.badRequest, reason: "The form is missing its version.") }
        guard try await PracticeSettings.save(settings, from: version, by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit) else {
            model.conflict = "Someone else changed the schedule set-up while you were editing: the page shows theirs, and nothing of yours was saved."
            return render(req, model, status: .conflict)
        }
        return req.redirect(to: ScheduleSettingsPage.link(provider: provider), flash: Flash(.success, done))
    }

    private static func render(_ req: Request, _ model: ScheduleSettingsPage.Model, status: HTTPStatus = .ok) -> Response {
        req.page("Schedule set-up", section: model.adminTabs ? .admin : .schedule, status: status, ScheduleSettingsPage.render(model, csrfToken: req.csrfToken))
    }
}
