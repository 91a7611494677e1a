import Foundation

/// A row of the audit trail as an AuditEvent, for an auditor's FHIR client: what was done (Relief's action, and
/// FHIR's create/read/update/delete/execute), when, with what outcome, by whom (a Practitioner for staff, the
/// address and the program), to which patient and record. The trail itself stays Relief's: read-only, never changed.
public enum FHIRAuditEvent {
    /// One stored row, as the mapping reads it.
    public struct Row: Sendable {
        public let id: UUID
        public let occurredAt: Date
        public let action: String
        public let actionTitle: String
        public let succeeded: Bool
        public let userID: UUID?
        /// Whether the user is served as a Practitioner (staff other than administrators).
        public let userIsPractitioner: Bool
        public let userEmail: String?
        public let role: String?
        public let ip: String?
        public let userAgent: String?
        public let patientID: UUID?
        public let resourceType: String?
        public let resourceID: String?
        public let detail: String?

        public init(id: UUID, occurredAt: Date, action: String, actionTitle: String, succeeded: Bool, userID: UUID?, userIsPractitioner: Bool,
                    userEmail: String?, role: String?, ip: String?, userAgent: String?, patientID: UUID?, resourceType: String?, resourceID: String?,
                    detail: String?) {
            self.id = id
            self.occurredAt = occurredAt
            self.action = action
            self.actionTitle = actionTitle
            self.succeeded = succeeded
            self.userID = userID
            self.userIsPractitioner = userIsPractitioner
            self.userEmail = userEmail
            self.role = role
            self.ip = ip
            self.userAgent = userAgent
            self.patientID = patientID
            self.resourceType = resourceType
            self.resourceID = resourceID
            self.detail = detail
        }
    }

    /// FHIR's action for one of Relief's: what its last word says it did ("record.create" creates, "patient.search"
    /// executes a query, a sign-in executes).
    public static func action(_ name: String) -> String {
        let verb = name.split(separator: ".").last.map(String.init) ?? name
        switch verb {
        case "create", "register", "import", "schedule", "book", "add": return "C"
        case "view", "read", "export", "download", "print": return "R"
        case "delete", "remove", "entered-in-error": return "D"
        case "search", "success", "failure", "logout", "denied", "send": return "E"
        default: return "U"
        }
    }

    public static func record(_ row: Row) -> FHIRRecord {
        let header = FHIRRecordHeader(id: row.id, patientID: row.patientID, version: 1, recorded: row.occurredAt, updated: row.occurredAt)
        let authentication = row.action.hasPrefix("login") || row.action == "logout"
        let type = authentication ? FHIR.coding("http://dicom.nema.org/resources/ontology/DCM", "110114", "User Authentication")
            : FHIR.coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation")
        let action = action(row.action)
        let who: JSONValue = row.userIsPractitioner && row.userID != nil
            ? FHIR.reference(.practitioner, row.userID!.lowercasedText, display: row.userEmail)
            : FHIR.object([("display", .string(row.userEmail ?? "Relief"))])
        var entities: [JSONValue] = []
        if let patient = row.patientID { entities.append(["what": FHIR.reference(patient: patient), "role": ["system": "http://terminology.hl7.org/CodeSystem/object-role", "code": "1", "display": "Patient"]]) }
        if let type = row.resourceType {
            entities.append(FHIR.object([("what", ["display": .string(type + (row.resourceID.map { "/\($0)" } ?? ""))]), ("detail", row.detail.map { [["type": "detail", "valueString": .string($0)]] })]))
        }
        let subtype = FHIRToken(FHIR.System.auditAction, row.action)
        return FHIRRecord(.auditEvent, header, members: [
            ("type", type),
            ("subtype", [FHIR.coding(subtype.system!, subtype.code, row.actionTitle)]),
            ("action", .string(action)),
            ("recorded", .string(FHIR.instant(row.occurredAt))),
            ("outcome", .string(row.succeeded ? "0" : "4")),
            ("agent", [FHIR.object([
                ("type", FHIR.concept([], text: row.role)),
                ("who", who), ("requestor", true),
                ("network", row.ip.map { ["address": .string($0), "type": "2"] }),
            ])]),
            ("source", FHIR.object([("observer", ["display": .string("Relief" + (row.userAgent.map { " (\($0))" } ?? ""))])])),
            ("entity", .array(entities)),
        ], tokens: ["action": [FHIRToken("http://hl7.org/fhir/audit-event-action", action)], "subtype": [subtype],
                    "patient": row.patientID.map { [FHIRToken(nil, $0.lowercasedText), FHIRToken(nil, "Patient/\($0.lowercasedText)")] } ?? []],
           periods: ["date": .instant(row.occurredAt)])
    }
}
