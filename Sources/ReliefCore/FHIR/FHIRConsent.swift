import Foundation

/// An informed consent as a FHIR Consent (scope treatment, LOINC 59284-0 "Patient Consent" as HL7's R4 examples
/// categorise it): its status, when it was answered (or prepared), who signed, Relief's consent document and
/// catalogue version as the policy, and what it permits (or, declined, denies): the procedure's codes and site
/// between the planned day and the last day it is valid.
public enum FHIRConsent {
    public struct Signing: Sendable {
        public let status: ConsentStatus
        public let answeredAt: Date?
        /// The signer's name as recorded (the patient, or their representative).
        public let signerName: String?
        public let byPatient: Bool

        public init(status: ConsentStatus, answeredAt: Date?, signerName: String?, byPatient: Bool) {
            self.status = status
            self.answeredAt = answeredAt
            self.signerName = signerName
            self.byPatient = byPatient
        }
    }

    public static func record(title: String, site: InterventionSite?, plannedOn: CalendarDate?, validUntil: CalendarDate?, catalogueVersion: String,
                              signing: Signing, _ header: FHIRRecordHeader, timeZone: TimeZone) -> FHIRRecord {
        let category = FHIRToken(FHIR.System.loinc, "59284-0")
        let when = signing.answeredAt ?? header.recorded
        let billing = site.flatMap { site in site.intervention.billing(for: site.region)?.lines(levels: site.levels.count, side: site.side) } ?? []
        let codes = billing.map { FHIR.coding(FHIRToken.billing($0.code.code).system!, $0.code.code, $0.code.label) }
            + (site.map { [FHIR.coding(FHIR.System.intervention, $0.intervention.id, $0.intervention.name)] } ?? [])
        let performer: JSONValue? = signing.byPatient ? header.patientID.map { FHIR.reference(patient: $0) }
            : signing.signerName.map { ["display": .string($0)] }
        return FHIRRecord(.consent, header, members: [
            ("status", .string(signing.status.fhirStatus)),
            ("scope", FHIR.concept([FHIR.coding("http://terminology.hl7.org/CodeSystem/consentscope", "treatment", "Treatment")])),
            ("category", [FHIR.concept([FHIR.coding(category.system!, category.code, "Patient Consent")], text: title)]),
            ("dateTime", .string(FHIR.instant(when))),
            ("performer", performer.map { [$0] }),
            ("policy", [["uri": .string("urn:relief:consent-document:\(catalogueVersion.isEmpty ? "unversioned" : catalogueVersion)")]]),
            ("provision", FHIR.object([
                ("type", .string(signing.status == .declined ? "deny" : "permit")),
                ("period", FHIR.object([("start", FHIR.date(plannedOn)), ("end", FHIR.date(validUntil))])),
                ("code", codes.isEmpty ? nil : [FHIR.concept(codes, text: site?.label ?? title)]),
            ])),
        ], tokens: ["status": [FHIRToken("http://hl7.org/fhir/consent-state-codes", signing.status.fhirStatus)], "category": [category]],
           periods: ["date": .instant(when)])
    }
}
