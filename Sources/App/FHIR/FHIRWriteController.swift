import Foundation
import ReliefCore
import Vapor

/// FHIR create and update of the records staff enter: Patient and the chart lists that map onto AllergyIntolerance,
/// MedicationStatement and Condition. A resource is read into Relief's values, then checked by the forms' own
/// parsers (the same refusals, at the elements they concern) and saved in one audited transaction. An update needs
/// `If-Match` with the version read (a stale one gets 412, never an overwrite); created resources answer with
/// `Location` and `ETag`. `Prefer: return=OperationOutcome` answers with what was not kept instead of the resource.
enum FHIRWriteController {
    static func create<C: FHIRWritable>(_: C.Type, req: Request) async throws -> Response {
        try FHIRController.acceptsJSON(req)
        var reader = FHIRResourceReader(try body(req), as: C.fhirType, id: nil)
        let patientID = try await patient(&reader, req)
        let content = try await checked(C.entry(&reader, base: nil), &reader, patientID: patientID, excluding: nil, req)
        let entry = try await ChartEntryQueries.create(content, patientID: patientID, by: try req.user.id, now: req.now, on: req.db,
                                                       audit: req.transactionalAudit)
        return try await answer(C.fhirType, id: try entry.requireID().lowercasedText, reader.issues, status: .created, req)
    }

    static func update<C: FHIRWritable>(_: C.Type, req: Request) async throws -> Response {
        try FHIRController.acceptsJSON(req)
        let version = try expectedVersion(req)
        let id = req.text(.resource) ?? ""
        var reader = FHIRResourceReader(try body(req), as: C.fhirType, id: id)
        guard let uuid = UUID(text36: id), let stored = try await ChartEntryQueries.find(uuid, kind: C.kind, on: req.db) else {
            throw Abort(.notFound, reason: "No \(C.fhirType.rawValue) with this id; Relief gives ids on create.")
        }
        let patientID = try await patient(&reader, req)
        guard patientID == stored.patientID else {
            throw FHIRFailure([FHIRIssue("\(C.fhirType.rawValue).\(C.fhirType.patientElement ?? "subject")", "An entry stays with its patient.")])
        }
        let base: C = try stored.decoded()
        let content = try await checked(C.entry(&reader, base: base), &reader, patientID: patientID, excluding: uuid, req)
        let outcome = try await ChartEntryQueries.update(uuid, patientID: patientID, from: version, content: content, by: try req.user.id,
                                                         now: req.now, on: req.db, audit: req.transactionalAudit)
        guard case .saved = outcome else {
            try await req.audit(AuditEntry(action: .recordUpdateConflict, resourceType: C.fhirType.rawValue, resourceID: uuid.uuidString,
                                           patientID: patientID, outcome: .failure))
            throw Abort(.preconditionFailed, reason: "This \(C.fhirType.rawValue) changed since version \(version), or was marked entered in error; read it again.")
        }
        return try await answer(C.fhirType, id: uuid.lowercasedText, reader.issues, status: .ok, req)
    }

    /// A completed QuestionnaireResponse entered as staff enter a paper form (`questionnaire.write`): scored, its
    /// alerts raised. A response is never changed afterwards (a wrong one is marked entered in error), so there is
    /// no update.
    static func createQuestionnaireResponse(req: Request) async throws -> Response {
        try FHIRController.acceptsJSON(req)
        var reader = FHIRResourceReader(try body(req), as: .questionnaireResponse, id: nil)
        let patientID = try await patient(&reader, req)
        let definitions = try await QuestionnaireQueries.definitions(on: req.db)
        guard let submission = FHIRQuestionnaireResponse.submission(&reader, definitions: definitions, today: req.today), reader.errors.isEmpty else {
            throw FHIRFailure(reader.errors)
        }
        let response = try await QuestionnaireQueries.record(submission, patientID: patientID, via: .staff, by: try req.user.id, now: req.now, on: req.db,
                                                             audit: req.transactionalAudit)
        return try await answer(.questionnaireResponse, id: try response.requireID().lowercasedText, reader.issues, status: .created, req)
    }

