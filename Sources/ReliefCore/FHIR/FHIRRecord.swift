import Foundation

/// A coded value as a search compares it: its system (nil for a code without one) and its code.
public struct FHIRToken: Hashable, Sendable {
    public let system: String?
    public let code: String

    public init(_ system: String?, _ code: String) {
        self.system = system
        self.code = code
    }
}

/// A span of time as a date search compares it, from `start` up to but not including `end`: a day is its 24 hours in
/// the practice's time zone, an instant its millisecond, an open course runs to the end of time.
public struct FHIRPeriod: Hashable, Sendable {
    public let start: Date
    public let end: Date

    public init(start: Date, end: Date) {
        self.start = start
        self.end = max(end, start.addingTimeInterval(0.001))
    }

    public static func instant(_ date: Date) -> FHIRPeriod { FHIRPeriod(start: date, end: date) }

    /// The days from `first` through `last` (nil: still going) in `timeZone`.
    public static func days(_ first: CalendarDate, through last: CalendarDate?, in timeZone: TimeZone) -> FHIRPeriod {
        FHIRPeriod(start: midnight(first, timeZone), end: last.map { midnight($0.adding(days: 1), timeZone) } ?? .distantFuture)
    }

    public static func day(_ date: CalendarDate, in timeZone: TimeZone) -> FHIRPeriod { days(date, through: date, in: timeZone) }

    /// The start of a day in a time zone (its offset at that day's UTC midnight, which a change of clocks at 2 a.m.
    /// does not move).
    static func midnight(_ date: CalendarDate, _ timeZone: TimeZone) -> Date {
        date.startOfDay.addingTimeInterval(-Double(timeZone.secondsFromGMT(for: date.startOfDay)))
    }
}

/// What identifies a stored record behind a FHIR resource: its id (a record's UUID, or a room's own id), its patient
/// (none for the practice's staff and rooms), its version and last change, when it was first recorded, and whether it
/// was marked entered in error (then served with that status, never dropped).
public struct FHIRRecordHeader: Sendable {
    public let id: String
    public let patientID: UUID?
    public let version: Int
    public let recorded: Date
    public let updated: Date
    public let enteredInError: Bool

    public init(id: UUID, patientID: UUID?, version: Int, recorded: Date, updated: Date, enteredInError: Bool = false) {
        self.init(id: id.lowercasedText, patientID: patientID, version: version, recorded: recorded, updated: updated, enteredInError: enteredInError)
    }

    public init(id: String, patientID: UUID?, version: Int, recorded: Date, updated: Date, enteredInError: Bool = false) {
        self.id = id
        self.patientID = patientID
        self.version = version
        self.recorded = recorded
        self.updated = updated
        self.enteredInError = enteredInError
    }
}

/// One resource served, with the values its search parameters compare, keyed by parameter name.
public struct FHIRRecord: Sendable {
    public let type: FHIRResourceType
    public let header: FHIRRecordHeader
    public let resource: JSONValue
    public let tokens: [String: [FHIRToken]]
    public let periods: [String: FHIRPeriod]
    /// Values a string parameter matches by their start, folded (`SearchKey.fold`).
    public let texts: [String: [String]]

    public var id: String { header.id }
    public var patientID: UUID? { header.patientID }

    /// Builds the resource: its type, id, `meta` (version, last change, the profile it claims: `profile`, else the type's), the patient as
    /// `subject` (or `patient`, as the type names it) when it has one, then the members the mapping gives.
    public init(_ type: FHIRResourceType, _ header: FHIRRecordHeader, profile: String? = nil, members: [(String, JSONValue?)],
                tokens: [String: [FHIRToken]] = [:], periods: [String: FHIRPeriod] = [:], texts: [String: [String]] = [:]) {
        self.type = type
        self.header = header
        var meta: [(String, JSONValue?)] = [("versionId", .string(String(header.version))), ("lastUpdated", .string(FHIR.instant(header.updated)))]
        if let profile = profile ?? type.profile { meta.append(("profile", [.string(profile)])) }
        resource = FHIR.object([("resourceType", .string(type.rawValue)), ("id", .string(header.id)), ("meta", FHIR.object(meta))]
            + (type.patientElement.map { [($0, header.patientID.map { FHIR.reference(patient: $0) })] } ?? []) + members)
        self.tokens = tokens
        self.periods = periods
        self.texts = texts.mapValues { $0.map(SearchKey.fold) }
    }
}
