import Foundation
import ReliefCore
import Vapor

/// What nobody treating the patient may miss: open chart alerts (red flags, PHQ-9 item 9) and the medication list's
/// opioid alerts, and a physician resolving an alert.
enum AlertsAPI {
    static let reasonLimit = 1000

    struct Open: Encodable {
        let id: UUID
        let code: String
        let message: String
        let raisedAt: Date
    }

    struct Resolution: Encodable {
        let id: UUID
        let resolved: Bool
    }

    struct Alerts: Encodable {
        let open: [Open]
        let medication: [JSONValue]
    }

    static let schemas: [(String, APISchema)] = [
        ("Alerts", .record([
            ("open", .array(.record([("id", .uuid), ("code", .text), ("message", .text), ("raisedAt", .dateTime)]))),
            ("medication", .array(.ref("MedicationAlert"))),
        ])),
        ("Resolution", .record([("id", .uuid), ("resolved", .boolean)])),
    ]

    static let endpoints: [APIEndpoint] = [
        APIEndpoint(.GET, ["patients", .patient, "alerts"], access: .action(.clinicalRead),
                    "Open chart alerts, and the alerts the current medication list raises (daily MME, opioid with a benzodiazepine).",
                    response: .ref("Alerts"), handler: index),
        APIEndpoint(.POST, ["patients", .patient, "alerts", .alert, "resolve"], access: .action(.alertResolve),
                    "Resolve an open alert with the reason (up to 1,000 characters). 409 when it is already resolved.",
                    request: .ref("Reason"), response: .ref("Resolution"), failures: [.conflict], handler: resolve),
    ]

    static func index(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let open = try await EvaluationQueries.openAlerts(patientID: patient.id, on: req.db)
        let medications = try await ChartEntryQueries.entries(MedicationEntry.self, patientID: patient.id, on: req.db).map(\.1)
        let rules = try await PracticeSettings.rules(on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "Flag", patientID: patient.id, detail: "alerts: \(open.count) open"))
        return try req.json(Alerts(open: open.map { Open(id: $0.id, code: $0.code, message: $0.message, raisedAt: $0.raisedAt) },
                                   medication: MedicationEntry.alerts(OpioidSummary(medications, rules: rules))))
    }

    static func resolve(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        guard let id = req.id(.alert) else { throw Abort(.notFound, reason: "No such alert.") }
        let reason = try APIReason.checked(try req.apiBody(APIReason.self).reason, limit: reasonLimit)
        guard try await EvaluationQueries.resolveAlert(id, patientID: patient.id, reason: reason, by: try req.user.id, now: req.now,
                                                       on: req.db, audit: req.transactionalAudit) else {
            throw Abort(.conflict, reason: "This alert was already resolved, or does not exist.")
        }
        return try req.json(Resolution(id: id, resolved: true))
    }
}
