import ReliefCore
import Vapor

/// Reads the intervention catalogue for routes: it is ReliefCore data, so there is no database query, only the
/// route's id to look up.
enum InterventionQueries {
    /// The entry the route's `:intervention` names, or 404.
    static func intervention(_ req: Request) throws -> Intervention {
        guard let id = req.text(.intervention), let entry = InterventionCatalogue.intervention(id) else {
            throw Abort(.notFound, reason: "No such intervention in the catalogue.")
        }
        return entry
    }

    /// The catalogue narrowed to a kind of pain and a body region, each optional; unknown values are problems for
    /// the filter's fields.
    static func filtered(_ req: Request) -> (filter: InterventionPages.Filter, entries: [Intervention]) {
        var filter = InterventionPages.Filter(pain: req.queryText("pain") ?? "", region: req.queryText("region") ?? "")
        let pain = PainKind(rawValue: filter.pain)
        let region = BodyArea(rawValue: filter.region)
        if !filter.pain.isEmpty, pain == nil { filter.problems["pain"] = "Choose a kind of pain from the list." }
        if !filter.region.isEmpty, region == nil { filter.problems["region"] = "Choose a region from the list." }
        let entries = InterventionCatalogue.all.filter { entry in
            (pain.map(entry.indications.contains) ?? true) && (region.map(entry.regions.contains) ?? true)
        }
        return (filter, entries)
    }
}
