import Foundation
import ReliefCore
import SQLKit
import Vapor

/// The FHIR R4 endpoint (`/fhir/R4`): the CapabilityStatement, and Patient read and search, JSON only, behind the
/// same API tokens and permission check as Relief's own API; every read audited. Errors are OperationOutcomes
/// (`ReliefErrorMiddleware`).
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
        let response = respond(resource(patient))
        response.headers.replaceOrAdd(name: .eTag, value: "W/\"\(patient.version)\"")
        response.headers.replaceOrAdd(name: .lastModified, value: HTTPDate.format(secondsSince1970: Int(patient.updatedAt.timeIntervalSince1970)))
        return response
    }

    static func searchPatients(req: Request) async throws -> Response {
        try acceptsJSON(req)
        let parameters = FormFields(urlEncoded: req.url.query ?? "").pairs.filter { $0.name != "_format" }.map { ($0.name, $0.value) }
        let (parsed, problem) = FHIRPatientSearch.parse(parameters)
        guard let search = parsed else { throw FHIRFailure(status: .badRequest, reason: problem?.message ?? "Bad search.", expression: problem?.parameter) }
        let patients = try await FHIRQueries.patients(search, on: req.db)
        try await req.audit(AuditEntry(action: .patientSearch, resourceType: "Patient", detail: "FHIR search, \(patients.count) found"))
        let base = req.absoluteURL(SitePath.fhirPatients())
        let query = { (pairs: [(String, String)]) in pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&") }
        var links: [JSONValue] = [["relation": "self", "url": .string(base + "?" + query(search.parameters + (search.after.map { [("_cursor", $0.lowercasedText)] } ?? [])))]]
        if patients.count == search.count, let last = patients.last {
            links.append(["relation": "next", "url": .string(base + "?" + query(search.parameters + [("_cursor", last.id.lowercasedText)]))])
        }
        return respond([
            "resourceType": "Bundle", "type": "searchset", "link": .array(links),
            "entry": .array(patients.map { ["fullUrl": .string(req.absoluteURL(SitePath.fhirPatient($0.id))), "resource": resource($0), "search": ["mode": "match"]] }),
        ])
    }

    // MARK: - Helpers

    private static func resource(_ patient: PatientRecord) -> JSONValue {
        FHIRPatient(id: patient.id, mrn: patient.mrn, registration: patient.registration, version: patient.version, updated: patient.updatedAt).resource
    }

    static func respond(_ json: JSONValue, status: HTTPStatus = .ok) -> Response {
        let response = Response(status: status)
        response.body = .init(data: (try? JSONEncoder().encode(json)) ?? Data())
        response.headers.contentType = mediaType
        return response
    }

    /// JSON only: `_format` or an `Accept` that asks for XML or RDF alone gets 406.
    private static func acceptsJSON(_ req: Request) throws {
        let format = (try? req.query.get(String.self, at: "_format")) ?? ""
        let accepted = format.isEmpty ? req.headers[.accept].joined(separator: ",") : format
        guard !accepted.isEmpty else { return }
        let json = ["json", "*/*", "application/*"].contains { accepted.lowercased().contains($0) }
        if !json { throw Abort(.notAcceptable, reason: "This server speaks FHIR JSON only (application/fhir+json).") }
    }
}

/// A FHIR error that names the element at fault (the OperationOutcome's `expression`).
struct FHIRFailure: AbortError {
    let status: HTTPResponseStatus
    let reason: String
    let expression: String?
}

extension Request {
    var isFHIR: Bool { url.path.hasPrefix("/fhir/") }
}
