import Foundation

/// A staff member who sees patients as a US Core Practitioner: their name and Relief's id for them (Relief keeps no
/// NPI yet), active unless their account is disabled.
public enum FHIRPractitioner {
    public static let system = "urn:relief:staff"

    public static func record(id: UUID, name: String, role: Role, active: Bool, version: Int, updated: Date) -> FHIRRecord {
        let header = FHIRRecordHeader(id: id, patientID: nil, version: version, recorded: updated, updated: updated)
        let parts = name.split(separator: " ").map(String.init)
        return FHIRRecord(.practitioner, header, members: [
            ("identifier", [["system": .string(system), "value": .string(id.lowercasedText)]]),
            ("active", .bool(active)),
            ("name", [FHIR.object([("text", .string(name)), ("family", parts.last.map(JSONValue.string)),
                                   ("given", parts.count > 1 ? .array(parts.dropLast().map(JSONValue.string)) : nil)])]),
            ("qualification", [["code": FHIR.concept([], text: role.title)]]),
        ], tokens: ["identifier": [FHIRToken(system, id.lowercasedText)]], texts: ["name": [name] + parts])
    }
}