    /// A FHIR Questionnaire imported as an instrument the practice can hand out (clinical settings: physicians);
    /// what Relief left out comes back as warnings (`Prefer: return=OperationOutcome`); one it cannot score is 422.
    static func createQuestionnaire(req: Request) async throws -> Response {
        try FHIRController.acceptsJSON(req)
        let (imported, issues) = try await QuestionnaireQueries.importQuestionnaire(try body(req), by: try req.user.id, now: req.now, on: req.db,
                                                                                    audit: req.transactionalAudit)
        guard let imported else { throw FHIRFailure(issues) }
        let again = issues.contains { $0.expression == "Questionnaire" && $0.severity == .warning }
        return try await answer(.questionnaire, id: imported.id, issues, status: again ? .ok : .created, req)
    }

    // MARK: - Helpers

    /// The resource sent, as JSON: FHIR's or plain JSON media type, else 415; not JSON, 400.
    static func body(_ req: Request) throws -> JSONValue {
        guard let type = req.headers.contentType, type.type == "application", type.subType == "fhir+json" || type.subType == "json" else {
            throw Abort(.unsupportedMediaType, reason: "Send the resource as application/fhir+json.")
        }
        guard let data = req.body.data, let json = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw Abort(.badRequest, reason: "The body is not a JSON resource.")
        }
        return json
    }

    /// The version `If-Match` names (`W/"3"`): required, so no update overwrites a change its sender has not seen.
    static func expectedVersion(_ req: Request) throws -> Int {
        guard let header = req.headers.first(name: .ifMatch) else {
            throw Abort(.preconditionRequired, reason: "Send If-Match with the ETag of the version you read.")
        }
        let quoted = header.hasPrefix("W/") ? header.dropFirst(2) : Substring(header)
        guard quoted.hasPrefix("\""), quoted.hasSuffix("\""), quoted.count > 2, let version = PlainNumber.integer(String(quoted.dropFirst().dropLast())) else {
            throw Abort(.badRequest, reason: "If-Match takes an ETag such as W/\"3\".")
        }
        return version
    }

    /// The registered patient the resource names, or 422 at its patient element.
    private static func patient(_ reader: inout FHIRResourceReader, _ req: Request) async throws -> UUID {
        let id = reader.patientID()
        guard reader.errors.isEmpty, let id else { throw FHIRFailure(reader.errors) }
        guard try await PatientQueries.find(id, on: req.db) != nil else {
            throw FHIRFailure([FHIRIssue("\(reader.typeName).\(reader.patientElement ?? "subject")", "No Patient with this id.")])
        }
        return id
    }

    /// The entry read, checked by its list's parser and against the patient's other entries; 422 with every issue.
    private static func checked<C: FHIRWritable>(_ entry: C, _ reader: inout FHIRResourceReader, patientID: UUID, excluding id: UUID?,
                                                 _ req: Request) async throws -> C {
        guard reader.errors.isEmpty else { throw FHIRFailure(reader.errors) }
        let content = try C.parsed(entry, today: req.today).mapError { FHIRFailure($0.issues) }.get()
        let others = try await ChartEntryQueries.entries(C.self, patientID: patientID, on: req.db).filter { $0.0 != id }.map(\.1)
        let clashes = content.problems(alongside: others)
        guard clashes.isEmpty else { throw FHIRFailure(C.issues(clashes)) }
        return content
    }

    /// The saved resource as served (with its `Location` and `ETag`), or an OperationOutcome of what was not kept
    /// when the client prefers one.
    static func answer(_ type: FHIRResourceType, id: String, _ issues: [FHIRIssue], status: HTTPStatus, _ req: Request) async throws -> Response {
        guard let record = try await FHIRQueries.record(type, id: id, on: req.db) else { throw Abort(.internalServerError) }
        return answer(record.resource, type: type, id: id, version: record.header.version, updated: record.header.updated, issues, status: status, req)
    }

    static func answer(_ resource: JSONValue, type: FHIRResourceType, id: String, version: Int, updated: Date, _ issues: [FHIRIssue],
                       status: HTTPStatus, _ req: Request) -> Response {
        let prefer = req.headers.first(name: "Prefer") ?? ""
        let saved = status == .created ? "Created" : "Updated"
        let body: JSONValue? = prefer.contains("return=minimal") ? nil
            : prefer.contains("return=OperationOutcome") ? FHIRServer.outcome(issues, after: [FHIRServer.issue("informational", "\(saved) \(type.rawValue)/\(id).", severity: "information")])
            : resource
        let response = FHIRController.versioned(body ?? [:], version: version, updated: updated, status: status)
        if body == nil { response.body = .empty }
        response.headers.replaceOrAdd(name: .location, value: req.absoluteURL(SitePath.fhirVersion(type)(id, String(version))))
        return response
    }
}
