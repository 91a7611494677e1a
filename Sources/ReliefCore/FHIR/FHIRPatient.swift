import Foundation

/// FHIR R4 resources as JSON, built in one place per resource. Relief's ids are UUIDs in lower case, which fit a FHIR
/// id; every resource names the profile it claims and when it last changed.
public enum FHIR {
    public static let usCorePatient = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient"
    public static let birthSexExtension = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex"
    /// Relief's medical record numbers, as an identifier system (a URN of the practice's own, not a registered one).
    public static let mrnSystem = "urn:relief:mrn"

    /// An instant as FHIR writes it: UTC to the millisecond (truncated), by arithmetic — a formatter made per value
    /// was nine tenths of a Bulk export's time.
    public static func instant(_ date: Date) -> String {
        // Years 1 to 9999, as FHIR's instant allows.
        let milliseconds = min(max(Int64((date.timeIntervalSince1970 * 1000).rounded(.down)), -62_135_596_800_000), 253_402_300_799_999)
        let day = milliseconds >= 0 ? milliseconds / 86_400_000 : (milliseconds - 86_399_999) / 86_400_000
        let rest = Int(milliseconds - day * 86_400_000)
        let time = CalendarDate.padded(rest / 3_600_000, 2) + ":" + CalendarDate.padded(rest / 60_000 % 60, 2) + ":"
            + CalendarDate.padded(rest / 1000 % 60, 2) + "." + CalendarDate.padded(rest % 1000, 3)
        return CalendarDate(Date(timeIntervalSince1970: Double(day) * 86_400), in: TimeZone(secondsFromGMT: 0)!).description + "T" + time + "Z"
    }

    static func meta(profile: String, version: Int, updated: Date) -> JSONValue {
        ["versionId": .string(String(version)), "lastUpdated": .string(instant(updated)), "profile": [.string(profile)]]
    }

    /// A JSON object without its empty members: FHIR forbids empty strings, arrays and objects.
    public static func object(_ members: [(String, JSONValue?)]) -> JSONValue {
        var object = [String: JSONValue](minimumCapacity: members.count)
        for (name, value) in members {
            if let value = value.flatMap(nonEmpty), object[name] == nil { object[name] = value }
        }
        return .object(object)
    }

    private static func nonEmpty(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .string(let text): text.isEmpty ? nil : value
        case .array(let items): items.isEmpty ? nil : value
        case .object(let members): members.isEmpty ? nil : value
        default: value
        }
    }
}

/// The registration as a US Core Patient: the MRN, names (official, and the preferred one as usual), administrative
/// gender from the sex recorded at birth with the US Core birth-sex extension, birth date, telecom, address, preferred
/// language and the emergency contact. Gender identity waits for its SNOMED codes in REFERENCE.md (US Core's
/// extension is coded).
public struct FHIRPatient: Sendable {
    public let id: UUID
    public let mrn: String
    public let registration: PatientRegistration
    public let version: Int
    public let updated: Date

    public init(id: UUID, mrn: String, registration: PatientRegistration, version: Int, updated: Date) {
        self.id = id
        self.mrn = mrn
        self.registration = registration
        self.version = version
        self.updated = updated
    }

    /// FHIR's administrative gender for the sex recorded at birth.
    public static func gender(_ sex: SexAtBirth?) -> String {
        switch sex {
        case .female: "female"
        case .male: "male"
        case .unknown, nil: "unknown"
        }
    }

    public var resource: JSONValue {
        let r = registration
        let given = [r[.givenName], r[.middleName]].filter { !$0.isEmpty }.map(JSONValue.string)
        var names: [JSONValue] = [FHIR.object([("use", "official"), ("family", .string(r[.familyName])), ("given", .array(given))])]
        if !r[.preferredName].isEmpty { names.append(FHIR.object([("use", "usual"), ("given", [.string(r[.preferredName])])])) }
        let telecom: [JSONValue] = [("phone", r[.phone]), ("email", r[.email])].filter { !$0.1.isEmpty }.map { system, value in
            ["system": .string(system), "value": .string(value), "use": "home"]
        }
        let lines = [r[.addressLine1], r[.addressLine2]].filter { !$0.isEmpty }.map(JSONValue.string)
        let address = FHIR.object([("use", "home"), ("line", .array(lines)), ("city", .string(r[.city])), ("state", .string(r[.state])),
                                   ("postalCode", .string(r[.postalCode])), ("country", lines.isEmpty ? nil : "US")])
        let sex = SexAtBirth(rawValue: r[.sexAtBirth])
        var extensions: [JSONValue] = []
        if let sex { extensions.append(["url": .string(FHIR.birthSexExtension), "valueCode": .string(sex.rawValue)]) }
        let contact = r[.emergencyName].isEmpty ? nil : FHIR.object([
            ("relationship", [FHIR.object([("coding", [["system": "http://terminology.hl7.org/CodeSystem/v2-0131", "code": "C", "display": "Emergency Contact"]]),
                                           ("text", .string(r[.emergencyRelationship]))])]),
            ("name", ["text": .string(r[.emergencyName])]),
            ("telecom", r[.emergencyPhone].isEmpty ? nil : [["system": "phone", "value": .string(r[.emergencyPhone])]]),
        ])
        return FHIR.object([
            ("resourceType", "Patient"), ("id", .string(id.uuidString.lowercased())),
            ("meta", FHIR.meta(profile: FHIR.usCorePatient, version: version, updated: updated)),
            ("extension", .array(extensions)),
            ("identifier", [["use": "usual", "type": ["coding": [["system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR",
                                                                   "display": "Medical record number"]], "text": "MRN"],
                             "system": .string(FHIR.mrnSystem), "value": .string(mrn)]]),
            ("active", true),
            ("name", .array(names)),
            ("telecom", .array(telecom)),
            ("gender", .string(Self.gender(sex))),
            ("birthDate", r.birthDate.map { .string($0.description) }),
            ("address", address.object?.keys.contains("line") == true || address.object?.keys.contains("city") == true ? [address] : nil),
            ("communication", r[.preferredLanguage].isEmpty ? nil : [["language": ["text": .string(r[.preferredLanguage])], "preferred": true]]),
            ("contact", contact.map { [$0] }),
        ])
    }
}
