import Foundation

/// Relief's decision support as a CDS Hooks 2.0 service, for an EHR that asks about a procedure order: the services
/// it offers (discovery), the procedure orders read from a hook's draft orders, and the cards — the same verdict,
/// rules with their facts and sources, and holds with their dates as the planning page shows.
public enum CDSHooks {
    public enum Service: String, CaseIterable, Sendable {
        case orderSelect = "relief-procedure-order-select"
        case orderSign = "relief-procedure-order-sign"
        case patientView = "relief-patient-view"

        public var hook: String {
            switch self {
            case .orderSelect: "order-select"
            case .orderSign: "order-sign"
            case .patientView: "patient-view"
            }
        }

        var title: String {
            switch self {
            case .orderSelect, .orderSign: "Relief: is this interventional pain procedure appropriate now?"
            case .patientView: "Relief: open alerts and overdue follow-ups"
            }
        }

        var description: String {
            switch self {
            case .orderSelect, .orderSign:
                "For a ServiceRequest coded with a procedure's CPT code (or Relief's intervention id): the verdict of Relief's rules for the patient on the planned day — indications, contraindications, prerequisites, payer criteria — each with the patient facts it used and its source, and the anticoagulants to hold with their last and restart days."
            case .patientView:
                "The patient's open alerts (red flags, PHQ-9 item 9, opioid dose, opioid with benzodiazepine, overdue tests, results to review) and follow-ups after procedures that are overdue."
            }
        }

        /// What Relief reads is its own record of the patient; the templates say which FHIR reads match it.
        var prefetch: JSONValue {
            switch self {
            case .orderSelect, .orderSign:
                ["patient": "Patient/{{context.patientId}}", "conditions": "Condition?patient={{context.patientId}}&clinical-status=active",
                 "medications": "MedicationStatement?patient={{context.patientId}}&status=active"]
            case .patientView: ["patient": "Patient/{{context.patientId}}"]
            }
        }
    }

    /// `GET /cds-services`.
    public static var discovery: JSONValue {
        ["services": .array(Service.allCases.map { service in
            ["hook": .string(service.hook), "id": .string(service.rawValue), "title": .string(service.title),
             "description": .string(service.description), "prefetch": service.prefetch]
        })]
    }

    /// A hook call: the patient (Relief's id, as its FHIR API names the patient) and, for the order hooks, the
    /// procedure orders among the draft orders (an order-select's selected ones only). An order naming no procedure
    /// Relief knows is none of its business, so it gets no card.
    public struct Call: Sendable {
        public let hookInstance: String
        public let patientID: UUID
        public let orders: [Order]
    }

    public struct Order: Sendable {
        /// `ServiceRequest/{id}`, as the card's topic.
        public let reference: String
        public let candidate: Candidate
    }

    public static func read(_ body: JSONValue, for service: Service, today: CalendarDate) -> Result<Call, FHIRFailures> {
        let object = body.object ?? [:]
        guard object["hook"]?.string == service.hook else { return .failure(FHIRFailures([FHIRIssue("hook", "This service answers \(service.hook).")])) }
        guard let instance = object["hookInstance"]?.string, !instance.isEmpty else { return .failure(FHIRFailures([FHIRIssue("hookInstance", "Give the hook instance.")])) }
        let context = object["context"]?.object ?? [:]
        guard let patient = context["patientId"]?.string.flatMap({ UUID(text36: $0) }) else {
            return .failure(FHIRFailures([FHIRIssue("context.patientId", "Give the patient's id in Relief (its FHIR Patient id).")]))
        }
        guard service != .patientView else { return .success(Call(hookInstance: instance, patientID: patient, orders: [])) }
        let selected = service == .orderSelect ? Set((context["selections"]?.array ?? []).compactMap(\.string)) : nil
        let requests = (context["draftOrders"]?.object?["entry"]?.array ?? []).compactMap { $0.object?["resource"]?.object }
            .filter { $0["resourceType"]?.string == "ServiceRequest" }
        let orders = requests.flatMap { request -> [Order] in
            let reference = "ServiceRequest/\(request["id"]?.string ?? "")"
            if let selected, !selected.contains(reference) { return [] }
            return candidates(request, today: today).map { Order(reference: reference, candidate: $0) }
        }
        return .success(Call(hookInstance: instance, patientID: patient, orders: orders))
    }

