import Fluent
import Foundation
import ReliefCore
import SQLKit

/// The audit trail as AuditEvents, for auditors.
extension FHIRQueries {
    /// A page (and one more) of the audit trail after the search's cursor, in id (which is time) order: read in
    /// batches narrowed in SQL by patient, id and the dates' outer bounds, then matched exactly, so memory stays a
    /// batch whatever the trail's length.
    static func auditEvents(_ search: FHIRSearch, on database: any Database) async throws -> [FHIRRecord] {
        let batch = 500
        let patients = search.tokens.filter { $0.name == "patient" }.flatMap(\.anyOf).compactMap { $0.code.flatMap { UUID(uuidString: String($0.suffix(36))) } }
        var found: [FHIRRecord] = []
        var after = search.after.flatMap(UUID.init(uuidString:))
        while found.count <= search.count {
            let rows = try await auditRows(on: database) { select in
                var select = select.orderBy("id").limit(batch)
                if let after { select = select.where("id", .greaterThan, after) }
                if !patients.isEmpty { select = select.where("patient_id", .in, patients) }
                if let ids = search.ids { select = select.where("id", .in, ids.compactMap(UUID.init(uuidString:))) }
                for (_, comparison, period) in search.dates {
                    if [.eq, .ge, .gt, .sa].contains(comparison) { select = select.where("occurred_at", .greaterThanOrEqual, period.start) }
                    if [.eq, .le, .lt, .eb].contains(comparison) { select = select.where("occurred_at", .lessThan, period.end) }
                }
                return select
            }
            found += rows.filter(search.matches)
            guard rows.count == batch, let last = rows.last else { break }
            after = UUID(uuidString: last.id)
        }
        return found
    }

    /// Audit rows as AuditEvents, the query shaped by `narrow`.
    static func auditRows(on database: any Database, _ narrow: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [FHIRRecord] {
        struct Row: Decodable {
            let id: UUID, occurred_at: Date, action: String, outcome: String, user_id: UUID?, user_email: String?, role: String?, ip: String?
            let user_agent: String?, patient_id: UUID?, resource_type: String?, resource_id: String?, detail: String?
        }
        let rows = try await narrow(database.sql.select().columns("id", "occurred_at", "action", "outcome", "user_id", "user_email", "role", "ip", "user_agent",
                                                                  "patient_id", "resource_type", "resource_id", "detail").from(AuditEvent.schema))
            .all(decoding: Row.self)
        return rows.map { row in
            let role = row.role.flatMap(Role.init(rawValue:))
            return FHIRAuditEvent.record(FHIRAuditEvent.Row(
                id: row.id, occurredAt: row.occurred_at, action: row.action, actionTitle: AuditAction(rawValue: row.action)?.title ?? row.action,
                succeeded: row.outcome == AuditOutcome.success.rawValue, userID: row.user_id, userIsPractitioner: role.map { $0 != .admin && $0 != .patient } ?? false,
                userEmail: row.user_email, role: role?.title ?? row.role, ip: row.ip, userAgent: row.user_agent, patientID: row.patient_id,
                resourceType: row.resource_type, resourceID: row.resource_id, detail: row.detail))
        }
    }
}
