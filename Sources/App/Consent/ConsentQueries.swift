import Fluent
import Foundation
import ReliefCore

/// Informed consents' database work, each change in one transaction with its audit row. Every step after preparing
/// moves the consent from one status to the next under its version, so two people acting at once cannot both win.
enum ConsentQueries {
    enum Outcome: Equatable { case done, conflict }
    struct FieldProblems: Error {
        let fields: [String: String]
        init(_ fields: [String: String]) { self.fields = fields }
    }

    /// The patient's consents, newest first.
    static func all(patientID: UUID, on database: any Database) async throws -> [ConsentRecord] {
        try await ConsentRecord.query(on: database).filter(\.$patientID == patientID).sort(\.$preparedAt, .descending).all()
    }

    /// The signed consent a session of `site` on `date` goes ahead under: the oldest within its days with sessions left
    /// after the procedures signed under it (other than `appointmentID`'s own).
    static func covering(_ site: InterventionSite, on date: CalendarDate, patientID: UUID, excluding appointmentID: UUID,
                         on database: any Database) async throws -> ConsentRecord? {
        let candidates = try await all(patientID: patientID, on: database).filter { $0.isFor(site) }.reversed()
        let used = try await ProcedureQueries.sessionsUsed(consentIDs: candidates.compactMap(\.id), excluding: appointmentID, on: database)
        return candidates.first { consent in consent.covers(on: date, sessionsUsed: consent.id.flatMap { used[$0] } ?? 0) }
    }

    static func find(_ id: UUID, patientID: UUID, on database: any Database) async throws -> ConsentRecord? {
        try await ConsentRecord.query(on: database).filter(\.$id == id).filter(\.$patientID == patientID).first()
    }

    /// The kinds of file kept with a consent, without their bytes.
    static func fileKinds(of consentID: UUID, on database: any Database) async throws -> Set<String> {
        try await fileKinds(of: [consentID], on: database)[consentID] ?? []
    }

    /// The kinds of file kept with each of `consentIDs`, in one query.
    static func fileKinds(of consentIDs: [UUID], on database: any Database) async throws -> [UUID: Set<String>] {
        guard !consentIDs.isEmpty else { return [:] }
        let files = try await ConsentFile.query(on: database).filter(\.$consentID ~~ consentIDs).field(\.$consentID).field(\.$kind).all()
        return files.reduce(into: [:]) { $0[$1.consentID, default: []].insert($1.kind) }
    }

    /// A consent's terms and the plan it is prepared under (one of the patient's), or the problems by field.
    static func terms(_ fields: FormFields, patientID: UUID, today: CalendarDate,
                      on database: any Database) async throws -> Result<(ConsentTerms, UUID?), FieldProblems> {
        var (terms, problems) = ConsentTerms.parse(fields, today: today)
        let plan = try await planID(fields["plan"], patientID: patientID, on: database)
        if case .failure(let problem) = plan { problems["plan"] = problem.message }
        guard let terms, case .success(let planID) = plan else { return .failure(FieldProblems(problems)) }
        return .success((terms, planID))
    }

    static func file(_ kind: ConsentAttachment.Kind, of consentID: UUID, on database: any Database) async throws -> ConsentFile? {
        try await ConsentFile.query(on: database).filter(\.$consentID == consentID).filter(\.$kind == kind.rawValue).first()
    }

    /// The plan a consent is prepared under, named by its `planID`: nil when none is named, a problem when the
    /// patient has no such plan.
    private static func planID(_ text: String, patientID: UUID, on database: any Database) async throws -> Result<UUID?, ConsentProblem> {
        guard !text.isEmpty else { return .success(nil) }
        guard let id = UUID(uuidString: text),
              try await CarePlanRecord.query(on: database).filter(\.$planID == id).filter(\.$patientID == patientID).first() != nil else {
            return .failure(ConsentProblem("No such treatment plan for this patient."))
        }
        return .success(id)
    }

