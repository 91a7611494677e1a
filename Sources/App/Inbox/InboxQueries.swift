import Fluent
import Foundation
import ReliefCore
import SQLKit

/// The clinical inbox's database work: open chart alerts and results awaiting review across the practice's patients,
/// each with its acknowledgement if someone has given one.
enum InboxQueries {
    /// Items read at most per kind; the page says when more are open.
    static let limit = 300

    enum ItemType: String, Sendable {
        case alert = "ChartAlert", result = "ServiceRequest"
    }

    struct Acknowledgement: Sendable {
        let at: Date
        let by: String
        let note: String
    }

    struct Item: Sendable {
        let type: ItemType
        let id: UUID
        let patient: PatientSummary
        let alert: PatientAlert
        /// The order's version, for reviewing a result in place.
        let version: Int
        let acknowledgement: Acknowledgement?
    }

    struct Inbox: Sendable {
        /// Worst and newest first; those nobody acknowledged before the acknowledged ones.
        let items: [Item]
        let truncated: Bool
    }

    /// `mine`: only what this user raised or ordered; nil for the whole practice.
    static func inbox(mine: UUID?, deadlines: WorkupDeadlines, today: CalendarDate, on database: any Database) async throws -> Inbox {
        let patient = "CAST(p.id AS TEXT) AS id, p.mrn, p.family_name, p.given_name, p.middle_name, p.preferred_name, p.birth_date, p.sex_at_birth, p.phone"
        let acknowledged = "k.acknowledged_at, k.note, u.name AS acknowledged_by"
        let joins = """
            JOIN patients p ON p.id = x.patient_id AND p.deleted_at IS NULL
            LEFT JOIN inbox_acknowledgements k ON k.item_id = x.id LEFT JOIN users u ON u.id = k.acknowledged_by
            """
        let mineOnly = { (column: String) -> SQLQueryString in mine.map { "AND x.\(unsafeRaw: column) = \(bind: $0)" } ?? "" }
        let alerts = try await database.sql.raw("""
            SELECT CAST(x.id AS TEXT) AS item_id, x.kind, x.message, x.raised_at, \(unsafeRaw: patient), \(unsafeRaw: acknowledged)
            FROM chart_alerts x \(unsafeRaw: joins)
            WHERE x.resolved_at IS NULL \(mineOnly("raised_by"))
            ORDER BY x.raised_at DESC LIMIT \(literal: limit + 1)
            """).all().map { row in
            Item(type: .alert, id: try SQLRowReader(row: row).uuid("item_id"), patient: try PatientSummary(row: SQLRowReader(row: row)),
                 alert: PatientAlert(kind: try row.decode(column: "kind", as: String.self) == ChartAlertKind.redFlag ? .redFlag : .questionnaireAnswer,
                                     message: try row.decode(column: "message", as: String.self), since: try row.decode(column: "raised_at", as: Date.self)),
                 version: 0, acknowledgement: try acknowledgement(row))
        }
        let results = try await database.sql.raw("""
            SELECT CAST(x.id AS TEXT) AS item_id, x.test, x.request, x.ordered_on, x.resulted_on, x.version, \(unsafeRaw: patient), \(unsafeRaw: acknowledged)
            FROM workup_orders x \(unsafeRaw: joins)
            WHERE x.status = 'resulted' \(mineOnly("created_by"))
            ORDER BY x.resulted_on DESC LIMIT \(literal: limit + 1)
            """).all().compactMap { row -> Item? in
            let reader = SQLRowReader(row: row)
            let stored = WorkupQueries.OutstandingRow(id: try reader.uuid("item_id"), test: try reader.text("test"), status: OrderStatus.resulted.rawValue,
                                                      orderedOn: try reader.text("ordered_on"), resultedOn: try reader.optionalText("resulted_on"),
                                                      request: try reader.text("request"), result: nil)
            guard let order = stored.outstanding else { return nil }
            return Item(type: .result, id: stored.id, patient: try PatientSummary(row: reader),
                        alert: PatientAlert.awaitingReview(order, deadlines: deadlines, today: today),
                        version: try row.decode(column: "version", as: Int.self), acknowledgement: try acknowledgement(row))
        }
        let items: [Item] = PatientAlert.worstFirst(Array(alerts.prefix(limit)) + Array(results.prefix(limit)), \.alert)
        let (new, seen) = (items.filter { $0.acknowledgement == nil }, items.filter { $0.acknowledgement != nil })
        return Inbox(items: new + seen, truncated: alerts.count > limit || results.count > limit)
    }

