import Foundation

/// A treatment plan version as a US Core CarePlan, its goals as US Core Goals and the people and facilities its
/// components name as a US Core CareTeam. Goals and the team take the plan version's id with a suffix; a version a
/// later one replaced is `revoked`, the later one `replaces` it.
public enum FHIRCarePlan {
    /// One stored plan version, as the mapping reads it.
    public struct Version: Sendable {
        public let content: CarePlanContent
        public let status: PlanStatus
        public let author: UUID?
        /// The version this one replaced.
        public let replaces: UUID?

        public init(content: CarePlanContent, status: PlanStatus, author: UUID?, replaces: UUID?) {
            self.content = content
            self.status = status
            self.author = author
            self.replaces = replaces
        }
    }

    public static let careTeamSuffix = "-team"

    public static func goalID(_ planID: String, _ index: Int) -> String { "\(planID)-goal-\(index + 1)" }

    /// The plan, its goals and its team (none when no component names who carries it out).
    public static func records(_ plan: Version, _ header: FHIRRecordHeader, timeZone: TimeZone) -> [FHIRRecord] {
        let goals = plan.content.goals.enumerated().map { goal(plan, $0.element, index: $0.offset, header) }
        let team = careTeam(plan, header)
        return [carePlan(plan, header, goals: goals.map(\.id), team: team?.id, timeZone: timeZone)] + goals + (team.map { [$0] } ?? [])
    }

    static func carePlan(_ plan: Version, _ header: FHIRRecordHeader, goals: [String], team: String?, timeZone: TimeZone) -> FHIRRecord {
        let content = plan.content
        let category = FHIRToken("http://hl7.org/fhir/us/core/CodeSystem/careplan-category", "assess-plan")
        let activities: [JSONValue] = content.sequenced.map { component in
            let label = component.site?.label ?? component.intervention
            return ["detail": FHIR.object([
                ("kind", "ServiceRequest"),
                ("code", FHIR.concept([FHIR.coding(FHIR.System.intervention, component.intervention, component.site?.intervention.name)], text: label)),
                ("status", .string(activityStatus(component.status))),
                ("scheduledString", component.startOn.map { .string("From \($0.description); \(component.phase.title.lowercased())") }
                    ?? .string(component.phase.title)),
                ("performer", component.responsible.isEmpty ? nil : [["display": .string(component.responsible)]]),
                ("description", component.note.isEmpty ? nil : .string(component.note)),
            ])]
        }
        let summary = "\(content.title): " + content.sequenced.map { $0.site?.label ?? $0.intervention }.joined(separator: "; ")
        return FHIRRecord(.carePlan, header, members: [
            ("text", ["status": "generated", "div": .string(FHIR.narrative(summary))]),
            ("status", .string(plan.status.fhir)), ("intent", "plan"),
            ("category", [FHIR.concept([FHIR.coding(category.system!, category.code, "Assessment and Plan of Treatment")])]),
            ("title", .string(content.title)),
            ("description", .string(content.phase.title)),
            ("period", FHIR.object([("start", FHIR.date(content.startOn))])),
            ("replaces", plan.replaces.map { [FHIR.reference(.carePlan, $0.lowercasedText)] }),
            ("author", plan.author.map { FHIR.reference(.practitioner, $0.lowercasedText) }),
            ("careTeam", team.map { [FHIR.reference(.careTeam, $0)] }),
            ("goal", .array(goals.map { FHIR.reference(.goal, $0) })),
            ("activity", .array(activities)),
            ("note", FHIR.note([content.note, content.reviewOn.map { "Review on \($0.description)." } ?? ""].filter { !$0.isEmpty }.joined(separator: "\n\n"))),
        ], tokens: ["category": [category], "status": [FHIRToken("http://hl7.org/fhir/request-status", plan.status.fhir)]],
           periods: ["date": .days(content.startOn, through: nil, in: timeZone)])
    }

