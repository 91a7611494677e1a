import Foundation
import ReliefCore
import Vapor

/// Informed consents in the JSON API (FHIR Consent in shape, scope treatment): prepared with the form's fields,
/// signed by the patient (typed name, statement, optional drawn PNG), co-signed, declined or withdrawn, each step
/// under the version read. A scanned paper is attached through the page.
enum ConsentsAPI {
    struct Section: Encodable {
        let title: String
        let paragraphs: [String]
        let items: [String]
    }

    struct Signature: Encodable {
        let signer: String
        let name: String
        let relationship: String
        let witness: String
        let method: String
        let signedAt: Date
        let recordedBy: UUID?
    }

    struct Consent: Encodable {
        let id: UUID
        let status: String
        let fhirStatus: String
        let version: Int
        let intervention: String
        let region: String
        let levels: [String]
        let side: String?
        let plannedOn: String
        let validUntil: String
        let sessions: Int
        let planID: UUID?
        let title: String
        let catalogueVersion: String
        let sections: [Section]
        let preparedAt: Date
        let preparedBy: UUID
        let signature: Signature?
        let files: [String]
        let cosignedAt: Date?
        let cosignedBy: UUID?
        let answeredAt: Date?
        let withdrawnAt: Date?
        let reason: String?

        init(_ record: ConsentRecord, files: Set<String>) throws {
            let document = try record.decoded()
            id = try record.requireID()
            status = record.status
            fhirStatus = record.consentStatus.fhirStatus
            version = record.version
            intervention = record.intervention
            region = record.region
            levels = record.site?.levels.map(\.description) ?? []
            side = record.side.isEmpty ? nil : record.side
            plannedOn = record.plannedOn
            validUntil = record.validUntil
            sessions = record.sessions
            planID = record.planID
            title = document.title
            catalogueVersion = record.catalogueVersion
            sections = document.sections.map { Section(title: $0.title, paragraphs: $0.paragraphs, items: $0.items) }
            preparedAt = record.preparedAt
            preparedBy = record.preparedBy
            signature = record.signature.flatMap { signature in
                record.answeredAt.map { Signature(signer: signature.signer.rawValue, name: signature.name, relationship: signature.relationship,
                                                  witness: signature.witness, method: signature.method.rawValue, signedAt: $0, recordedBy: record.answerRecordedBy) }
            }
            self.files = files.sorted()
            cosignedAt = record.cosignedAt
            cosignedBy = record.cosignedBy
            answeredAt = record.answeredAt
            withdrawnAt = record.withdrawnAt
            reason = record.reason
        }
    }

    struct List: Encodable { let consents: [Consent] }

    struct Cosign: Decodable {
        let version: Int
        let attest: Bool
    }

    static let schemas: [(String, APISchema)] = [
        ("Consent", .record([
            ("id", .uuid), ("status", .string(choices: ConsentStatus.allCases.map(\.rawValue))),
            ("fhirStatus", .string(choices: ["proposed", "active", "rejected", "inactive"])), ("version", .integer),
            ("intervention", .text), ("region", .string(choices: BodyArea.allCases.map(\.rawValue))), ("levels", .array(.text)),
            ("side", .nullable(.string(choices: Laterality.allCases.map(\.rawValue)))), ("plannedOn", .date), ("validUntil", .date),
            ("sessions", .integer), ("planID", .nullable(.uuid)), ("title", .text), ("catalogueVersion", .text),
            ("sections", .array(.record([("title", .text), ("paragraphs", .array(.text)), ("items", .array(.text))]))),
            ("preparedAt", .dateTime), ("preparedBy", .uuid),
            ("signature", .nullable(.record([
                ("signer", .string(choices: ConsentSigner.allCases.map(\.rawValue))), ("name", .text), ("relationship", .text), ("witness", .text),
                ("method", .string(choices: SignatureMethod.allCases.map(\.rawValue))), ("signedAt", .dateTime), ("recordedBy", .nullable(.uuid)),
            ]))),
            ("files", .array(.string(choices: ["scan", "signature"]))), ("cosignedAt", .nullable(.dateTime)), ("cosignedBy", .nullable(.uuid)),
            ("answeredAt", .nullable(.dateTime)), ("withdrawnAt", .nullable(.dateTime)), ("reason", .nullable(.text)),
        ])),
        ("ConsentList", .record([("consents", .array(.ref("Consent")))])),
        ("ConsentWrite", APIWrite.schema(ConsentTerms.schema, versioned: false)),
        ("ConsentSignature", APIWrite.schema(PatientSignature.schema, versioned: true)),
        ("ConsentCosign", .record([("version", .version), ("attest", .boolean)])),
    ]

