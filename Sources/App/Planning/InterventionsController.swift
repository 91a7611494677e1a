import ReliefCore
import Vapor

/// The intervention catalogue for staff: the list, narrowed by kind of pain and region, and each entry in full.
enum InterventionsController {
    static func index(req: Request) async throws -> Response {
        let (filter, entries) = InterventionQueries.filtered(req)
        let status: HTTPStatus = filter.problems.isEmpty ? .ok : .badRequest
        return req.page("Interventions", section: .interventions, status: status, InterventionPages.index(filter: filter, entries: entries))
    }

    static func show(req: Request) async throws -> Response {
        let entry = try InterventionQueries.intervention(req)
        return req.page(entry.name, section: .interventions, InterventionPages.show(entry))
    }
}
