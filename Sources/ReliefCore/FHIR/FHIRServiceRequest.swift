import Foundation

/// A work-up order as a US Core ServiceRequest, and its result as a DiagnosticReport based on it. Relief's test
/// catalogue has no standard codes yet, so the test is coded `urn:relief:workup-test` with its label as text; the
/// category (imaging, laboratory…) is HL7's v2 diagnostic service section for the report.
public enum FHIRServiceRequest {
    /// What one stored order holds, as the mapping reads it.
    public struct Order: Sendable {
        public let order: WorkupOrder
        public let status: OrderStatus
        public let orderedOn: CalendarDate
        public let scheduledFor: CalendarDate?
        public let result: WorkupResult?
        public let reviewComment: String?
        public let cancelReason: String?
        public let orderer: UUID?

        public init(order: WorkupOrder, status: OrderStatus, orderedOn: CalendarDate, scheduledFor: CalendarDate?, result: WorkupResult?,
                    reviewComment: String?, cancelReason: String?, orderer: UUID?) {
            self.order = order
            self.status = status
            self.orderedOn = orderedOn
            self.scheduledFor = scheduledFor
            self.result = result
            self.reviewComment = reviewComment
            self.cancelReason = cancelReason
            self.orderer = orderer
        }
    }

    /// The report of an order shares its id, with this suffix (one report per order).
    public static let reportSuffix = "-report"

    public static func record(_ stored: Order, _ header: FHIRRecordHeader, timeZone: TimeZone) -> FHIRRecord {
        let status = switch stored.status {
        case .ordered, .scheduled: "active"
        case .resulted, .reviewed: "completed"
        case .cancelled: "revoked"
        }
        let code = FHIRToken(FHIR.System.workupTest, stored.order.test.rawValue)
        var periods = ["authored": FHIRPeriod.day(stored.orderedOn, in: timeZone)]
        if let day = stored.scheduledFor { periods["occurrence"] = .day(day, in: timeZone) }
        let notes = [stored.cancelReason.map { "Cancelled: \($0)" }].compactMap { $0 }
        return FHIRRecord(.serviceRequest, header, members: [
            ("status", .string(status)), ("intent", "order"),
            ("category", [FHIR.concept([FHIR.coding(FHIR.System.workupCategory, stored.order.test.category.rawValue, stored.order.test.category.title)])]),
            ("priority", .string(stored.order.priority.rawValue)),
            ("code", FHIR.concept([FHIR.coding(code.system!, code.code, stored.order.test.title)], text: stored.order.label)),
            ("occurrenceDateTime", FHIR.date(stored.scheduledFor)),
            ("authoredOn", FHIR.date(stored.orderedOn)),
            ("requester", stored.orderer.map { FHIR.reference(.practitioner, $0.lowercasedText) }),
            ("reasonCode", stored.order.reason.isEmpty ? nil : [FHIR.concept([], text: stored.order.reason)]),
            ("bodySite", stored.order.region.map { region in
                [FHIR.concept(stored.order.laterality.map { [FHIR.coding(FHIR.System.laterality, $0.rawValue, $0.title)] } ?? [],
                              text: [region.title, stored.order.laterality?.title.lowercased()].compactMap { $0 }.joined(separator: ", "))]
            }),
            ("note", .array(notes.map { ["text": .string($0)] })),
        ], tokens: ["code": [code], "status": [FHIRToken("http://hl7.org/fhir/request-status", status)],
                    "category": [FHIRToken(FHIR.System.workupCategory, stored.order.test.category.rawValue)]], periods: periods)
    }

    /// The result of a resulted (or reviewed) order: final, the day it was resulted, the report and findings as the
    /// conclusion, abnormal as the interpretation, the reviewer's comment as a note.
    public static func report(_ stored: Order, _ header: FHIRRecordHeader, timeZone: TimeZone) -> FHIRRecord? {
        guard let result = stored.result, stored.status == .resulted || stored.status == .reviewed else { return nil }
        let id = header.id + reportSuffix
        let reportHeader = FHIRRecordHeader(id: id, patientID: header.patientID, version: header.version, recorded: header.recorded, updated: header.updated)
        let section = switch stored.order.test.category {
        case .imaging: "RAD"
        case .laboratory: "LAB"
        case .electrodiagnostic: "EN"
        default: "OTH"
        }
        let category = FHIRToken(FHIR.System.diagnosticSection, section)
        let code = FHIRToken(FHIR.System.workupTest, stored.order.test.rawValue)
        let findings = result.findings.map(\.label)
        return FHIRRecord(.diagnosticReport, reportHeader, members: [
            ("basedOn", [FHIR.reference(.serviceRequest, header.id)]),
            ("status", "final"),
            ("category", [FHIR.concept([FHIR.coding(category.system!, category.code)])]),
            ("code", FHIR.concept([FHIR.coding(code.system!, code.code, stored.order.test.title)], text: stored.order.label)),
            ("effectiveDateTime", FHIR.date(result.resultedOn)),
            ("issued", .string(FHIR.instant(header.updated))),
            ("conclusion", .string(([result.report] + (findings.isEmpty ? [] : ["Findings: " + findings.joined(separator: "; ") + "."]))
                .filter { !$0.isEmpty }.joined(separator: "\n\n"))),
            ("conclusionCode", result.abnormal ? [FHIR.concept([FHIR.coding("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "A", "Abnormal")])] : nil),
        ], tokens: ["code": [code], "category": [category], "status": [FHIRToken("http://hl7.org/fhir/diagnostic-report-status", "final")]],
           periods: ["date": .day(result.resultedOn, in: timeZone)])
    }
}
