import Foundation

/// A FHIR Patient search as asked: each parameter read and checked, or the parameter at fault with why. Strings match
/// as FHIR's default does (starts with, ignoring case and accents); a birth date takes the prefixes eq, ne, lt, le,
/// gt and ge; paging goes by the last id returned (`_cursor`), so a page's `next` stays right while patients are added.
public struct FHIRPatientSearch: Equatable, Sendable {
    public enum Comparison: String, Sendable { case eq, ne, lt, le, gt, ge }

    public var id: UUID?
    public var mrn: String?
    public var name: String?
    public var family: String?
    public var given: String?
    public var birthDate: (Comparison, CalendarDate)?
    public var sexAtBirth: String?
    public var count = 50
    public var after: UUID?

    public static let maximumCount = 200

    public init() {}

    public static func == (lhs: FHIRPatientSearch, rhs: FHIRPatientSearch) -> Bool {
        lhs.id == rhs.id && lhs.mrn == rhs.mrn && lhs.name == rhs.name && lhs.family == rhs.family && lhs.given == rhs.given
            && lhs.birthDate?.0 == rhs.birthDate?.0 && lhs.birthDate?.1 == rhs.birthDate?.1 && lhs.sexAtBirth == rhs.sexAtBirth
            && lhs.count == rhs.count && lhs.after == rhs.after
    }

    /// Reads the query's parameters (each once); the problem names the parameter (FHIRPath `expression`).
    public static func parse(_ parameters: [(String, String)]) -> (FHIRPatientSearch?, (parameter: String, message: String)?) {
        var search = FHIRPatientSearch()
        var seen = Set<String>()
        for (name, value) in parameters {
            guard seen.insert(name).inserted else { return (nil, (name, "Give \(name) once.")) }
            guard !value.isEmpty, !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }), value.count <= 200 else {
                return (nil, (name, "Give \(name) a value of visible characters."))
            }
            switch name {
            case "_id":
                guard let id = UUID(uuidString: value) else { return (nil, (name, "A patient's id is a UUID.")) }
                search.id = id
            case "identifier":
                let parts = value.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                if parts.count == 2, !parts[0].isEmpty, parts[0] != FHIR.mrnSystem { return (nil, (name, "Identifiers here are MRNs (\(FHIR.mrnSystem)).")) }
                search.mrn = parts.last
            case "name": search.name = SearchKey.fold(value)
            case "family": search.family = SearchKey.fold(value)
            case "given": search.given = SearchKey.fold(value)
            case "birthdate":
                let prefix = Comparison(rawValue: String(value.prefix(2)))
                guard let date = CalendarDate(prefix == nil ? value : String(value.dropFirst(2))), (prefix == nil ? value : String(value.dropFirst(2))).count == 10 else {
                    return (nil, (name, "Give a full date, YYYY-MM-DD, after an optional eq, ne, lt, le, gt or ge."))
                }
                search.birthDate = (prefix ?? .eq, date)
            case "gender":
                switch value {
                case "female": search.sexAtBirth = SexAtBirth.female.rawValue
                case "male": search.sexAtBirth = SexAtBirth.male.rawValue
                case "unknown": search.sexAtBirth = SexAtBirth.unknown.rawValue
                case "other": search.sexAtBirth = "other"
                default: return (nil, (name, "Gender is male, female, other or unknown."))
                }
            case "_count":
                guard let count = Int(value), (1...maximumCount).contains(count) else { return (nil, (name, "_count is a whole number from 1 to \(maximumCount).")) }
                search.count = count
            case "_cursor":
                guard let after = UUID(uuidString: value) else { return (nil, (name, "Follow the next link as given.")) }
                search.after = after
            default:
                return (nil, (name, "Patient is searched by \(FHIRServer.patientSearch.map(\.name).joined(separator: ", ")) and _count."))
            }
        }
        return (search, nil)
    }

    /// The parameters again, for the `self` and `next` links (without the cursor).
    public var parameters: [(String, String)] {
        var pairs: [(String, String?)] = [("_id", id?.uuidString.lowercased()), ("identifier", mrn), ("name", name), ("family", family), ("given", given),
                                          ("birthdate", birthDate.map { "\($0.0.rawValue)\($0.1.description)" }),
                                          ("gender", sexAtBirth.map(FHIRPatientSearch.gender))]
        pairs.append(("_count", String(count)))
        return pairs.compactMap { name, value in value.map { (name, $0) } }
    }

    private static func gender(_ stored: String) -> String { stored == "other" ? "other" : FHIRPatient.gender(SexAtBirth(rawValue: stored)) }
}
