import Foundation
import ReliefCore
import Vapor

/// Decision support in the JSON API (FHIR GuidanceResponse in shape): the verdict for one candidate with every rule
/// that fired and the holds it asks for, or the catalogue's candidates for the patient's diagnoses, best first.
enum DecisionSupportAPI {
    struct HoldJSON: Encodable {
        let medication: String
        let drugID: String
        let action: String
        let holdDays: Int?
        let holdHours: Int?
        let lastDoseOn: String?
        let restartAfterHours: Int?
        let restartAfter: String?
        let checks: [String]
        let note: String?
        let message: String
        let source: JSONValue

        init(_ hold: Hold) {
            medication = hold.medication
            drugID = hold.drugID
            (action, holdDays, holdHours) = switch hold.duration {
            case .days(let days): ("stop", days, nil)
            case .hours(let hours): ("stop", nil, hours)
            case .continue: ("continue", nil, nil)
            case .sharedAssessment: ("shared-assessment", nil, nil)
            }
            lastDoseOn = hold.lastDoseOn?.description
            restartAfterHours = hold.restartAfterHours
            restartAfter = hold.restartOn?.description
            checks = hold.checks
            note = hold.note
            message = hold.message
            source = hold.source.json
        }
    }

    struct RuleJSON: Encodable {
        let id: String
        let outcome: String
        let message: String
        let facts: [String]
        let source: JSONValue
    }

    struct DecisionJSON: Encodable {
        let verdict: String
        let verdictTitle: String
        let intervention: String
        let interventionName: String
        let region: String
        let levels: [String]
        let side: String?
        let date: String
        let bleedingRisk: String?
        let catalogueVersion: String
        let rules: [RuleJSON]
        let holds: [HoldJSON]

        init(_ decision: Decision) {
            let site = decision.candidate.site
            verdict = decision.verdict.rawValue
            verdictTitle = decision.verdict.title
            intervention = site.intervention.id
            interventionName = site.intervention.name
            region = site.region.rawValue
            levels = site.levels.map(\.description)
            side = site.side?.rawValue
            date = decision.candidate.date.description
            bleedingRisk = decision.bleedingRisk?.rawValue
            catalogueVersion = decision.catalogueVersion
            rules = decision.rules.map { RuleJSON(id: $0.id, outcome: $0.outcome.rawValue, message: $0.message, facts: $0.facts, source: $0.source.json) }
            holds = decision.holds.map(HoldJSON.init)
        }
    }

    struct Candidates: Encodable {
        let date: String
        let candidates: [DecisionJSON]
    }

    static let schemas: [(String, APISchema)] = [
        ("DecisionRule", .record([("id", .text), ("outcome", .string(choices: RuleOutcome.allCases.map(\.rawValue))), ("message", .text),
                                  ("facts", .array(.text)), ("source", .ref("Source"))])),
        ("DecisionHold", .record([
            ("medication", .text), ("drugID", .text), ("action", .string(choices: ["stop", "continue", "shared-assessment"])),
            ("holdDays", .nullable(.integer)), ("holdHours", .nullable(.integer)), ("lastDoseOn", .nullable(.date)),
            ("restartAfterHours", .nullable(.integer)), ("restartAfter", .nullable(.date)), ("checks", .array(.text)), ("note", .nullable(.text)),
            ("message", .text), ("source", .ref("Source")),
        ])),
        ("Decision", .record([
            ("verdict", .string(choices: Verdict.allCases.map(\.rawValue))), ("verdictTitle", .text), ("intervention", .text),
            ("interventionName", .text), ("region", .string(choices: BodyArea.allCases.map(\.rawValue))), ("levels", .array(.text)),
            ("side", .nullable(.string(choices: Laterality.allCases.map(\.rawValue)))), ("date", .date),
            ("bleedingRisk", .nullable(.string(choices: BleedingRisk.allCases.map(\.rawValue)))), ("catalogueVersion", .text),
            ("rules", .array(.ref("DecisionRule"))), ("holds", .array(.ref("DecisionHold"))),
        ])),
        ("DecisionCandidates", .record([("date", .date), ("candidates", .array(.ref("Decision")))])),
    ]

    static let query: [(name: String, description: String)] = [
        ("intervention", "The catalogue id of the candidate (required)."),
        ("region", "The body region (required): cervical, thoracic, lumbar, sacral, head, upper-limb, lower-limb, widespread."),
        ("levels", "Spinal levels, comma-separated (L4-L5, L5-S1), for procedures done at levels."),
        ("side", "left, right or bilateral, for procedures with a side."),
        ("date", "The planned day, YYYY-MM-DD; today when left out."),
        ("steroid", "The steroid planned (triamcinolone, methylprednisolone, betamethasone, dexamethasone), with steroidMg."),
        ("steroidMg", "The steroid dose in mg."),
    ]

    static let endpoints: [APIEndpoint] = [
        APIEndpoint(.GET, ["patients", .patient, "decision-support"], access: .action(.clinicalRead),
                    "Check one candidate for the patient on the planned day: the verdict, every rule with its facts and source, and the medicines to hold. 422 names each bad query parameter.",
                    response: .ref("Decision"), failures: [.unprocessableEntity], query: query, handler: decide),
        APIEndpoint(.GET, ["patients", .patient, "decision-support", "candidates"], access: .action(.clinicalRead),
                    "The catalogue's candidates for the patient's active diagnoses, each checked in its region (levels not yet chosen), best verdict first.",
                    response: .ref("DecisionCandidates"), failures: [.unprocessableEntity], query: [("date", "The planned day, YYYY-MM-DD; today when left out.")],
                    handler: candidates),
    ]

    static func decide(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let (candidate, problems) = Candidate.parse(req.queryFields(query.map(\.name)), today: req.today)
        guard let candidate else { throw ValidationFailure(fields: problems) }
        let decision = try await DecisionSupportQueries.decide(candidate, for: patient, on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "GuidanceResponse", patientID: patient.id,
                                       detail: "\(candidate.site.label) on \(candidate.date): \(decision.verdict.rawValue)"))
        return try req.json(DecisionJSON(decision))
    }

    static func candidates(req: Request) async throws -> Response {
        let patient = try await PatientQueries.patient(req)
        let fields = req.queryFields(["date"])
        var reader = FormReader(fields, today: req.today)
        let date = reader.date("date", what: "The planned date", allowFuture: true) ?? req.today
        guard reader.problems.isEmpty else { throw ValidationFailure(fields: reader.problems) }
        let ranked = try await DecisionSupportQueries.rank(for: patient, on: date, on: req.db)
        try await req.audit(AuditEntry(action: .recordView, resourceType: "GuidanceResponse", patientID: patient.id, detail: "candidates on \(date)"))
        return try req.json(Candidates(date: date.description, candidates: ranked.map(DecisionJSON.init)))
    }
}

extension Request {
    /// The named query parameters as form fields, for the parsers the forms share.
    func queryFields(_ names: [String]) -> FormFields {
        FormFields(names.compactMap { name in queryText(name).map { (name, $0) } })
    }
}
