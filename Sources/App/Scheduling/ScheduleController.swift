import Plot
import ReliefCore
import Vapor

/// The practice's day, every provider's (or room's) appointments side by side, or one provider's week.
enum ScheduleController {
    static func day(req: Request) async throws -> Response {
        let typed = req.queryText("date") ?? ""
        let date = CalendarDate(typed) ?? req.today
        let view = req.queryText("view").flatMap(SchedulePage.View.init) ?? .providers
        let provider = req.queryText("provider").flatMap(UUID.init(uuidString:))
        let (first, last) = view == .week ? (ScheduleDirectory.monday(of: date), ScheduleDirectory.monday(of: date).adding(days: 6)) : (date, date)
        let rows = view == .week && provider == nil ? [] : try await AppointmentQueries.between(first, last, provider: view == .week ? provider : nil, on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "Appointment", detail: "schedule of \(first) to \(last) with \(rows.count)"))
        var model = try await ScheduleDirectory.load(on: req.db).schedule(date, view: view, provider: provider, rows: rows, today: req.today)
        model.canSetUp = try req.user.can(.scheduleSettings)
        let notice: [BodyNode] = typed.isEmpty || CalendarDate(typed) != nil ? []
            : [.tag("p", [("class", "notice warning"), ("role", "alert")], text: "Enter the day as MM/DD/YYYY; showing today.")]
        return req.page("Schedule", section: .schedule, notice + SchedulePage.render(model))
    }
}