    /// What a ServiceRequest asks for (`FHIRInterventionSite.sites`), on the day `occurrence` names.
    static func candidates(_ request: [String: JSONValue], today: CalendarDate) -> [Candidate] {
        let occurrence = request["occurrenceDateTime"]?.string ?? request["occurrencePeriod"]?.object?["start"]?.string
        let date = occurrence.flatMap { CalendarDate(String($0.prefix(10))) } ?? today
        return FHIRInterventionSite.sites(code: request["code"]?.object, bodySite: request["bodySite"]?.array ?? []).map { Candidate($0, on: date) }
    }

    /// A decision as a card: the verdict in the summary, every rule (what it found, the facts it used, its source)
    /// and every hold with its days in the detail.
    public static func card(_ decision: Decision, order: String) -> JSONValue {
        let site = decision.candidate.site
        let indicator = switch decision.verdict {
        case .appropriate: "info"
        case .contraindicated: "critical"
        default: "warning"
        }
        var detail = ["**\(decision.verdict.title)** — \(site.label), planned \(decision.candidate.date.description)."]
        detail += decision.rules.map { rule in
            let facts = rule.facts.isEmpty ? "" : " Facts: \(rule.facts.joined(separator: "; "))."
            return "- \(rule.outcome.title): \(rule.message)\(facts) *Source: \(rule.source.citation)\(rule.source.needsVerification ? " (verify against current guideline)" : "")*"
        }
        if !decision.holds.isEmpty {
            detail.append("**Medicines to hold**")
            detail += decision.holds.map { hold in
                let days = [hold.lastDoseOn.map { "last dose \($0.description)" }, hold.restartOn.map { "restart on \($0.description)" }].compactMap { $0 }
                return "- \(hold.message)" + (days.isEmpty ? "" : " (\(days.joined(separator: ", ")))") + " *Source: \(hold.source.citation)*"
            }
        }
        let summary = "\(site.intervention.name): \(decision.verdict.title)"
        return [
            "summary": .string(String(summary.prefix(140))), "indicator": .string(indicator), "detail": .string(detail.joined(separator: "\n")),
            "source": ["label": "Relief decision support", "topic": ["system": .string(FHIR.System.intervention), "code": .string(site.intervention.id),
                                                                      "display": .string(site.intervention.name)]],
            "extension": ["relief-order": .string(order), "relief-verdict": .string(decision.verdict.rawValue)],
        ]
    }

    /// An open alert as a card, urgent ones critical.
    public static func card(_ alert: PatientAlert) -> JSONValue {
        let indicator = switch alert.severity {
        case .urgent: "critical"
        case .warning: "warning"
        case .notice: "info"
        }
        return ["summary": .string(String(alert.message.prefix(140))), "indicator": .string(indicator), "detail": .string(alert.message),
                "source": ["label": "Relief alerts"]]
    }

    /// A follow-up after a procedure, past its day and not done.
    public static func overdueCard(intervention: String, performedOn: CalendarDate, dueOn: CalendarDate, today: CalendarDate) -> JSONValue {
        let name = InterventionCatalogue.intervention(intervention)?.name ?? intervention
        let late = today.daysSince(dueOn)
        return ["summary": .string(String("Follow-up after \(name) overdue by \(late) days".prefix(140))), "indicator": "warning",
                "detail": .string("The follow-up after the \(name.lowercased()) of \(performedOn.description) was due on \(dueOn.description) and is not done."),
                "source": ["label": "Relief follow-up"]]
    }
}
