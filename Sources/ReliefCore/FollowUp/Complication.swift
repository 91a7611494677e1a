/// What went wrong after a procedure (PRACTICE.md "Risks and considerations"; FHIR AdverseEvent).
public enum ComplicationKind: String, Coded, Codable {
    case infection, bleeding, nerveInjury = "nerve-injury", allergicReaction = "allergic-reaction", duralPunctureHeadache = "dural-puncture-headache",
         painFlare = "pain-flare", steroidSideEffect = "steroid-side-effect", vasovagal, deviceProblem = "device-problem", other

    public var title: String {
        switch self {
        case .infection: "Infection"
        case .bleeding: "Bleeding or hematoma"
        case .nerveInjury: "New weakness or numbness (nerve injury)"
        case .allergicReaction: "Allergic reaction"
        case .duralPunctureHeadache: "Post-dural-puncture headache"
        case .painFlare: "Temporary pain flare"
        case .steroidSideEffect: "Steroid side effect (glucose, flushing, insomnia)"
        case .vasovagal: "Vasovagal event"
        case .deviceProblem: "Device problem (lead, generator, pump, catheter)"
        case .other: "Other (described)"
        }
    }
}

public enum ComplicationSeverity: String, Coded, Codable {
    case mild, moderate, severe, lifeThreatening = "life-threatening"

    public var title: String {
        switch self {
        case .mild: "Mild: no treatment or simple measures"
        case .moderate: "Moderate: needed treatment"
        case .severe: "Severe: hospital admission or an intervention"
        case .lifeThreatening: "Life-threatening"
        }
    }

    /// FHIR AdverseEvent.seriousness: serious from severe up.
    public var isSerious: Bool { self == .severe || self == .lifeThreatening }
}

public enum ComplicationOutcome: String, Coded, Codable {
    case ongoing, resolved, resolvedWithSequelae = "resolved-with-sequelae", unknown

    public var title: String {
        switch self {
        case .ongoing: "Ongoing"
        case .resolved: "Resolved"
        case .resolvedWithSequelae: "Resolved with lasting effects"
        case .unknown: "Unknown"
        }
    }

    public var isResolved: Bool { self == .resolved || self == .resolvedWithSequelae }
}

/// A complication of one procedure: what, from when, how severe, what was done, and how it ended.
public struct Complication: Hashable, Codable, Sendable {
    public var kind: ComplicationKind
    public var onsetOn: CalendarDate
    public var severity: ComplicationSeverity
    public var description: String
    public var management: String
    public var outcome: ComplicationOutcome
    public var resolvedOn: CalendarDate?

    /// Reads the form for a procedure done on `performedOn`: `kind`, `onsetOn` (from the procedure's day to today),
    /// `severity`, `description` (required for "other"), `management`, `outcome`, `resolvedOn` (for a resolved one,
    /// not before the onset).
    public static func parse(_ fields: FormFields, today: CalendarDate, performedOn: CalendarDate) -> (Complication?, [String: String]) {
        var reader = FormReader(fields, today: today)
        let kind = reader.one("kind", ComplicationKind.self, required: "Choose what happened.")
        let onset = reader.date("onsetOn", what: "The onset", required: true)
        if let onset, onset < performedOn { reader.problem("onsetOn", "A complication of the procedure cannot start before it, on \(performedOn.display).") }
        let severity = reader.one("severity", ComplicationSeverity.self, required: "Choose how severe it was.")
        let description = reader.text("description", limit: 2000, required: kind == .other ? "Describe what happened." : nil, multiline: true)
        let management = reader.text("management", limit: 2000, required: "Say what was done about it (or that nothing was needed).", multiline: true)
        let outcome = reader.one("outcome", ComplicationOutcome.self, required: "Choose how it stands.")
        let resolvedOn = reader.date("resolvedOn", what: "The day it resolved")
        if outcome?.isResolved == true, resolvedOn == nil, reader.problems["resolvedOn"] == nil { reader.problem("resolvedOn", "Enter the day it resolved.") }
        if resolvedOn != nil, outcome?.isResolved == false { reader.problem("resolvedOn", "Only a resolved complication has a day it resolved.") }
        if let resolvedOn, let onset, resolvedOn < onset { reader.problem("resolvedOn", "It cannot resolve before it started.") }
        guard reader.problems.isEmpty, let kind, let onset, let severity, let outcome else { return (nil, reader.problems) }
        return (Complication(kind: kind, onsetOn: onset, severity: severity, description: description, management: management, outcome: outcome,
                             resolvedOn: resolvedOn), [:])
    }

    public var fields: FormFields {
        var fields = FormFields()
        fields.set([("kind", kind.rawValue), ("onsetOn", onsetOn.display), ("severity", severity.rawValue), ("description", description),
                    ("management", management), ("outcome", outcome.rawValue), ("resolvedOn", resolvedOn?.display)])
        return fields
    }
}
