import Foundation

/// Who signed what and when, as a Provenance for each signed record: a procedure note signed by its physician, a
/// visit note signed (its Encounter), a consent answered by the patient or a representative and countersigned.
/// Once the practice is named (its Organization), each staff signer acts on its behalf and US Core's profile, which
/// asks for that, is claimed; before, it is not.
public enum FHIRProvenance {
    public struct Signer: Sendable {
        /// A Practitioner's or the Patient's reference; nil with only a name (a representative).
        public let reference: JSONValue?
        public let name: String?
        /// FHIR's participant type: `legal` for the one whose signature makes it binding, `verifier` for a countersignature.
        public let role: String

        public init(reference: JSONValue?, name: String? = nil, role: String) {
            self.reference = reference
            self.name = name
            self.role = role
        }
    }

    public static let suffix = "-signed"
    public static let usCoreProfile = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-provenance"

    /// `target` the signed resource; the Provenance takes the stored record's id with `-signed`. `organization`: the
    /// practice's Organization id, once it is named.
    public static func record(target: (type: FHIRResourceType, id: String), recorded: Date, signers: [Signer], organization: String? = nil,
                              _ header: FHIRRecordHeader) -> FHIRRecord {
        let provenanceHeader = FHIRRecordHeader(id: header.id + suffix, patientID: header.patientID, version: header.version, recorded: recorded,
                                                updated: header.updated)
        let reference = "\(target.type.rawValue)/\(target.id)"
        let agents: [JSONValue] = signers.map { signer in
            FHIR.object([
                ("type", FHIR.concept([FHIR.coding("http://terminology.hl7.org/CodeSystem/provenance-participant-type", signer.role)])),
                ("who", signer.reference ?? FHIR.object([("display", signer.name.map(JSONValue.string))])),
                ("onBehalfOf", organization.flatMap { id in
                    signer.reference?.object?["reference"]?.string?.hasPrefix("Practitioner/") == true ? FHIR.reference(.organization, id) : nil
                }),
            ])
        }
        return FHIRRecord(.provenance, provenanceHeader, profile: organization == nil ? nil : usCoreProfile, members: [
            ("target", [["reference": .string(reference)]]),
            ("recorded", .string(FHIR.instant(recorded))),
            ("activity", FHIR.concept([FHIR.coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "LA", "legal authenticator")], text: "Signed")),
            ("agent", .array(agents)),
        ], tokens: ["target": [FHIRToken(nil, reference)], "agent-type": signers.map { FHIRToken("http://terminology.hl7.org/CodeSystem/provenance-participant-type", $0.role) }],
           periods: ["recorded": .instant(recorded)])
    }
}
