import Foundation

/// The cohorts a registry asks for, as FHIR Groups to export by (`Group/{id}/$export`): one per procedure in the
/// catalogue that someone has had here (a signed record), named by the intervention's catalogue id.
public enum FHIRGroup {
    /// The catalogue's procedures, each a group.
    public static var interventions: [Intervention] { InterventionCatalogue.all.filter(\.isProcedure).filter { FHIR.isID($0.id) } }

    public static func record(_ intervention: Intervention, members: Int, updated: Date) -> FHIRRecord {
        let code = FHIRToken(FHIR.System.intervention, intervention.id)
        let header = FHIRRecordHeader(id: intervention.id, patientID: nil, version: 1, recorded: updated, updated: updated)
        return FHIRRecord(.group, header, members: [
            ("type", "person"),
            ("actual", true),
            ("code", FHIR.concept([FHIR.coding(code.system!, code.code, intervention.name)], text: intervention.name)),
            ("name", .string("Patients treated here with: \(intervention.name)")),
            ("quantity", .number(Double(members))),
        ], tokens: ["code": [code]])
    }
}
