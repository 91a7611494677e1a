import Foundation

/// A visit as a US Core Encounter: its status, class (ambulatory, or virtual for phone and telehealth), the kind of
/// visit as its type, the day, and the clinician.
public enum FHIREncounter {
    public static func record(kind: EncounterKind, status: String, on date: CalendarDate, clinician: UUID?, _ header: FHIRRecordHeader,
                              timeZone: TimeZone) -> FHIRRecord {
        let virtual = kind == .phone || kind == .telehealth
        let encounterClass = FHIRToken("http://terminology.hl7.org/CodeSystem/v3-ActCode", virtual ? "VR" : "AMB")
        let type = FHIRToken(FHIR.System.encounterKind, kind.rawValue)
        let state = header.enteredInError ? "entered-in-error" : FHIREncounter.status(status)
        return FHIRRecord(.encounter, header, members: [
            ("status", .string(state)),
            ("class", FHIR.coding(encounterClass.system!, encounterClass.code, virtual ? "virtual" : "ambulatory")),
            ("type", [FHIR.concept([FHIR.coding(type.system!, type.code, kind.title)], text: kind.title)]),
            ("participant", clinician.map { [["individual": FHIR.reference(.practitioner, $0.lowercasedText)]] }),
            ("period", ["start": .string(date.description), "end": .string(date.description)]),
        ], tokens: ["status": [FHIRToken("http://hl7.org/fhir/encounter-status", state)], "class": [encounterClass], "type": [type]],
           periods: ["date": .day(date, in: timeZone)])
    }

    /// FHIR's encounter status for Relief's: a note's encounter is finished once written, whether signed or not.
    static func status(_ stored: String) -> String {
        switch stored {
        case "planned": "planned"
        case "in-progress": "in-progress"
        case "cancelled": "cancelled"
        default: "finished"
        }
    }
}

extension FHIREncounter {
    static let actCodeSystem = "http://terminology.hl7.org/CodeSystem/v3-ActCode"

    /// A visit elsewhere as a finished US Core Encounter: the setting as its class, what it was as its type (with the
    /// sender's codes), the days, the reason, and the facility and clinician by name (they are not Relief's own).
    /// The note stays in Relief: R4's Encounter has no element for one.
    public static func elsewhere(_ entry: OutsideVisitEntry, _ header: FHIRRecordHeader, timeZone: TimeZone) -> FHIRRecord {
        let state = header.enteredInError ? "entered-in-error" : "finished"
        let encounterClass = FHIRToken(actCodeSystem, entry.setting.actCode)
        return FHIRRecord(.encounter, header, members: [
            ("status", .string(state)),
            ("class", FHIR.coding(actCodeSystem, entry.setting.actCode, entry.setting.title)),
            ("type", [FHIR.concept(FHIR.codings(entry.sourceCodings), text: entry.label)]),
            ("participant", entry.clinician.isEmpty ? nil : [["individual": ["display": .string(entry.clinician)]]]),
            ("period", ["start": .string(entry.startOn.description), "end": .string((entry.endOn ?? entry.startOn).description)]),
            ("reasonCode", entry.reason.isEmpty ? nil : [FHIR.concept([], text: entry.reason)]),
            ("serviceProvider", entry.facility.isEmpty ? nil : ["display": .string(entry.facility)]),
        ], tokens: ["status": [FHIRToken("http://hl7.org/fhir/encounter-status", state)], "class": [encounterClass], "type": FHIR.tokens(entry.sourceCodings)],
           periods: ["date": .days(entry.startOn, through: entry.endOn ?? entry.startOn, in: timeZone)])
    }

    /// What an imported Encounter becomes: a visit elsewhere when it took place, or nothing, with why.
    public enum Imported: Sendable {
        case visit(OutsideVisitEntry)
        case notKept(String)
    }

    /// Another system's visit, read as a visit elsewhere; `names` gives the facility and clinician the bundle names by
    /// reference (its Organizations, Locations and Practitioners, which Relief does not import).
    public static func importing(_ reader: inout FHIRResourceReader, names: [String: String]) -> Imported {
        guard let status = reader.string("status") else {
            reader.issue("status", "Give the visit's status.")
            return .notKept("")
        }
        guard ["finished", "in-progress", "arrived", "triaged", "onleave"].contains(status) else {
            return .notKept("Only a visit that took place is history; this one is \(status).")
        }
        let classCode = reader.element("class")?.object?["code"]?.string
        let setting = classCode.flatMap(VisitSetting.actCode)
        if setting == nil { reader.warn("class", "Relief keeps visits in a clinic, emergency department, hospital, observation, telehealth or home; \(classCode ?? "none") was kept as a clinic visit.") }
        let types = (reader.element("type")?.array ?? []).enumerated().compactMap { index, value in reader.concept(value, at: "type[\(index)]") }
        let period = reader.element("period")?.object
        guard let start = reader.date(period?["start"], at: "period.start") else {
            if period?["start"] == nil { reader.issue("period.start", "Give the day of the visit.") }
            return .notKept("")
        }
        let end = period?["end"].flatMap { reader.date($0, at: "period.end") }
        let reasons = (reader.element("reasonCode")?.array ?? []).enumerated().compactMap { index, value in reader.concept(value, at: "reasonCode[\(index)]")?.label }
        func name(_ reference: JSONValue?) -> String? {
            let object = reference?.object
            return object?["display"]?.string ?? object?["reference"]?.string.flatMap { names[$0] }
        }
        let facility = name(reader.element("serviceProvider"))
            ?? (reader.element("location")?.array ?? []).lazy.compactMap { name($0.object?["location"]) }.first
        let clinician = (reader.element("participant")?.array ?? []).lazy.compactMap { name($0.object?["individual"]) }.first
        reader.unread()
        var entry = OutsideVisitEntry(setting: setting ?? .ambulatory, what: types.first?.label ?? "", startOn: start, endOn: end.flatMap { $0 > start ? $0 : nil },
                                      reason: reasons.joined(separator: "; "), facility: facility ?? "", clinician: clinician ?? "")
        entry.sourceCodings = types.first?.sourceCodings(besides: [])
        return .visit(entry)
    }
}
