import Foundation

/// A room as a US Core Location: its name, where it is, what kind, active unless retired, and the practice it belongs
/// to (once the practice has said who it is).
public enum FHIRLocation {
    public static func record(_ room: Room, version: Int, updated: Date, organization: String? = nil) -> FHIRRecord {
        let status = room.retired ? "inactive" : "active"
        let header = FHIRRecordHeader(id: room.id, patientID: nil, version: version, recorded: updated, updated: updated)
        return FHIRRecord(.location, header, members: [
            ("status", .string(status)),
            ("name", .string(room.name)),
            ("description", room.location.isEmpty ? nil : .string(room.location)),
            ("mode", "instance"),
            ("type", [FHIR.concept([], text: room.kind.title)]),
            ("physicalType", FHIR.concept([FHIR.coding("http://terminology.hl7.org/CodeSystem/location-physical-type", "ro", "Room")])),
            ("managingOrganization", organization.map { FHIR.reference(.organization, $0) }),
        ], tokens: ["status": [FHIRToken("http://hl7.org/fhir/location-status", status)]], texts: ["name": [room.name]])
    }
}
