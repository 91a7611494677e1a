import Foundation

/// An implant as a US Core Implantable Device: the kind (Relief's, as its catalogue has no SNOMED device codes), the
/// manufacturer, model and UDI as printed, in place or explanted, and in `note` where its leads and generator sit, when
/// it went in and came out (R4's Device has no element for either), the trial and the MRI labelling.
public enum FHIRDevice {
    public static func record(_ implant: Implant, _ header: FHIRRecordHeader) -> FHIRRecord {
        let type = FHIRToken(FHIR.System.implant, implant.kind.rawValue)
        let status = implant.isActive ? "active" : "inactive"
        let notes = [
            "Implanted \(implant.implantedOn.description)" + (implant.explantedOn.map { "; explanted \($0.description)" } ?? "")
                + (implant.explantReason.isEmpty ? "." : " (\(implant.explantReason))."),
            implant.leadSites.isEmpty ? "" : "Leads or catheter: \(implant.leadSites).",
            implant.generatorSite.isEmpty ? "" : "Generator or pump: \(implant.generatorSite).",
            implant.trialOn.map { "Trial \($0.description)" + (implant.trialReliefPercent.map { ", \($0) % relief." } ?? ".") } ?? "",
            "MRI: \(implant.mri.title).", implant.note,
        ].filter { !$0.isEmpty }
        return FHIRRecord(.device, header, members: [
            ("udiCarrier", implant.udi.isEmpty ? nil : [["carrierHRF": .string(implant.udi)]]),
            ("status", .string(status)),
            ("manufacturer", .string(implant.manufacturer)),
            ("deviceName", [["name": .string("\(implant.manufacturer) \(implant.model)"), "type": "user-friendly-name"]]),
            ("modelNumber", .string(implant.model)),
            ("type", FHIR.concept([FHIR.coding(type.system!, type.code, implant.kind.title)], text: implant.kind.title)),
            ("note", .array(notes.map { ["text": .string($0)] })),
        ], tokens: ["type": [type], "status": [FHIRToken("http://hl7.org/fhir/device-status", status)]])
    }
}
