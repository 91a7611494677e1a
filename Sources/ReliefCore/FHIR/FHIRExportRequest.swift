import Foundation

/// A Bulk Data export as asked (FHIR Bulk Data Access 2.0): the level (the whole practice, every patient, or a
/// group), the types (all a level holds, or `_type`), resources changed since `_since`, NDJSON only.
public struct FHIRExportRequest: Codable, Equatable, Sendable {
    public enum Level: String, Codable, Sendable { case system, patient, group }

    public let level: Level
    public let groupID: String?
    public let types: [String]
    public let since: Date?

    public var resourceTypes: [FHIRResourceType] { types.compactMap(FHIRResourceType.init(rawValue:)) }

    /// What a level holds: the practice's own resources only at system level.
    public static func types(for level: Level) -> [FHIRResourceType] {
        // The audit trail is read by auditors through search, not carried off whole with the records.
        FHIRResourceType.allCases.filter { (level == .system || $0 == .patient || $0.isPatientScoped) && $0 != .auditEvent }
    }

    /// A POST kick-off's Parameters resource as the same name–value pairs a GET's query gives: each parameter's
    /// value (string, code, instant, dateTime) under its name; `_type` may come once per type.
    public static func pairs(fromParameters json: JSONValue) -> Result<[(String, String)], FHIRSearch.Problem> {
        guard json.object?["resourceType"]?.string == "Parameters" else {
            return .failure(FHIRSearch.Problem(parameter: "resourceType", message: "A POST kick-off sends a Parameters resource."))
        }
        var pairs: [(String, String)] = []
        for parameter in (json.object?["parameter"]?.array ?? []).compactMap(\.object) {
            let name = parameter["name"]?.string ?? ""
            let values = ["valueString", "valueCode", "valueInstant", "valueDateTime", "valueUri"].compactMap { parameter[$0]?.string }
            guard let value = values.first else { return .failure(FHIRSearch.Problem(parameter: name, message: "Give \(name) a string, code or instant value.")) }
            if name == "_type", let index = pairs.firstIndex(where: { $0.0 == "_type" }) {
                pairs[index].1 += "," + value
            } else {
                pairs.append((name, value))
            }
        }
        return .success(pairs)
    }

    public static func parse(_ level: Level, groupID: String? = nil, _ pairs: [(String, String)]) -> Result<FHIRExportRequest, FHIRSearch.Problem> {
        var types = types(for: level)
        var since: Date?
        var seen = Set<String>()
        for (name, value) in pairs {
            let problem = { (message: String) in FHIRSearch.Problem(parameter: name, message: message) }
            guard seen.insert(name).inserted else { return .failure(problem("Give \(name) once.")) }
            switch name {
            case "_outputFormat":
                guard ["application/fhir+ndjson", "application/ndjson", "ndjson"].contains(value) else {
                    return .failure(problem("Exports are NDJSON (application/fhir+ndjson)."))
                }
            case "_type":
                let asked = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                let unknown = asked.filter { name in !types.contains { $0.rawValue == name } }
                guard unknown.isEmpty, !asked.isEmpty else {
                    return .failure(problem("This export holds \(types.map(\.rawValue).joined(separator: ", ")); not \(unknown.joined(separator: ", "))."))
                }
                types = types.filter { asked.contains($0.rawValue) }
            case "_since":
                guard value.contains("T"), let period = FHIRSearch.period(value, timeZone: TimeZone(identifier: "UTC")!) else {
                    return .failure(problem("_since is an instant with its time zone, e.g. 2026-11-01T00:00:00Z."))
                }
                since = period.start
            default:
                return .failure(problem("\(name) is not supported; an export takes _outputFormat, _type and _since."))
            }
        }
        return .success(FHIRExportRequest(level: level, groupID: groupID, types: types.map(\.rawValue), since: since))
    }
}