    private static func acknowledgement(_ row: any SQLRow) throws -> Acknowledgement? {
        guard let at = try row.decode(column: "acknowledged_at", as: Date?.self) else { return nil }
        return Acknowledgement(at: at, by: try row.decode(column: "acknowledged_by", as: String?.self) ?? "unknown",
                               note: try row.decode(column: "note", as: String?.self) ?? "")
    }

    /// Counted up by the database whenever the inbox may have changed (migration 0028).
    static func version(on database: any Database) async throws -> Int {
        try await database.sql.raw("SELECT value FROM counters WHERE name = 'inbox'").first()?.decode(column: "value", as: Int.self) ?? 0
    }

    /// Open items nobody has acknowledged yet: the count beside "Inbox" in the navigation. Each half reads one
    /// partial index of open rows.
    static func newCount(on database: any Database) async throws -> Int {
        let open = { (table: String, condition: String) -> String in
            """
            (SELECT COUNT(*) FROM \(table) x WHERE \(condition)
             AND NOT EXISTS (SELECT 1 FROM inbox_acknowledgements k WHERE k.item_id = x.id)
             AND EXISTS (SELECT 1 FROM patients p WHERE p.id = x.patient_id AND p.deleted_at IS NULL))
            """
        }
        return try await database.sql.raw("""
            SELECT \(unsafeRaw: open("chart_alerts", "x.resolved_at IS NULL")) + \(unsafeRaw: open("workup_orders", "x.status = 'resulted'")) AS n
            """).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    enum AcknowledgeOutcome: Sendable {
        case acknowledged(patientID: UUID)
        case already(Acknowledgement)
        /// Resolved, reviewed, or never an inbox item.
        case notOpen
    }

    /// Acknowledges an open item once; whoever comes second learns who came first.
    static func acknowledge(_ itemID: UUID, note: String, by user: UUID, now: Date, on database: any Database,
                            audit: @escaping TransactionalAudit) async throws -> AcknowledgeOutcome {
        try await database.writeTransaction { database in
            let open = try await database.rows("""
                SELECT CAST(patient_id AS TEXT) AS patient_id, 'ChartAlert' AS item_type FROM chart_alerts WHERE id = \(bind: itemID) AND resolved_at IS NULL
                UNION ALL
                SELECT CAST(patient_id AS TEXT) AS patient_id, 'ServiceRequest' AS item_type FROM workup_orders WHERE id = \(bind: itemID) AND status = 'resulted'
                """) { (try $0.uuid("patient_id"), try $0.text("item_type")) }
            guard let (patientID, type) = open.first else { return .notOpen }
            let id = UUID()
            try await database.sql.raw("""
                INSERT INTO inbox_acknowledgements (id, patient_id, item_type, item_id, note, acknowledged_at, acknowledged_by)
                VALUES (\(bind: id), \(bind: patientID), \(bind: type), \(bind: itemID), \(bind: note), \(bind: now), \(bind: user))
                ON CONFLICT (item_id) DO NOTHING
                """).run()
            let stored = try await database.sql.raw("""
                SELECT CAST(k.id AS TEXT) AS id, k.acknowledged_at, k.note, u.name AS acknowledged_by FROM inbox_acknowledgements k
                LEFT JOIN users u ON u.id = k.acknowledged_by WHERE k.item_id = \(bind: itemID)
                """).all().map { (try SQLRowReader(row: $0).uuid("id"), try acknowledgement($0)) }
            if let (storedID, first) = stored.first, storedID != id, let first { return .already(first) }
            try await audit(AuditEntry(action: .alertAcknowledge, resourceType: type, resourceID: itemID.uuidString, patientID: patientID), database)
            return .acknowledged(patientID: patientID)
        }
    }
}