    static let endpoints: [APIEndpoint] = {
        let list: [PathSegment] = ["patients", .patient, "consents"], one = list + [.consent]
        return [
            APIEndpoint(.GET, list, access: .action(.clinicalRead), "The patient's informed consents, newest first.", response: .ref("ConsentList"), handler: index),
            APIEndpoint(.POST, list, access: .action(.planWrite),
                        "Prepare a consent for a procedure: intervention, region, levels, side, plannedOn (today or later), validUntil (up to a year after), sessions (1–6), plan. Its text is written from the catalogue and the chart and never changes.",
                        request: .ref("ConsentWrite"), response: .ref("Consent"), status: .created, handler: create),
            APIEndpoint(.GET, one, access: .action(.clinicalRead), "Read one consent with its text and signatures.", response: .ref("Consent"), handler: show),
            APIEndpoint(.POST, one + ["patient-signature"], access: .action(.planWrite),
                        "The patient's signature: signer, name (the patient's as registered, or the representative's with relationship), attest true, optional witness and drawn PNG. 409 when stale or no longer awaiting the patient.",
                        request: .ref("ConsentSignature"), response: .ref("Consent"), failures: [.conflict, .payloadTooLarge], handler: sign),
            APIEndpoint(.POST, one + ["cosign"], access: .action(.noteSign),
                        "The physician's co-signature (attest true), after the patient's; the consent is then active. 409 when stale or not signed by the patient.",
                        request: .ref("ConsentCosign"), response: .ref("Consent"), failures: [.conflict], handler: cosign),
            APIEndpoint(.POST, one + ["decline"], access: .action(.planWrite), "Record that the patient declined, with what they said. 409 when stale or already answered.",
                        request: .ref("VersionedReason"), response: .ref("Consent"), failures: [.conflict], handler: decline),
            APIEndpoint(.POST, one + ["withdraw"], access: .action(.planWrite),
                        "Record a withdrawal (or set aside an unanswered consent), with the reason. 409 when stale, declined or already withdrawn.",
                        request: .ref("VersionedReason"), response: .ref("Consent"), failures: [.conflict], handler: withdraw),
        ]
    }()

    static func index(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let records = try await ConsentQueries.all(patientID: patient.id, on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "Consent", patientID: patient.id, detail: "list of \(records.count)"))
        let files = try await ConsentQueries.fileKinds(of: try records.map { try $0.requireID() }, on: req.db)
        return try req.json(List(consents: try records.map { try Consent($0, files: files[$0.id ?? UUID()] ?? []) }))
    }

    static func create(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let fields = try req.formFields(try req.apiBody(APIWrite.self).fields, ConsentTerms.schema)
        let (terms, planID) = try await ConsentQueries.terms(fields, patientID: patient.id, today: req.today, on: req.db)
            .mapError { ValidationFailure(fields: $0.fields) }.get()
        let record = try await ConsentQueries.prepare(terms, planID: planID, patient: patient, by: try req.user.id, now: req.now, on: req.db,
                                                      audit: req.transactionalAudit)
        return try req.json(try Consent(record, files: []), status: .created)
    }

    static func show(req: Request) async throws -> Response {
        let (patient, record) = try await ConsentQueries.consent(req)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "Consent", resourceID: (try record.requireID()).uuidString, patientID: patient.id))
        return try await fresh(req, record)
    }

    static func sign(req: Request) async throws -> Response {
        let (patient, record) = try await ConsentQueries.consent(req)
        let body = try req.apiBody(APIWrite.self)
        let version = try req.requireVersion(body.version)
        let (signed, problems) = PatientSignature.parse(try req.formFields(body.fields, PatientSignature.schema), scan: nil,
                                                        patientGiven: patient.registration[.givenName], patientFamily: patient.registration[.familyName],
                                                        today: req.today)
        guard let (signature, attachment) = signed else { throw ValidationFailure(fields: problems) }
        return try await moved(req, record, try await ConsentQueries.sign(record, signature, attachment: attachment, from: version, by: try req.user.id,
                                                                          now: req.now, on: req.db, audit: req.transactionalAudit))
    }

    static func cosign(req: Request) async throws -> Response {
        let (_, record) = try await ConsentQueries.consent(req)
        let body = try req.apiBody(Cosign.self)
        guard body.attest else { throw ValidationFailure(fields: ["attest": "Attest to co-sign."]) }
        return try await moved(req, record, try await ConsentQueries.cosign(record, from: body.version, by: try req.user.id, now: req.now, on: req.db,
                                                                            audit: req.transactionalAudit))
    }

    static func decline(req: Request) async throws -> Response {
        let (_, record) = try await ConsentQueries.consent(req)
        let body = try req.apiBody(APIReason.self)
        let (version, reason) = (try req.requireVersion(body.version), try APIReason.checked(body.reason))
        return try await moved(req, record, try await ConsentQueries.decline(record, reason: reason, from: version, by: try req.user.id, now: req.now,
                                                                             on: req.db, audit: req.transactionalAudit))
    }

    static func withdraw(req: Request) async throws -> Response {
        let (_, record) = try await ConsentQueries.consent(req)
        let body = try req.apiBody(APIReason.self)
        let (version, reason) = (try req.requireVersion(body.version), try APIReason.checked(body.reason))
        return try await moved(req, record, try await ConsentQueries.withdraw(record, reason: reason, from: version, by: try req.user.id, now: req.now,
                                                                              on: req.db, audit: req.transactionalAudit))
    }

    private static func moved(_ req: Request, _ record: ConsentRecord, _ outcome: ConsentQueries.Outcome) async throws -> Response {
        guard outcome == .done else {
            throw Abort(.conflict, reason: "Someone acted on this consent meanwhile, or it is past this step; read it again.")
        }
        return try await fresh(req, record)
    }

    private static func fresh(_ req: Request, _ record: ConsentRecord) async throws -> Response {
        let id = try record.requireID()
        guard let current = try await ConsentRecord.find(id, on: req.db) else { throw Abort(.notFound) }
        return try req.json(try Consent(current, files: try await ConsentQueries.fileKinds(of: id, on: req.db)))
    }
}
