import Foundation

/// A search of one patient's clinical resources as asked: `patient` (or `_id`), each of the type's parameters, paging
/// and what else to return, each value checked, or the parameter at fault with why. Tokens take `code`,
/// `system|code`, `|code` and `system|`, several separated by commas (any may match); dates take FHIR's prefixes
/// (eq, ne, lt, le, gt, ge, sa, eb) before a year, month, day or instant, and may be given twice (a range); any
/// other repeated parameter must match too. Results go in id order, a page after the last id of the previous one.
public struct FHIRSearch: Sendable {
    public enum Comparison: String, CaseIterable, Sendable { case eq, ne, lt, le, gt, ge, sa, eb }

    public let type: FHIRResourceType
    public var patientID: UUID?
    public var ids: Set<String>?
    public var tokens: [(name: String, anyOf: [(system: String?, code: String?)])] = []
    public var dates: [(name: String, comparison: Comparison, period: FHIRPeriod)] = []
    /// String parameters, folded: a value matches when it starts with one of these.
    public var strings: [(name: String, anyOf: [String])] = []
    public var count = 50
    public var after: String?
    /// `_summary=count`: the total alone.
    public var countOnly = false
    /// `_include=Type:patient`: the Patient in the bundle beside the matches.
    public var includesPatient = false
    /// `_revinclude=Provenance:target`: who signed the matches, beside them.
    public var includesProvenance = false
    /// The parameters as accepted, without the cursor, for the bundle's links.
    public private(set) var parameters: [(String, String)] = []

    public static let maximumCount = 200

    public struct Problem: Error, Sendable {
        public let parameter: String
        public let message: String
    }

    init(type: FHIRResourceType) { self.type = type }

