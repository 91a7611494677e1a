import Foundation
import ReliefCore
import SQLKit
import Vapor

/// The FHIR R4 endpoint (`/fhir/R4`): the CapabilityStatement; Patient read, search and `$everything`; read and
/// search of every other type served. JSON only, behind the same API tokens and permission check as Relief's own API;
/// every read audited. Errors are OperationOutcomes (`ReliefErrorMiddleware`).
enum FHIRController {
    static let mediaType = HTTPMediaType(type: "application", subType: "fhir+json", parameters: ["charset": "utf-8"])

    static func metadata(req: Request) async throws -> Response {
        try acceptsJSON(req)
        return respond(FHIRServer.capabilityStatement(date: req.today))
    }

    static func readPatient(req: Request) async throws -> Response {
        try acceptsJSON(req)
        guard let id = req.id(.patient), let patient = try await PatientQueries.find(id, on: req.db) else {
            throw Abort(.notFound, reason: "No Patient with this id.")
        }
        try await req.audit(AuditEntry(action: .patientView, resourceType: "Patient", resourceID: id.uuidString, patientID: id, detail: "FHIR read"))
        return versioned(patient.fhirResource, version: patient.version, updated: patient.updatedAt)
    }

    static func searchPatients(req: Request) async throws -> Response {
        try acceptsJSON(req)
        let (parsed, problem) = FHIRPatientSearch.parse(queryPairs(req))
        guard let search = parsed else { throw FHIRFailure(status: .badRequest, reason: problem?.message ?? "Bad search.", expression: problem?.parameter) }
        let patients = try await FHIRQueries.patients(search, on: req.db)
        try await req.audit(AuditEntry(action: .patientSearch, resourceType: "Patient", detail: "FHIR search, \(patients.count) found"))
        let next = patients.count == search.count ? patients.last?.id.lowercasedText : nil
        let links = pageLinks(req.absoluteURL(SitePath.fhirPatients()), search.parameters, after: search.after?.lowercasedText, next: next)
        return respond(searchset(total: nil, links: links, entries: patients.map { patientEntry(req, $0, mode: "match") }))
    }

    /// A clinical type's search: one patient's resources (or those named by `_id`), filtered, paged by id.
    static func search(_ type: FHIRResourceType, req: Request) async throws -> Response {
        try acceptsJSON(req)
        let search: FHIRSearch
        switch FHIRSearch.parse(type, queryPairs(req), timeZone: .current) {
        case .success(let parsed): search = parsed
        case .failure(let problem): throw FHIRFailure(status: .badRequest, reason: problem.message, expression: problem.parameter)
        }
        let matches = try await FHIRQueries.matches(search, on: req.db)
        // One row for each patient whose records were found (an `_id` search may reach several), or one for the patient asked.
        let reached = Set(matches.compactMap(\.patientID))
        for patient in reached.isEmpty ? [search.patientID] : reached.map(Optional.some) {
            let found = matches.filter { $0.patientID == patient }.count
            try await req.audit(AuditEntry(action: .recordView, resourceType: type.rawValue, patientID: patient, detail: "FHIR search, \(found) found"))
        }
        if search.countOnly { return respond(searchset(total: matches.count, links: [], entries: nil)) }
        let (page, next) = search.page(of: matches)
        let included = search.includesPatient ? try await FHIRQueries.patients(ids: Set(page.compactMap(\.patientID)), on: req.db) : []
        let signatures = search.includesProvenance ? try await FHIRQueries.provenance(of: page, on: req.db) : []
        let links = pageLinks(req.absoluteURL(SitePath.fhirResources(type)()), search.parameters, after: search.after, next: next)
        let entries = page.map { recordEntry(req, $0) } + included.map { patientEntry(req, $0, mode: "include") }
            + signatures.map { recordEntry(req, $0, mode: "include") }
        // An AuditEvent search reads only as far as the page: its total is not known.
        return respond(searchset(total: type == .auditEvent ? nil : matches.count, links: links, entries: entries))
    }

    static func read(_ type: FHIRResourceType, req: Request) async throws -> Response {
        try acceptsJSON(req)
        guard let record = try await FHIRQueries.record(type, id: req.text(.resource) ?? "", on: req.db) else {
            throw Abort(.notFound, reason: "No \(type.rawValue) with this id.")
        }
        try await req.audit(AuditEntry(action: .recordView, resourceType: type.rawValue, resourceID: record.id, patientID: record.patientID, detail: "FHIR read"))
        return versioned(record.resource, version: record.header.version, updated: record.header.updated)
    }

    /// `{type}/{id}/_history/{version}`: the version a create or update gave. Relief keeps the current version to
    /// read (earlier ones live in the audit trail and revisions), so another version is 404.
    static func readVersion(_ type: FHIRResourceType, req: Request) async throws -> Response {
        try acceptsJSON(req)
        let id = req.text(type.idParameter) ?? ""
        let found: (resource: JSONValue, version: Int, updated: Date, patient: UUID?)?
        if type == .patient {
            let patient = if let uuid = UUID(text36: id) { try await PatientQueries.find(uuid, on: req.db) } else { PatientRecord?.none }
            found = patient.map { ($0.fhirResource, $0.version, $0.updatedAt, $0.id) }
        } else {
            found = try await FHIRQueries.record(type, id: id, on: req.db).map { ($0.resource, $0.header.version, $0.header.updated, $0.patientID) }
        }
        guard let found, String(found.version) == req.text(.version) else {
            throw Abort(.notFound, reason: found.map { "Relief serves the current version of this \(type.rawValue), \($0.version)." } ?? "No \(type.rawValue) with this id.")
        }
        try await req.audit(AuditEntry(action: type == .patient ? .patientView : .recordView, resourceType: type.rawValue, resourceID: id, patientID: found.patient,
                                       detail: "FHIR vread"))
        return versioned(found.resource, version: found.version, updated: found.updated)
    }