    static func goal(_ plan: Version, _ goal: PlanGoal, index: Int, _ header: FHIRRecordHeader) -> FHIRRecord {
        let goalHeader = FHIRRecordHeader(id: goalID(header.id, index), patientID: header.patientID, version: header.version, recorded: header.recorded,
                                          updated: header.updated)
        let (lifecycle, achievement): (String, String?) = switch goal.status {
        case .proposed: ("proposed", nil)
        case .active: ("active", "in-progress")
        case .achieved: ("completed", "achieved")
        case .notAchieved: ("completed", "not-achieved")
        case .cancelled: ("cancelled", nil)
        }
        let measure = goal.measure.flatMap(measureCode)
        let target = FHIR.object([
            ("measure", measure.map { FHIR.concept([FHIR.coding($0.system!, $0.code, goal.measure?.title)], text: goal.measure?.title) }),
            ("detailQuantity", goal.target.map { ["value": .number($0)] }),
            ("dueDate", FHIR.date(goal.targetDate)),
        ])
        return FHIRRecord(.goal, goalHeader, members: [
            ("lifecycleStatus", .string(lifecycle)),
            ("achievementStatus", achievement.map { FHIR.concept([FHIR.coding("http://terminology.hl7.org/CodeSystem/goal-achievement", $0)]) }),
            ("description", FHIR.concept([], text: goal.text)),
            ("startDate", FHIR.date(plan.content.startOn)),
            ("target", target.object?.isEmpty == false ? [target] : nil),
        ], tokens: ["lifecycle-status": [FHIRToken("http://hl7.org/fhir/goal-status", lifecycle)]],
           periods: goal.targetDate.map { ["target-date": .day($0, in: TimeZone(secondsFromGMT: 0)!)] } ?? [:])
    }

    /// Who carries out the plan's components: a team member or another facility, each named as the plan names it.
    static func careTeam(_ plan: Version, _ header: FHIRRecordHeader) -> FHIRRecord? {
        var names: [String] = []
        for component in plan.content.sequenced where !component.responsible.isEmpty && !names.contains(component.responsible) {
            names.append(component.responsible)
        }
        guard !names.isEmpty else { return nil }
        let teamHeader = FHIRRecordHeader(id: header.id + careTeamSuffix, patientID: header.patientID, version: header.version, recorded: header.recorded,
                                          updated: header.updated)
        let status = plan.status == .active || plan.status == .draft ? "active" : "inactive"
        return FHIRRecord(.careTeam, teamHeader, members: [
            ("status", .string(status)),
            ("name", .string("Care team: \(plan.content.title)")),
            ("participant", .array(names.map { name in
                let parts = plan.content.sequenced.filter { $0.responsible == name }.map { $0.site?.intervention.name ?? $0.intervention }
                return ["role": [FHIR.concept([], text: parts.joined(separator: ", "))], "member": ["display": .string(name)]]
            })),
        ], tokens: ["status": [FHIRToken("http://hl7.org/fhir/care-team-status", status)]])
    }

    private static func activityStatus(_ status: ComponentStatus) -> String {
        switch status {
        case .planned: "not-started"
        case .scheduled: "scheduled"
        case .inProgress: "in-progress"
        case .completed: "completed"
        case .stopped: "stopped"
        case .cancelled: "cancelled"
        }
    }

    /// A goal's measure: the instrument's LOINC code where it has one, else Relief's instrument id; the daily MME as
    /// its Observation is coded.
    private static func measureCode(_ measure: GoalMeasure) -> FHIRToken? {
        switch measure {
        case .dailyMME: FHIRObservation.mmeCode
        case .walkingMinutes, .other: nil
        default:
            QuestionnaireCatalogue.definition(measure.rawValue).map { definition in
                definition.loinc.map { FHIRToken(FHIR.System.loinc, $0) } ?? FHIRToken(FHIR.System.instrument, definition.id)
            }
        }
    }
}

extension FHIR {
    /// Text as a resource's XHTML narrative, escaped.
    public static func narrative(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        return "<div xmlns=\"http://www.w3.org/1999/xhtml\">\(escaped)</div>"
    }
}