    /// A consent for `terms`, its text made from the decision for this patient on the planned day.
    static func prepare(_ terms: ConsentTerms, planID: UUID?, patient: PatientRecord, by user: UUID, now: Date, on database: any Database,
                        audit: @escaping TransactionalAudit) async throws -> ConsentRecord {
        let (facts, criteria) = try await DecisionSupportQueries.inputs(for: patient, on: database)
        let decision = DecisionSupport.decide(Candidate(terms.site, on: terms.plannedOn), for: facts, criteria: criteria)
        let record = try ConsentRecord(patientID: patient.id, planID: planID, terms: terms, document: ConsentDocument(for: decision, facts: facts,
                                                                                                   experience: try await OutcomeReportQueries.experience(terms.site.intervention.id, on: database)),
                                       by: user, now: now)
        try await database.writeTransaction { database in
            try await record.create(on: database)
            try await audit(AuditEntry(action: .consentPrepare, resourceType: "Consent", resourceID: (try record.requireID()).uuidString,
                                       patientID: patient.id, detail: "\(terms.site.label) on \(terms.plannedOn)"), database)
        }
        return record
    }

    /// The patient's signature, on screen (with a drawn image or none) or on scanned paper.
    static func sign(_ record: ConsentRecord, _ signature: PatientSignature, attachment: ConsentAttachment?, from version: Int,
                     by user: UUID, now: Date, on database: any Database, audit: @escaping TransactionalAudit) async throws -> Outcome {
        try await move(record, from: [.proposed], to: .patientSigned, version: version, action: .consentSign,
                       detail: "\(signature.signer.rawValue), \(signature.method.rawValue)", on: database, audit: audit) { fresh, database in
            fresh.answeredAt = now
            fresh.answerRecordedBy = user
            fresh.signer = signature.signer.rawValue
            fresh.signerName = signature.name
            fresh.relationship = signature.relationship
            fresh.witness = signature.witness
            fresh.signatureMethod = signature.method.rawValue
            if let attachment { try await ConsentFile(consentID: try fresh.requireID(), attachment, by: user, now: now).create(on: database) }
        }
    }

    static func decline(_ record: ConsentRecord, reason: String, from version: Int, by user: UUID, now: Date, on database: any Database,
                        audit: @escaping TransactionalAudit) async throws -> Outcome {
        try await move(record, from: [.proposed], to: .declined, version: version, action: .consentDecline, detail: reason,
                       on: database, audit: audit) { fresh, _ in
            fresh.answeredAt = now
            fresh.answerRecordedBy = user
            fresh.reason = reason
        }
    }

    static func cosign(_ record: ConsentRecord, from version: Int, by user: UUID, now: Date, on database: any Database,
                       audit: @escaping TransactionalAudit) async throws -> Outcome {
        try await move(record, from: [.patientSigned], to: .active, version: version, action: .consentCosign, detail: nil,
                       on: database, audit: audit) { fresh, _ in
            fresh.cosignedAt = now
            fresh.cosignedBy = user
        }
    }

    /// A consent set aside before the patient answered, or withdrawn by the patient after signing.
    static func withdraw(_ record: ConsentRecord, reason: String, from version: Int, by user: UUID, now: Date, on database: any Database,
                         audit: @escaping TransactionalAudit) async throws -> Outcome {
        try await move(record, from: [.proposed, .patientSigned, .active], to: .withdrawn, version: version, action: .consentWithdraw,
                       detail: reason, on: database, audit: audit) { fresh, _ in
            fresh.withdrawnAt = now
            fresh.withdrawnBy = user
            fresh.reason = reason
        }
    }

    private static func move(_ record: ConsentRecord, from: Set<ConsentStatus>, to status: ConsentStatus, version: Int, action: AuditAction,
                             detail: String?, on database: any Database, audit: @escaping TransactionalAudit,
                             _ change: @escaping @Sendable (ConsentRecord, any Database) async throws -> Void) async throws -> Outcome {
        let id = try record.requireID()
        return try await database.writeTransaction { database in
            guard let fresh = try await ConsentRecord.find(id, on: database), from.contains(fresh.consentStatus),
                  try await RecordVersion.claim(ConsentRecord.schema, id: id, expected: version, on: database) else { return .conflict }
            fresh.version = version + 1
            fresh.status = status.rawValue
            try await change(fresh, database)
            try await fresh.update(on: database)
            try await audit(AuditEntry(action: action, resourceType: "Consent", resourceID: id.uuidString, patientID: fresh.patientID, detail: detail), database)
            return .done
        }
    }
}
