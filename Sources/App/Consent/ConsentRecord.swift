import Fluent
import Foundation
import ReliefCore

// @unchecked Sendable: Fluent models are mutable reference types by design; each lives within one request.

/// One informed consent (FHIR Consent, scope treatment): the text prepared for one procedure, the patient's answer,
/// the physician's co-signature, and a withdrawal if any. The migration's triggers keep each part once written.
final class ConsentRecord: Model, @unchecked Sendable {
    static let schema = "consents"

    @ID(key: .id) var id: UUID?
    @Field(key: "patient_id") var patientID: UUID
    @OptionalField(key: "plan_id") var planID: UUID?
    @Field(key: "status") var status: String
    @Field(key: "intervention") var intervention: String
    @Field(key: "region") var region: String
    @Field(key: "levels") var levels: String
    @Field(key: "side") var side: String
    @Field(key: "planned_on") var plannedOn: String
    @Field(key: "valid_until") var validUntil: String
    @Field(key: "sessions") var sessions: Int
    @Field(key: "title") var title: String
    @Field(key: "document") var document: String
    @Field(key: "catalogue_version") var catalogueVersion: String
    @Field(key: "prepared_at") var preparedAt: Date
    @Field(key: "prepared_by") var preparedBy: UUID
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @OptionalField(key: "answer_recorded_by") var answerRecordedBy: UUID?
    @OptionalField(key: "signer") var signer: String?
    @OptionalField(key: "signer_name") var signerName: String?
    @OptionalField(key: "relationship") var relationship: String?
    @OptionalField(key: "witness") var witness: String?
    @OptionalField(key: "signature_method") var signatureMethod: String?
    @OptionalField(key: "cosigned_at") var cosignedAt: Date?
    @OptionalField(key: "cosigned_by") var cosignedBy: UUID?
    @OptionalField(key: "withdrawn_at") var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_by") var withdrawnBy: UUID?
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "version") var version: Int

    init() {}

    init(patientID: UUID, planID: UUID?, terms: ConsentTerms, document: ConsentDocument, by user: UUID, now: Date) throws {
        id = UUID()
        self.patientID = patientID
        self.planID = planID
        status = ConsentStatus.proposed.rawValue
        let site = terms.site
        intervention = site.intervention.id
        region = site.region.rawValue
        levels = site.storedLevels
        side = site.side?.rawValue ?? ""
        plannedOn = terms.plannedOn.description
        validUntil = terms.validUntil.description
        sessions = terms.sessions
        title = document.title
        self.document = try JSONCoding.encode(document)
        catalogueVersion = document.catalogueVersion
        preparedAt = now
        preparedBy = user
        version = 1
    }

    var consentStatus: ConsentStatus { Self.consentStatus(status) }
    /// A stored status read back (an unknown one as proposed: never more than was recorded); the Bulk export reads the column itself.
    static func consentStatus(_ stored: String) -> ConsentStatus { ConsentStatus(rawValue: stored) ?? .proposed }
    func decoded() throws -> ConsentDocument { try JSONCoding.decode(ConsentDocument.self, document) }

    /// The site as prepared; nil only if the catalogue dropped the intervention since.
    var site: InterventionSite? { InterventionSite(stored: intervention, region: region, levels: levels, side: side) }

    var label: String { site?.label ?? title }

    /// Prepared for this intervention at this place (the same region, levels and side).
    func isFor(_ site: InterventionSite) -> Bool {
        intervention == site.intervention.id && region == site.region.rawValue && side == (site.side?.rawValue ?? "")
            && levels == site.storedLevels
    }
    var planned: CalendarDate? { CalendarDate(plannedOn) }
    var lastDay: CalendarDate? { CalendarDate(validUntil) }

    var signature: PatientSignature? {
        guard let signer = signer.flatMap(ConsentSigner.init), let name = signerName,
              let method = signatureMethod.flatMap(SignatureMethod.init) else { return nil }
        return PatientSignature(signer: signer, name: name, relationship: relationship ?? "", witness: witness ?? "", method: method)
    }

    /// Whether it lets the procedure go ahead on `date`: signed by both, not withdrawn, within its days and its sessions.
    func covers(on date: CalendarDate, sessionsUsed: Int) -> Bool {
        consentStatus == .active && lastDay.map { date <= $0 } == true && sessionsUsed < sessions
    }
}

/// A drawn signature or a scanned paper consent, stored as received.
final class ConsentFile: Model, @unchecked Sendable {
    static let schema = "consent_files"

    @ID(key: .id) var id: UUID?
    @Field(key: "consent_id") var consentID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "media_type") var mediaType: String
    @Field(key: "bytes") var bytes: Data
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by") var createdBy: UUID

    init() {}

    init(consentID: UUID, _ attachment: ConsentAttachment, by user: UUID, now: Date) {
        id = UUID()
        self.consentID = consentID
        kind = attachment.kind.rawValue
        mediaType = attachment.mediaType
        bytes = attachment.bytes
        createdAt = now
        createdBy = user
    }
}
