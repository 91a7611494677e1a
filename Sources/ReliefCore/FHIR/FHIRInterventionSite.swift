import Foundation

/// Where a procedure is done, as a Procedure or ServiceRequest carries it: the intervention in `code`, the region and
/// side coded in `bodySite` with the place in words. Read back from Relief's own codes, or from another system's CPT
/// code and site text.
public enum FHIRInterventionSite {
    /// `bodySite` for a site: its region and side coded, the region, levels and side in words.
    public static func bodySite(_ site: InterventionSite) -> JSONValue {
        let side = site.side.map { [FHIR.coding(FHIR.System.laterality, $0.rawValue, $0.title)] } ?? []
        return [FHIR.concept([FHIR.coding(FHIR.System.bodyRegion, site.region.rawValue, site.region.title)] + side, text: site.placeText)]
    }

    /// Every site `code` and `bodySite` may mean: Relief's intervention id when coded, else every intervention billed
    /// under its CPT code (64483 is both a transforaminal epidural and a selective nerve root block); the region
    /// coded, or named in the text, or that of the first level, among those the code covers; levels and side from
    /// `bodySite`.
    public static func sites(code: [String: JSONValue]?, bodySite: [JSONValue]) -> [InterventionSite] {
        let codings = (code?["coding"]?.array ?? []).compactMap(\.object)
        let ids = codings.filter { $0["system"]?.string == FHIR.System.intervention }.compactMap { $0["code"]?.string }
        let cpt = Set(codings.filter { $0["system"]?.string == FHIR.System.cpt }.compactMap { $0["code"]?.string })
        let matches: [(Intervention, Billing?)] = ids.isEmpty
            ? InterventionCatalogue.all.flatMap { intervention in
                intervention.billing.filter { billing in (billing.perLevel.prefix(1) + billing.once).contains { !$0.isAddOn && cpt.contains($0.code) } }
                    .map { (intervention, Optional($0)) }
            }
            : ids.compactMap(InterventionCatalogue.intervention).map { ($0, nil) }
        let sites = bodySite.compactMap(\.object)
        let siteCodings = sites.flatMap { ($0["coding"]?.array ?? []).compactMap(\.object) }
        func coded(_ system: String) -> [String] { siteCodings.filter { $0["system"]?.string == system }.compactMap { $0["code"]?.string } }
        let words = sites.compactMap { $0["text"]?.string }.flatMap { $0.split(whereSeparator: { ", ;".contains($0) }).map(String.init) }
        let levels = words.compactMap(ProcedureLevel.init)
        let side = coded(FHIR.System.laterality).compactMap(Laterality.init).first ?? words.compactMap { Laterality(rawValue: $0.lowercased()) }.first
        let named = coded(FHIR.System.bodyRegion).compactMap(BodyArea.init) + words.compactMap { BodyArea(rawValue: $0.lowercased()) }
        return matches.compactMap { intervention, billing in
            let regions = billing.map { Array($0.regions) } ?? intervention.regions
            let region = named.first { regions.contains($0) } ?? levels.first.map(\.area).flatMap { area in regions.contains(area) ? area : nil }
                ?? regions.sorted { $0.rawValue < $1.rawValue }.first
            return region.map { InterventionSite(intervention: intervention, region: $0, levels: levels, side: side) }
        }
    }
}
