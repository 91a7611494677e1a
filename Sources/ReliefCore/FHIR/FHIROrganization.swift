import Foundation

/// The practice as a US Core Organization: its name, NPI, address and phone; the Organization its rooms belong to.
/// One per Relief, under a fixed id.
public enum FHIROrganization {
    public static let id = "practice"
    /// NPIs' system, as US Core's Organization identifies providers by it.
    public static let npiSystem = "http://hl7.org/fhir/sid/us-npi"

    public static func record(_ profile: PracticeProfile, version: Int, updated: Date) -> FHIRRecord {
        let header = FHIRRecordHeader(id: id, patientID: nil, version: version, recorded: updated, updated: updated)
        let address = FHIR.object([("line", profile.line.isEmpty ? nil : [.string(profile.line)]), ("city", .string(profile.city)),
                                   ("state", .string(profile.state)), ("postalCode", .string(profile.postalCode)),
                                   ("country", profile.line.isEmpty && profile.city.isEmpty ? nil : "US")])
        return FHIRRecord(.organization, header, members: [
            ("identifier", profile.npi.isEmpty ? nil : [["system": .string(npiSystem), "value": .string(profile.npi)]]),
            ("active", true),
            ("name", .string(profile.name)),
            ("telecom", profile.phone.isEmpty ? nil : [["system": "phone", "value": .string(profile.phone), "use": "work"]]),
            ("address", address.object?.isEmpty == false ? [address] : nil),
        ], tokens: ["identifier": profile.npi.isEmpty ? [] : [FHIRToken(npiSystem, profile.npi)]], texts: ["name": [profile.name]])
    }
}
