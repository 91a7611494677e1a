import Foundation
import ReliefCore
import Vapor

/// FHIR Bulk Data export (Bulk Data Access 2.0): kick-off at system, Patient and Group level answers 202 with the
/// status address; the status answers 202 with progress until the manifest; DELETE cancels; the NDJSON files are
/// fetched with the same token. Only the user who asked sees the export, its status and its files; each step is audited.
enum FHIRExportController {
    static func system(req: Request) async throws -> Response { try await kickOff(.system, group: nil, req) }
    static func patients(req: Request) async throws -> Response { try await kickOff(.patient, group: nil, req) }

    static func group(req: Request) async throws -> Response {
        guard let id = req.text(.resource), try await FHIRQueries.record(.group, id: id, on: req.db) != nil else {
            throw Abort(.notFound, reason: "No Group with this id.")
        }
        return try await kickOff(.group, group: id, req)
    }

    private static func kickOff(_ level: FHIRExportRequest.Level, group: String?, _ req: Request) async throws -> Response {
        try FHIRController.acceptsJSON(req)
        guard req.headers["Prefer"].contains(where: { $0.lowercased().contains("respond-async") }) else {
            throw FHIRFailure(status: .badRequest, reason: "An export runs in the background: send Prefer: respond-async.", expression: nil)
        }
        // A GET asks in its query; a POST in a Parameters resource.
        let pairs = req.method == .POST
            ? try FHIRExportRequest.pairs(fromParameters: try FHIRWriteController.body(req))
                .mapError { FHIRFailure(status: .badRequest, reason: $0.message, expression: $0.parameter) }.get()
            : FHIRController.queryPairs(req)
        let request: FHIRExportRequest
        switch FHIRExportRequest.parse(level, groupID: group, pairs) {
        case .success(let parsed): request = parsed
        case .failure(let problem): throw FHIRFailure(status: .badRequest, reason: problem.message, expression: problem.parameter)
        }
        let user = try req.user
        let id = try await FHIRExportQueries.create(request, url: req.absoluteURL(req.url.string), by: user.id, now: req.now, on: req.db)
        try await req.audit(AuditEntry(action: .fhirExport, resourceType: "Bulk export", resourceID: id.uuidString,
                                       detail: "asked: \(level.rawValue)\(group.map { " \($0)" } ?? ""), \(request.types.joined(separator: ","))"))
        FHIRExportWorker.start(req.application)
        let response = Response(status: .accepted)
        response.headers.replaceOrAdd(name: "Content-Location", value: req.absoluteURL(SitePath.fhirExportStatus(id)))
        return response
    }

    static func status(req: Request) async throws -> Response {
        let job = try await ownJob(req)
        switch job.status {
        case "accepted", "running":
            let response = Response(status: .accepted)
            response.headers.replaceOrAdd(name: "X-Progress", value: job.progress)
            response.headers.replaceOrAdd(name: "Retry-After", value: "5")
            return response
        case "completed":
            let output: [JSONValue] = job.files.map { file in
                ["type": .string(file.type), "url": .string(req.absoluteURL(SitePath.fhirExportFile(job.id, file.name))), "count": .number(Double(file.count))]
            }
            let manifest: JSONValue = ["transactionTime": .string(FHIR.instant(job.transaction_time)), "request": .string(job.request_url),
                                       "requiresAccessToken": true, "output": .array(output), "error": []]
            let response = Response(status: .ok, body: .init(data: Data(manifest.jsonBytes)))
            response.headers.contentType = .json
            return response
        case "failed": throw Abort(.internalServerError, reason: "The export failed: \(job.error ?? "unknown error"). Ask for it again.")
        default: throw Abort(.notFound, reason: "No export with this address.")
        }
    }

    static func cancel(req: Request) async throws -> Response {
        let job = try await ownJob(req)
        guard try await FHIRExportQueries.cancel(job.id, now: req.now, on: req.db) else { throw Abort(.notFound, reason: "No export with this address.") }
        // A running export removes its own files when it sees the cancellation.
        if job.status != "running" { try? FileManager.default.removeItem(at: FHIRExportWorker.directory(req.application, job.id)) }
        try await req.audit(AuditEntry(action: .fhirExport, resourceType: "Bulk export", resourceID: job.id.uuidString, detail: "cancelled"))
        return Response(status: .accepted)
    }

    static func file(req: Request) async throws -> Response {
        let job = try await ownJob(req)
        guard job.status == "completed", let name = req.text(.file), let file = job.files.first(where: { $0.name == name }) else {
            throw Abort(.notFound, reason: "No such file in this export.")
        }
        try await req.audit(AuditEntry(action: .fhirExport, resourceType: file.type, resourceID: job.id.uuidString, detail: "file \(name), \(file.count) resources"))
        let path = FHIRExportWorker.directory(req.application, job.id).appendingPathComponent(file.name).path
        let response = try await req.fileio.asyncStreamFile(at: path)
        response.headers.contentType = HTTPMediaType(type: "application", subType: "fhir+ndjson")
        return response
    }

    /// The export the address names, if the user asked for it (anyone else is told there is none).
    private static func ownJob(_ req: Request) async throws -> FHIRExportQueries.Job {
        guard let id = req.id(.export), let job = try await FHIRExportQueries.find(id, on: req.db), job.requestedBy == (try req.user.id) else {
            throw Abort(.notFound, reason: "No export with this address.")
        }
        return job
    }
}
