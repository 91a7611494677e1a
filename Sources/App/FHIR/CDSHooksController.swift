import Foundation
import ReliefCore
import Vapor

/// CDS Hooks 2.0 (`/cds-services`): discovery for anyone; each service behind an API token that may read the
/// clinical record, for a patient registered in Relief. The order services answer with the decision of the planning
/// page for each procedure order; patient-view with the banner's open alerts and overdue follow-ups. Audited.
enum CDSHooksController {
    static func discovery(req: Request) async throws -> Response {
        FHIRController.respond(CDSHooks.discovery, contentType: .json)
    }

    static func call(_ service: CDSHooks.Service, req: Request) async throws -> Response {
        let json = try FHIRWriteController.body(req)
        let call = try CDSHooks.read(json, for: service, today: req.today).mapError { failure in
            Abort(.badRequest, reason: failure.issues.map { "\($0.expression): \($0.message)" }.joined(separator: " "))
        }.get()
        guard let patient = try await PatientQueries.find(call.patientID, on: req.db) else {
            throw Abort(.notFound, reason: "No patient with this id in Relief.")
        }
        let cards = service == .patientView ? try await patientCards(patient, req) : try await orderCards(call.orders, patient, req)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "GuidanceResponse", patientID: patient.id,
                                       detail: "CDS Hooks \(service.hook) \(call.hookInstance.prefix(64)): \(cards.count) cards"))
        return FHIRController.respond(["cards": .array(cards)], contentType: .json)
    }

    private static func orderCards(_ orders: [CDSHooks.Order], _ patient: PatientRecord, _ req: Request) async throws -> [JSONValue] {
        guard !orders.isEmpty else { return [] }
        let (facts, criteria) = try await DecisionSupportQueries.inputs(for: patient, on: req.db)
        return orders.map { CDSHooks.card(DecisionSupport.decide($0.candidate, for: facts, criteria: criteria), order: $0.reference) }
    }

    private static func patientCards(_ patient: PatientRecord, _ req: Request) async throws -> [JSONValue] {
        let data = try await ChartData.load(patientID: patient.id, on: req.db)
        let alerts = ChartBanner.alerts(data, settings: try await PracticeSettings.snapshot(on: req.db), today: req.today)
        let overdue = try await FollowUpQueries.all(patientID: patient.id, on: req.db).compactMap { record -> JSONValue? in
            guard record.status == FollowUpStatus.due.rawValue, let due = CalendarDate(record.dueOn), due < req.today,
                  let performed = CalendarDate(record.performedOn) else { return nil }
            return CDSHooks.overdueCard(intervention: record.intervention, performedOn: performed, dueOn: due, today: req.today)
        }
        return alerts.map(CDSHooks.card) + overdue
    }
}
