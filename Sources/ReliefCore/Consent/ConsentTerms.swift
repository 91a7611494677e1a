/// Where a consent stands. A prepared consent waits for the patient, who signs or declines; a physician's co-signature
/// makes it active; a signed consent can be withdrawn. `fhirStatus` is FHIR R4 Consent.status.
public enum ConsentStatus: String, Coded, Codable {
    case proposed, patientSigned = "patient-signed", active, declined, withdrawn

    public var title: String {
        switch self {
        case .proposed: "Awaiting the patient's signature"
        case .patientSigned: "Signed by the patient, awaiting the physician"
        case .active: "Signed"
        case .declined: "Declined by the patient"
        case .withdrawn: "Withdrawn"
        }
    }

    public var fhirStatus: String {
        switch self {
        case .proposed, .patientSigned: "proposed"
        case .active: "active"
        case .declined: "rejected"
        case .withdrawn: "inactive"
        }
    }
}

/// What one consent covers: a procedure at one site, first planned for `plannedOn`, and any repeat of it up to
/// `sessions` times until `validUntil` (a series, such as trigger point injections, needs no new signature each time).
public struct ConsentTerms: Hashable, Sendable {
    /// A practice habit rather than a rule: the form starts at 90 days and allows up to a year.
    public static let defaultDays = 90
    public static let longestDays = 365
    public static let sessionLimit = 6

    public let site: InterventionSite
    public let plannedOn: CalendarDate
    public let validUntil: CalendarDate
    public let sessions: Int

    public init(site: InterventionSite, plannedOn: CalendarDate, validUntil: CalendarDate, sessions: Int) {
        self.site = site
        self.plannedOn = plannedOn
        self.validUntil = validUntil
        self.sessions = sessions
    }

    /// Reads the site's fields, `plannedOn` (today or later), `validUntil` (from the planned day up to a year after)
    /// and `sessions`.
    public static func parse(_ fields: FormFields, today: CalendarDate) -> (ConsentTerms?, [String: String]) {
        var reader = FormReader(fields, today: today)
        let site = InterventionSite.read(&reader, procedures: true)
        let plannedOn = reader.date("plannedOn", what: "The planned date", allowFuture: true, required: true)
        if let plannedOn, plannedOn < today { reader.problem("plannedOn", "The planned date cannot be before today.") }
        let validUntil = reader.date("validUntil", what: "The last day it holds", allowFuture: true, required: true)
        if let plannedOn, let validUntil, validUntil < plannedOn || validUntil.daysSince(plannedOn) > longestDays {
            reader.problem("validUntil", "Give a day from the planned date to one year after it.")
        }
        let sessions = reader.integer("sessions", in: 1...sessionLimit, required: "Enter how many sessions it covers.")
        guard reader.problems.isEmpty, let site, let plannedOn, let validUntil, let sessions else { return (nil, reader.problems) }
        return (ConsentTerms(site: site, plannedOn: plannedOn, validUntil: validUntil, sessions: sessions), [:])
    }

    /// The form for a new consent: the site, the planned day, 90 days, one session.
    public static func fields(site: InterventionSite, plannedOn: CalendarDate) -> FormFields {
        var fields = FormFields()
        fields.set(site.fields() + [("plannedOn", plannedOn.display), ("validUntil", plannedOn.adding(days: defaultDays).display), ("sessions", "1")])
        return fields
    }

    /// Whether a signed consent still covers a session on `date`, after `sessionsUsed` sessions under it.
    public func covers(on date: CalendarDate, sessionsUsed: Int) -> Bool {
        date <= validUntil && sessionsUsed < sessions
    }
}