    /// `Patient/{id}/$everything`: the Patient and every clinical resource of theirs, in one bundle.
    static func everything(req: Request) async throws -> Response {
        try acceptsJSON(req)
        guard let id = req.id(.patient), let patient = try await PatientQueries.find(id, on: req.db) else {
            throw Abort(.notFound, reason: "No Patient with this id.")
        }
        let types = FHIRResourceType.records.filter(\.isPatientScoped)
        let found = try await FHIRQueries.records(types, patients: [id], on: req.db)
        let records = types.flatMap { (found[$0] ?? []).sorted { $0.id < $1.id } }
        try await req.audit(AuditEntry(action: .recordView, resourceType: "Patient", resourceID: id.uuidString, patientID: id,
                                       detail: "FHIR $everything, \(records.count + 1) resources"))
        let links: [JSONValue] = [["relation": "self", "url": .string(req.absoluteURL(SitePath.fhirEverything(id)))]]
        return respond(searchset(total: records.count + 1, links: links, entries: [patientEntry(req, patient, mode: "match")] + records.map { recordEntry(req, $0) }))
    }

    // MARK: - Helpers

    private static func searchset(total: Int?, links: [JSONValue], entries: [JSONValue]?) -> JSONValue {
        FHIR.object([("resourceType", "Bundle"), ("type", "searchset"), ("total", total.map { .number(Double($0)) }), ("link", .array(links)),
                     ("entry", entries.map(JSONValue.array))])
    }

    private static func patientEntry(_ req: Request, _ patient: PatientRecord, mode: String) -> JSONValue {
        ["fullUrl": .string(req.absoluteURL(SitePath.fhirPatient(patient.id))), "resource": patient.fhirResource, "search": ["mode": .string(mode)]]
    }

    private static func recordEntry(_ req: Request, _ record: FHIRRecord, mode: String = "match") -> JSONValue {
        ["fullUrl": .string(req.absoluteURL(SitePath.fhirResource(record.type)(record.id))), "resource": record.resource, "search": ["mode": .string(mode)]]
    }

    /// `self` with the cursor the page was asked with, and `next` after the page's last id when more may follow.
    private static func pageLinks(_ base: String, _ parameters: [(String, String)], after: String?, next: String?) -> [JSONValue] {
        let query = { (pairs: [(String, String)]) in
            base + "?" + pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        }
        let current = query(parameters + (after.map { [("_cursor", $0)] } ?? []))
        return [["relation": "self", "url": .string(current)]] + (next.map { [["relation": "next", "url": .string(query(parameters + [("_cursor", $0)]))]] } ?? [])
    }

    static func queryPairs(_ req: Request) -> [(String, String)] {
        FormFields(urlEncoded: req.url.query ?? "").pairs.filter { $0.name != "_format" }.map { ($0.name, $0.value) }
    }

    static func versioned(_ json: JSONValue, version: Int, updated: Date, status: HTTPStatus = .ok) -> Response {
        let response = respond(json, status: status)
        response.headers.replaceOrAdd(name: .eTag, value: "W/\"\(version)\"")
        response.headers.replaceOrAdd(name: .lastModified, value: HTTPDate.format(secondsSince1970: Int(updated.timeIntervalSince1970)))
        return response
    }

    static func respond(_ json: JSONValue, status: HTTPStatus = .ok, contentType: HTTPMediaType = mediaType) -> Response {
        let response = Response(status: status)
        response.body = .init(data: Data(json.jsonBytes))
        response.headers.contentType = contentType
        return response
    }

    /// JSON only: `_format` or an `Accept` that asks for XML or RDF alone gets 406.
    static func acceptsJSON(_ req: Request) throws {
        let format = (try? req.query.get(String.self, at: "_format")) ?? ""
        let accepted = format.isEmpty ? req.headers[.accept].joined(separator: ",") : format
        guard !accepted.isEmpty else { return }
        let json = ["json", "*/*", "application/*"].contains { accepted.lowercased().contains($0) }
        if !json { throw Abort(.notAcceptable, reason: "This server speaks FHIR JSON only (application/fhir+json).") }
    }
}

/// A FHIR error that names the element at fault (the OperationOutcome's `expression`), or a resource's issues.
struct FHIRFailure: AbortError {
    let status: HTTPResponseStatus
    let reason: String
    let expression: String?
    var issues: [FHIRIssue] = []

    init(status: HTTPResponseStatus, reason: String, expression: String?) {
        self.status = status
        self.reason = reason
        self.expression = expression
    }

    /// A resource refused: 422 with each problem at its element.
    init(_ issues: [FHIRIssue]) {
        self.init(status: .unprocessableEntity, reason: issues.first?.message ?? "The resource is not valid.", expression: issues.first?.expression)
        self.issues = issues
    }
}

extension Request {
    var isFHIR: Bool { url.path.hasPrefix("/fhir/") }
    /// CDS Hooks, which outside systems call with an API token as they call FHIR.
    var isCDSHooks: Bool { url.path == "/cds-services" || url.path.hasPrefix("/cds-services/") }
}
