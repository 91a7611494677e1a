import Foundation

/// A room as a US Core Location: its name, where it is, what kind, and active unless retired.
public enum FHIRLocation {
    public static func record(_ room: Room, version: Int, updated: Date) -> FHIRRecord {
        let status = room.retired ? "inactive" : "active"
        let header = FHIRRecordHeader(id: room.id, patientID: nil, version: version, recorded: updated, updated: updated)
        return FHIRRecord(.location, header, members: [
            ("status", .string(status)),
            ("name", .string(room.name)),
            ("description", room.location.isEmpty ? nil : .string(room.location)),
            ("mode", "instance"),
            ("type", [FHIR.concept([], text: room.kind.title)]),
            ("physicalType", FHIR.concept([FHIR.coding("http://terminology.hl7.org/CodeSystem/location-physical-type", "ro", "Room")])),
        ], tokens: ["status": [FHIRToken("http://hl7.org/fhir/location-status", status)]], texts: ["name": [room.name]])
    }
}
