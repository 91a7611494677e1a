import Foundation
import ReliefCore
import Vapor

/// `POST /fhir/R4` with a Bundle: another system's records imported as `relief fhir import` does. A batch imports
/// what it can and answers each entry; a transaction is all or nothing — one entry Relief would refuse or not keep
/// (a type it does not import) and nothing is saved, the 422 naming each.
enum FHIRBundleController {
    static func process(req: Request) async throws -> Response {
        try FHIRController.acceptsJSON(req)
        let json = try FHIRWriteController.body(req)
        let type = json.object?["type"]?.string
        guard json.object?["resourceType"]?.string == "Bundle", type == "transaction" || type == "batch" else {
            throw FHIRFailure(status: .badRequest, reason: "Send a Bundle of type transaction or batch.", expression: "Bundle.type")
        }
        let plan = FHIRImportPlan(json)
        let count = json.object?["entry"]?.array?.count ?? 0
        let importer = FHIRImporter(database: req.db, user: try req.user.id, now: req.now, today: req.today, audit: req.transactionalAudit)
        let outcomes: [FHIRImportOutcome]
        if type == "transaction" {
            outcomes = try await req.db.writeTransaction { database in
                let outcomes = try await importer.on(database).run(plan)
                let refused = outcomes.filter { $0.action == .failed || $0.action == .skipped }.sorted { $0.index < $1.index }
                // Thrown inside the transaction, so everything it saved is rolled back.
                guard refused.isEmpty else { throw FHIRFailure(refused.flatMap(issues)) }
                return outcomes
            }
        } else {
            outcomes = try await importer.run(plan)
        }
        let report = FHIRImportReport(outcomes)
        try await req.audit(AuditEntry(action: .fhirImport, resourceType: "Bundle", detail: "\(type ?? "") of \(count): " + report.lines.prefix(20).joined(separator: "; ")))
        let byIndex = Dictionary(outcomes.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
        let entries = (0..<count).map { index in byIndex[index].map(entry) ?? ["response": ["status": "400 Bad Request"]] }
        return FHIRController.respond(["resourceType": "Bundle", "type": .string("\(type ?? "batch")-response"), "entry": .array(entries)])
    }

    /// A refused or skipped entry's issues, named by its place in the bundle.
    private static func issues(_ outcome: FHIRImportOutcome) -> [FHIRIssue] {
        let found = outcome.issues.filter { $0.severity == .error }
        let issues = found.isEmpty ? [FHIRIssue(outcome.typeName, outcome.reason ?? "Not imported.")] : found
        return issues.map { issue in
            if issue.expression.hasPrefix("Bundle.") { return issue }
            let element = issue.expression.hasPrefix(outcome.typeName) ? String(issue.expression.dropFirst(outcome.typeName.count)) : ""
            return FHIRIssue("Bundle.entry[\(outcome.index)].resource" + element, issue.message)
        }
    }

    private static func entry(_ outcome: FHIRImportOutcome) -> JSONValue {
        let status = switch outcome.action {
        case .created: "201 Created"
        case .unchanged, .merged: "200 OK"
        case .skipped, .failed: "422 Unprocessable Entity"
        }
        let issues = outcome.action == .skipped || outcome.action == .merged ? [FHIRIssue(outcome.typeName, outcome.reason ?? "", severity: .warning)] : outcome.issues
        return ["response": FHIR.object([
            ("status", .string(status)),
            ("location", outcome.record.map(JSONValue.string)),
            ("outcome", issues.isEmpty ? nil : FHIRServer.outcome(issues)),
        ])]
    }
}