    public static func parse(_ type: FHIRResourceType, _ pairs: [(String, String)], timeZone: TimeZone) -> Result<FHIRSearch, Problem> {
        var search = FHIRSearch(type: type)
        var seen = Set<String>()
        for (name, value) in pairs {
            let problem = { (message: String) in Problem(parameter: name, message: message) }
            guard !value.isEmpty, value.count <= 400, !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                return .failure(problem("Give \(name) a value of visible characters."))
            }
            let parameter = type.searchParameter(name)
            guard seen.insert(name).inserted || parameter != nil else { return .failure(problem("Give \(name) once.")) }
            switch (name, parameter?.kind) {
            case ("patient", _) where type.isPatientScoped:
                let text = value.hasPrefix("Patient/") ? String(value.dropFirst(8)) : value
                guard let id = UUID(uuidString: text) else { return .failure(problem("patient is a Patient id, or Patient/ and the id.")) }
                search.patientID = id
            case ("_id", _):
                let ids = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard ids.allSatisfy(FHIR.isID) else { return .failure(problem("_id is one or more ids, separated by commas.")) }
                search.ids = Set(ids.map { UUID(uuidString: $0)?.lowercasedText ?? $0 })
            case ("_count", _):
                guard let count = Int(value), (1...maximumCount).contains(count) else {
                    return .failure(problem("_count is a whole number from 1 to \(maximumCount)."))
                }
                search.count = count
            case ("_cursor", _):
                guard FHIR.isID(value) else { return .failure(problem("Follow the next link as given.")) }
                search.after = value
                continue
            case ("_summary", _):
                guard value == "count" else { return .failure(problem("_summary=count is served; every other search returns whole resources.")) }
                // The trail is read a page at a time; counting it whole is not offered.
                guard type != .auditEvent else { return .failure(problem("AuditEvent is read page by page; _summary=count is not served for it.")) }
                search.countOnly = true
            case ("_include", _) where type.isPatientScoped:
                guard value == "\(type.rawValue):patient" else { return .failure(problem("\(type.rawValue) includes \(type.rawValue):patient.")) }
                search.includesPatient = true
            case ("_revinclude", _) where type.isPatientScoped && type != .provenance:
                guard value == "Provenance:target" else { return .failure(problem("\(type.rawValue) reverse-includes Provenance:target.")) }
                search.includesProvenance = true
            case (_, .token?):
                let alternatives = value.split(separator: ",", omittingEmptySubsequences: false).map { token -> (String?, String?) in
                    let parts = token.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                    if parts.count == 1 { return (nil, parts[0]) }
                    return (parts[0], parts[1].isEmpty ? nil : parts[1])
                }
                guard alternatives.allSatisfy({ system, code in code.map { !$0.isEmpty } ?? (system?.isEmpty == false) }) else {
                    return .failure(problem("\(name) is a code, system|code, |code or system|, several separated by commas."))
                }
                search.tokens.append((name, alternatives.map { (system: $0.0, code: $0.1) }))
            case (_, .string?):
                search.strings.append((name, value.split(separator: ",").map { SearchKey.fold(String($0)) }))
            case (_, .date?):
                let prefix = Comparison(rawValue: String(value.prefix(2)))
                guard let period = Self.period(prefix == nil ? value : String(value.dropFirst(2)), timeZone: timeZone) else {
                    return .failure(problem("\(name) is a year, YYYY-MM, YYYY-MM-DD or an instant with its time zone, after an optional prefix (eq, ne, lt, le, gt, ge, sa, eb)."))
                }
                search.dates.append((name, prefix ?? .eq, period))
            default:
                let names = (type.isPatientScoped ? ["patient", "_id"] : ["_id"]) + type.searchParameters.map(\.name) + ["_count", "_summary", "_include", "_revinclude"]
                return .failure(problem("\(type.rawValue) is searched by \(names.joined(separator: ", "))."))
            }
            search.parameters.append((name, value))
        }
        guard !type.isPatientScoped || search.patientID != nil || search.ids != nil else {
            return .failure(Problem(parameter: "patient", message: "Search \(type.rawValue) for one patient (patient=…) or by _id; the whole practice leaves by $export."))
        }
        return .success(search)
    }

    /// The page asked for out of all the matches in id order: those after the cursor, `count` of them, and the id the
    /// next page starts after when more follow.
    public func page(of matches: [FHIRRecord]) -> (page: [FHIRRecord], next: String?) {
        let page = Array(matches.drop { record in after.map { record.id <= $0 } ?? false }.prefix(count))
        return (page, page.count == count && page.last?.id != matches.last?.id ? page.last?.id : nil)
    }

    /// Whether a record of the searched type is one the search asks for.
    public func matches(_ record: FHIRRecord) -> Bool {
        guard record.type == type, patientID.map({ $0 == record.patientID }) ?? true, ids.map({ $0.contains(record.id) }) ?? true else { return false }
        let tokensMatch = tokens.allSatisfy { name, alternatives in
            let values = record.tokens[name] ?? []
            return alternatives.contains { system, code in
                values.contains { ($0.code == code || code == nil) && (system == nil || $0.system == (system!.isEmpty ? nil : system)) }
            }
        }
        let stringsMatch = strings.allSatisfy { name, starts in (record.texts[name] ?? []).contains { text in starts.contains { text.hasPrefix($0) } } }
        return tokensMatch && stringsMatch && dates.allSatisfy { name, comparison, period in
            record.periods[name].map { Self.compare($0, comparison, period) } ?? false
        }
    }

    /// FHIR's date comparison of a record's span against the value's span (both half-open).
    static func compare(_ target: FHIRPeriod, _ comparison: Comparison, _ value: FHIRPeriod) -> Bool {
        let within = value.start <= target.start && target.end <= value.end
        switch comparison {
        case .eq: return within
        case .ne: return !within
        case .gt: return target.end > value.end
        case .lt: return target.start < value.start
        case .ge: return within || target.end > value.end
        case .le: return within || target.start < value.start
        case .sa: return target.start >= value.end
        case .eb: return target.end <= value.start
        }
    }

    /// The span a date parameter names: a year, a month, a day (in the practice's time zone) or an instant to the
    /// second or millisecond given.
    static func period(_ text: String, timeZone: TimeZone) -> FHIRPeriod? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if text.count == 4, let year = Int(text), let first = CalendarDate(year: year, month: 1, day: 1), let next = CalendarDate(year: year + 1, month: 1, day: 1) {
            return FHIRPeriod(start: FHIRPeriod.midnight(first, timeZone), end: FHIRPeriod.midnight(next, timeZone))
        }
        if text.count == 7, parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), let first = CalendarDate(year: year, month: month, day: 1) {
            let next = month == 12 ? CalendarDate(year: year + 1, month: 1, day: 1) : CalendarDate(year: year, month: month + 1, day: 1)
            return next.map { FHIRPeriod(start: FHIRPeriod.midnight(first, timeZone), end: FHIRPeriod.midnight($0, timeZone)) }
        }
        if text.count == 10, let day = CalendarDate(text) { return .day(day, in: timeZone) }
        guard text.count > 10, text.contains("T") else { return nil }
        let formatter = ISO8601DateFormatter()
        let fractional = text.contains(".")
        formatter.formatOptions = fractional ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        guard let instant = formatter.date(from: text) else { return nil }
        return FHIRPeriod(start: instant, end: instant.addingTimeInterval(fractional ? 0.001 : 1))
    }
}
