import Plot
import ReliefCore
import Vapor

/// Informed consents on the patient: prepared by the team for a planned procedure, signed by the patient on screen
/// or on paper, co-signed by a physician, printable, and withdrawn or declined on the record, never removed.
enum ConsentsController {
    static func index(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let records = try await ConsentQueries.all(patientID: patient.id, on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "Consent", patientID: patient.id, detail: "list of \(records.count)"))
        return try await req.chartPage("Informed consents", patient, ConsentPages.index(patientID: patient.id, consents: records, canWrite: try req.user.can(.planWrite)))
    }

    /// The form, filled from a check or a plan's query; with the text it will make once the fields are complete.
    static func new(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        var fields = req.queryFields(["intervention", "region", "levels", "side", "plannedOn", "validUntil", "sessions", "plan"])
        if let planned = CalendarDate(fields["plannedOn"]) {
            fields.set("plannedOn", planned.display)
            if fields["validUntil"].isEmpty { fields.set("validUntil", planned.adding(days: ConsentTerms.defaultDays).display) }
        }
        if fields["sessions"].isEmpty { fields.set("sessions", "1") }
        var model = ConsentPages.FormModel(patientID: patient.id, fields: fields)
        if !fields["intervention"].isEmpty, case let (terms?, _) = ConsentTerms.parse(fields, today: req.today) {
            let (facts, criteria) = try await DecisionSupportQueries.inputs(for: patient, on: req.db)
            let decision = DecisionSupport.decide(Candidate(terms.site, on: terms.plannedOn), for: facts, criteria: criteria)
            model.preview = (decision, ConsentDocument(for: decision, facts: facts,
                                                          experience: try await OutcomeReportQueries.experience(terms.site.intervention.id, on: req.db)))
        }
        return try await req.chartPage("Prepare a consent", patient, ConsentPages.form(model, csrfToken: req.csrfToken))
    }

    static func create(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        switch try await ConsentQueries.terms(fields, patientID: patient.id, today: req.today, on: req.db) {
        case .failure(let problems):
            return try await req.chartPage("Prepare a consent", patient, ConsentPages.form(ConsentPages.FormModel(patientID: patient.id, fields: fields,
                                                                                                              problems: problems.fields),
                                                                                      csrfToken: req.csrfToken), status: .unprocessableEntity)
        case .success(let (terms, planID)):
            let record = try await ConsentQueries.prepare(terms, planID: planID, patient: patient, by: try req.user.id,
                                                          now: req.now, on: req.db, audit: req.transactionalAudit)
            return req.redirect(to: SitePath.consent(patient.id, try record.requireID()), flash: Flash(.success, "The consent is ready for the patient to read and sign."))
        }
    }

    static func show(req: Request) async throws -> Response {
        let (patient, record) = try await ConsentQueries.consent(req)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "Consent", resourceID: (try record.requireID()).uuidString, patientID: patient.id))
        return try await shown(req, patient, record)
    }

    static func sign(req: Request) async throws -> Response {
        let (patient, record) = try await ConsentQueries.consent(req)
        let (fields, scan) = try submission(req)
        let (signed, problems) = PatientSignature.parse(fields, scan: scan, patientGiven: patient.registration[.givenName],
                                                        patientFamily: patient.registration[.familyName], today: req.today)
        guard let (signature, attachment) = signed else { return try await shown(req, patient, record, failed: ("sign", fields.without("signatureImage"), problems)) }
        let outcome = try await ConsentQueries.sign(record, signature, attachment: attachment, from: try version(fields), by: try req.user.id, now: req.now,
                                                    on: req.db, audit: req.transactionalAudit)
        return done(req, patient, record, outcome, "Signed by the patient. A physician co-signs next.")
    }

    static func decline(req: Request) async throws -> Response {
        try await closing(req, form: "decline") { record, reason, version, user, req in
            try await ConsentQueries.decline(record, reason: reason, from: version, by: user, now: req.now, on: req.db, audit: req.transactionalAudit)
        }
    }

    static func withdraw(req: Request) async throws -> Response {
        try await closing(req, form: "withdraw") { record, reason, version, user, req in
            try await ConsentQueries.withdraw(record, reason: reason, from: version, by: user, now: req.now, on: req.db, audit: req.transactionalAudit)
        }
    }

    static func cosign(req: Request) async throws -> Response {
        let (patient, record) = try await ConsentQueries.consent(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        guard fields[PatientSignature.attestField] == "yes" else {
            return try await shown(req, patient, record, failed: ("cosign", fields, [PatientSignature.attestField: "Tick the statement to co-sign."]))
        }
        let outcome = try await ConsentQueries.cosign(record, from: try version(fields), by: try req.user.id, now: req.now, on: req.db, audit: req.transactionalAudit)
        return done(req, patient, record, outcome, "Co-signed: the consent is in force.")
    }

    static func print(req: Request) async throws -> Response {
        let (patient, record) = try await ConsentQueries.consent(req)
        let id = try record.requireID()
        let history = try await ConsentQueries.history(req, record)
        let files = try await ConsentQueries.fileKinds(of: id, on: req.db)
        let content = [.tag("h1", text: "Informed consent"), .tag("p", text: "For \(record.label): " + ConsentPages.terms(record) + ".")]
            + ConsentPages.render(try record.decoded()) + [ConsentPages.paperSignatures(patientID: patient.id, record: record, history: history, files: files)]
        return try await req.printout("Informed consent", of: patient, back: ("← The consent", SitePath.consent(patient.id, id)),
                                      audit: AuditEntry(action: .documentPrint, resourceType: "Consent", resourceID: id.uuidString, patientID: patient.id), content)
    }

    static func signature(req: Request) async throws -> Response { try await ConsentQueries.file(req, .signature) }
    static func scan(req: Request) async throws -> Response { try await ConsentQueries.file(req, .scan) }

    /// The text fields and the scan of a signature form, sent as multipart (the page's form) or URL-encoded.
    private static func submission(_ req: Request) throws -> (FormFields, Data?) {
        guard req.headers.contentType?.type == "multipart" else { return (FormFields(urlEncoded: req.body.string ?? ""), nil) }
        guard let sent = try? req.content.decode(SignatureSubmission.self) else { throw Abort(.badRequest, reason: "The form could not be read; send it again.") }
        var fields = FormFields()
        for (name, value) in sent.fields { if let value { fields.add(name, value) } }
        return (fields, sent.scanFile.map { Data(buffer: $0.data) })
    }

    private struct SignatureSubmission: Decodable {
        let signer, name, relationship, witness, attest, signatureImage, version: String?
        let scanFile: File?
        var fields: [(String, String?)] {
            [("signer", signer), ("name", name), ("relationship", relationship), ("witness", witness), (PatientSignature.attestField, attest),
             ("signatureImage", signatureImage), ("version", version)]
        }
    }

    private static func version(_ fields: FormFields) throws -> Int {
        guard let version = Int(fields["version"]) else { throw Abort(.badRequest, reason: "The form is missing its version.") }
        return version
    }

    /// Declining and withdrawing: a reason, then the move.
    private static func closing(_ req: Request, form: String,
                                _ move: (ConsentRecord, String, Int, UUID, Request) async throws -> ConsentQueries.Outcome) async throws -> Response {
        let (patient, record) = try await ConsentQueries.consent(req)
        let fields = FormFields(urlEncoded: req.body.string ?? "")
        var reader = FormReader(fields, today: req.today)
        let reason = reader.text("reason", limit: 500, required: "Give the reason.", multiline: true)
        guard reader.problems.isEmpty else { return try await shown(req, patient, record, failed: (form, fields, reader.problems)) }
        let outcome = try await move(record, reason, try version(fields), try req.user.id, req)
        return done(req, patient, record, outcome, form == "decline" ? "Recorded that the patient declined." : "Recorded the withdrawal.")
    }

    private static func done(_ req: Request, _ patient: PatientRecord, _ record: ConsentRecord, _ outcome: ConsentQueries.Outcome, _ message: String) -> Response {
        req.redirect(to: SitePath.consent(patient.id, record.id ?? UUID()), flash: outcome == .done
            ? Flash(.success, message) : Flash(.warning, "Someone else acted on this consent meanwhile; nothing was changed. Here is where it stands now."))
    }

    private static func shown(_ req: Request, _ patient: PatientRecord, _ record: ConsentRecord,
                              failed: (String, FormFields, [String: String])? = nil) async throws -> Response {
        let user = try req.user
        let model = ConsentPages.ShowModel(patientID: patient.id, record: record, document: try record.decoded(),
                                           history: try await ConsentQueries.history(req, record),
                                           files: try await ConsentQueries.fileKinds(of: try record.requireID(), on: req.db),
                                           canWrite: user.can(.planWrite), canCosign: user.can(.noteSign), csrfToken: req.csrfToken,
                                           failed: failed.map { (form: $0.0, fields: $0.1, problems: $0.2) })
        return try await req.chartPage(record.label, patient, ConsentPages.show(model), status: failed == nil ? .ok : .unprocessableEntity)
    }

}
