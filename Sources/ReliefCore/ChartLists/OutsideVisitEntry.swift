/// Where a visit elsewhere took place, as FHIR's Encounter.class (HL7 v3 ActCode).
public enum VisitSetting: String, Coded, Codable {
    case ambulatory, emergency, inpatient, observation, virtual, home

    public var title: String {
        switch self {
        case .ambulatory: "Office or clinic"
        case .emergency: "Emergency department"
        case .inpatient: "Hospital stay"
        case .observation: "Observation stay"
        case .virtual: "Telehealth"
        case .home: "Home visit"
        }
    }

    /// The v3 ActCode Relief writes, and reads back.
    public var actCode: String {
        switch self {
        case .ambulatory: "AMB"
        case .emergency: "EMER"
        case .inpatient: "IMP"
        case .observation: "OBSENC"
        case .virtual: "VR"
        case .home: "HH"
        }
    }

    /// The setting of an ActCode: Relief's own, and the acute and non-acute inpatient and short-stay codes as a hospital
    /// or observation stay.
    public static func actCode(_ code: String) -> VisitSetting? {
        switch code {
        case "ACUTE", "NONAC": .inpatient
        case "SS": .observation
        default: allCases.first { $0.actCode == code }
        }
    }
}

/// A visit to another clinician or facility, as the history tells it or another system sends it: when, where, what for.
/// Emergency visits and hospital stays for pain belong in a pain history; the practice's own visits are its notes.
public struct OutsideVisitEntry: ChartEntryContent, SourceCoded, DatedEntry {
    public static let kind = ChartEntryKind.outsideVisit

    public var setting: VisitSetting
    /// What the visit was: "Emergency room admission", "Orthopaedic consultation".
    public var what: String
    public var startOn: CalendarDate
    /// The last day of a stay; nil for a visit within a day.
    public var endOn: CalendarDate?
    public var reason: String
    public var facility: String
    public var clinician: String
    public var note: String
    /// Another system's codes for what the visit was (SNOMED CT from an import).
    public var sourceCodings: [SourceCoding]?

    public init(setting: VisitSetting, what: String, startOn: CalendarDate, endOn: CalendarDate? = nil, reason: String = "", facility: String = "",
                clinician: String = "", note: String = "") {
        self.setting = setting
        self.what = what
        self.startOn = startOn
        self.endOn = endOn
        self.reason = reason
        self.facility = facility
        self.clinician = clinician
        self.note = note
    }

    public var code: String { setting.rawValue }
    public var status: String { "finished" }
    /// A history: every visit stays on the list.
    public var isCurrent: Bool { true }
    public var occurred: (day: CalendarDate, minute: Int) { (startOn, -1) }
    public var label: String { what.isEmpty ? setting.title : what }

    public static let textLimit = 200

    public static func parse(_ fields: FormFields, today: CalendarDate) -> (entry: OutsideVisitEntry?, problems: [String: String]) {
        var reader = FormReader(fields, today: today)
        let setting = reader.one("setting", VisitSetting.self, required: "Choose where the visit was.")
        let startOn = reader.date("startOn", what: "The day of the visit", required: true)
        var entry = OutsideVisitEntry(setting: setting ?? .ambulatory, what: reader.text("what", limit: textLimit), startOn: startOn ?? today)
        entry.endOn = reader.date("endOn", what: "The last day")
        if let start = startOn, let end = entry.endOn, end < start { reader.problem("endOn", "The last day cannot be before the first.") }
        entry.reason = reader.text("reason", limit: textLimit)
        entry.facility = reader.text("facility", limit: textLimit)
        entry.clinician = reader.text("clinician", limit: textLimit)
        entry.note = reader.text("note", limit: 1000, multiline: true)
        return reader.problems.isEmpty ? (entry, [:]) : (nil, reader.problems)
    }

    public var fields: FormFields {
        var fields = FormFields()
        fields.set([
            ("setting", setting.rawValue), ("what", what), ("startOn", startOn.display), ("endOn", endOn?.display), ("reason", reason),
            ("facility", facility), ("clinician", clinician), ("note", note),
        ])
        return fields
    }
}
