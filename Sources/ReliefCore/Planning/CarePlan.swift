/// The three steps of the practice (PRACTICE.md "Purpose and outcomes").
public enum PlanPhase: String, Coded, Codable {
    case diagnosis
    case painReduction = "pain-reduction"
    case relief

    public var title: String {
        switch self {
        case .diagnosis: "Diagnosis: find the source"
        case .painReduction: "Pain reduction: treat it"
        case .relief: "Pain relief: a lasting plan"
        }
    }
}

/// FHIR CarePlan.status, with `revised` for a version a later one replaced (FHIR `revoked`, with `replaces` on
/// the new one).
public enum PlanStatus: String, Coded, Codable {
    case draft, active, revised, completed, cancelled

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    public var fhir: String { self == .revised || self == .cancelled ? "revoked" : rawValue }
}

/// FHIR Goal.lifecycleStatus and achievement in one list.
public enum GoalStatus: String, Coded, Codable {
    case proposed, active, achieved
    case notAchieved = "not-achieved"
    case cancelled

    public var title: String { self == .notAchieved ? "Not achieved" : rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// What a goal is measured with: a questionnaire the practice scores, the daily MME, or the patient's own words.
public enum GoalMeasure: String, Coded, Codable {
    case painIntensity = "pain-intensity"
    case peg
    case odi
    case ndi
    case returnToActivities = "return-to-activities"
    case percentRelief = "percent-relief"
    case dailyMME = "daily-mme"
    case phq9 = "phq-9"
    case walkingMinutes = "walking-minutes"
    case other

    public var title: String {
        switch self {
        case .dailyMME: "Daily MME (opioid dose)"
        case .walkingMinutes: "Minutes of walking"
        case .other: "Other (say how in the goal)"
        default: QuestionnaireCatalogue.definition(rawValue)?.title ?? rawValue
        }
    }

    /// The values a target may take.
    public var range: ClosedRange<Double>? {
        switch self {
        case .painIntensity, .peg: 0...10
        case .odi, .returnToActivities, .percentRelief: 0...100
        case .ndi: 0...50
        case .phq9: 0...27
        case .dailyMME: 0...2000
        case .walkingMinutes: 0...600
        case .other: nil
        }
    }
}

public enum ComponentStatus: String, Coded, Codable {
    case planned, scheduled
    case inProgress = "in-progress"
    case completed, stopped, cancelled

    public var title: String { self == .inProgress ? "In progress" : rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// A goal of the plan (FHIR Goal): in the patient's words, with a measure, a target and a date.
public struct PlanGoal: Hashable, Codable, Sendable {
    public var text: String
    public var measure: GoalMeasure?
    public var target: Double?
    public var targetDate: CalendarDate?
    public var status: GoalStatus

    public init(text: String, measure: GoalMeasure? = nil, target: Double? = nil, targetDate: CalendarDate? = nil, status: GoalStatus = .active) {
        self.text = text
        self.measure = measure
        self.target = target
        self.targetDate = targetDate
        self.status = status
    }
}

/// One part of the plan (FHIR CarePlan.activity): a catalogue intervention where and when, who is responsible,
/// its phase and its place in the sequence.
public struct PlanComponent: Hashable, Codable, Sendable {
    public var intervention: String
    public var region: BodyArea
    public var levels: [ProcedureLevel]
    public var side: Laterality?
    public var phase: PlanPhase
    public var sequence: Int
    /// Who carries it out: a team member or another facility.
    public var responsible: String
    public var startOn: CalendarDate?
    public var status: ComponentStatus
    public var note: String

    public init(_ site: InterventionSite, phase: PlanPhase, sequence: Int, responsible: String = "", startOn: CalendarDate? = nil,
                status: ComponentStatus = .planned, note: String = "") {
        intervention = site.intervention.id
        region = site.region
        levels = site.levels
        side = site.side
        self.phase = phase
        self.sequence = sequence
        self.responsible = responsible
        self.startOn = startOn
        self.status = status
        self.note = note
    }

    public var site: InterventionSite? {
        InterventionCatalogue.intervention(intervention).map { InterventionSite(intervention: $0, region: region, levels: levels, side: side) }
    }
}

/// A personalised, multimodal plan (FHIR CarePlan): goals, components in sequence by phase, a start and a review
/// date. Its versions live in storage; this is one version's content.
public struct CarePlanContent: Hashable, Codable, Sendable {
    public var title: String
    public var phase: PlanPhase
    public var startOn: CalendarDate
    public var reviewOn: CalendarDate?
    public var goals: [PlanGoal]
    public var components: [PlanComponent]
    public var note: String

    public init(title: String, phase: PlanPhase = .painReduction, startOn: CalendarDate, reviewOn: CalendarDate? = nil, goals: [PlanGoal] = [],
                components: [PlanComponent] = [], note: String = "") {
        self.title = title
        self.phase = phase
        self.startOn = startOn
        self.reviewOn = reviewOn
        self.goals = goals
        self.components = components
        self.note = note
    }

    /// Rows the form offers; a row left empty is not part of the plan.
    public static let goalRows = 4
    public static let componentRows = 8

    public static func goalPrefix(_ row: Int) -> String { "goal.\(row)." }
    public static func componentPrefix(_ row: Int) -> String { "component.\(row)." }

    /// The components in the order they are carried out.
    public var sequenced: [PlanComponent] { components.enumerated().sorted { ($0.element.sequence, $0.offset) < ($1.element.sequence, $1.offset) }.map(\.element) }

    /// Reads the plan form. `history` holds the procedures on record, so an implant whose trial was done already is
    /// not asked to plan it again; a plan cannot start before `today`.
    public static func parse(_ fields: FormFields, today: CalendarDate, history: [ProcedureFact] = []) -> (CarePlanContent?, [String: String]) {
        var reader = FormReader(fields, today: today)
        let title = reader.text("title", limit: 120, required: "Name the plan (what it treats).")
        let phase = reader.one("phase", PlanPhase.self, required: "Choose the phase the plan starts in.")
        let startOn = reader.date("startOn", what: "The start date", allowFuture: true, required: true)
        if let startOn, startOn < today { reader.problem("startOn", "A plan cannot start in the past: start it today or later.") }
        let reviewOn = reader.date("reviewOn", what: "The review date", allowFuture: true)
        if let reviewOn, let startOn, reviewOn <= startOn { reader.problem("reviewOn", "Review the plan after it starts.") }
        let goals = (1...goalRows).compactMap { readGoal(&reader, row: $0, startOn: startOn) }
        let components = (1...componentRows).compactMap { readComponent(&reader, row: $0) }
        if components.isEmpty, reader.problems.isEmpty { reader.problem(componentPrefix(1) + "intervention", "Add at least one component to the plan.") }
        checkPrerequisites(components, history: history, reader: &reader)
        let note = reader.text("note", limit: 2000, multiline: true)
        guard reader.problems.isEmpty, let phase, let startOn else { return (nil, reader.problems) }
        return (CarePlanContent(title: title, phase: phase, startOn: startOn, reviewOn: reviewOn, goals: goals, components: components, note: note), [:])
    }

    private static func readGoal(_ reader: inout FormReader, row: Int, startOn: CalendarDate?) -> PlanGoal? {
        let prefix = goalPrefix(row)
        let names = ["text", "measure", "target", "targetDate"].map { prefix + $0 }
        guard names.contains(where: { !reader.fields[$0].isEmpty }) else { return nil }
        let text = reader.text(prefix + "text", limit: 300, required: "Say what the patient wants to achieve.")
        let measure = reader.one(prefix + "measure", GoalMeasure.self)
        let range = measure?.range ?? 0...100_000
        let target = reader.decimal(prefix + "target", in: range)
        if target != nil, measure == nil { reader.problem(prefix + "measure", "Choose what the target is measured with.") }
        let targetDate = reader.date(prefix + "targetDate", what: "The target date", allowFuture: true)
        if let targetDate, let startOn, targetDate <= startOn { reader.problem(prefix + "targetDate", "Set the target after the plan starts.") }
        let status = reader.one(prefix + "status", GoalStatus.self) ?? .active
        return PlanGoal(text: text, measure: measure, target: target, targetDate: targetDate, status: status)
    }

    private static func readComponent(_ reader: inout FormReader, row: Int) -> PlanComponent? {
        let prefix = componentPrefix(row)
        let names = ["intervention", "region", "levels", "side", "responsible", "startOn", "note"].map { prefix + $0 }
        guard names.contains(where: { !reader.fields[$0].isEmpty }) else { return nil }
        let site = InterventionSite.read(&reader, procedures: false, prefix: prefix)
        let phase = reader.one(prefix + "phase", PlanPhase.self) ?? (site?.intervention.purpose == .diagnostic ? .diagnosis : .painReduction)
        let sequence = reader.integer(prefix + "sequence", in: 1...99) ?? row
        let responsible = reader.text(prefix + "responsible", limit: 120)
        let startOn = reader.date(prefix + "startOn", what: "The start date", allowFuture: true)
        let status = reader.one(prefix + "status", ComponentStatus.self) ?? .planned
        let note = reader.text(prefix + "note", limit: 500)
        return site.map { PlanComponent($0, phase: phase, sequence: sequence, responsible: responsible, startOn: startOn, status: status, note: note) }
    }

    /// An implant needs its trial earlier in the plan or done already; a refill needs the implant.
    private static func checkPrerequisites(_ components: [PlanComponent], history: [ProcedureFact], reader: inout FormReader) {
        for (row, component) in components.enumerated() {
            guard let entry = InterventionCatalogue.intervention(component.intervention), let needed = entry.prerequisite,
                  !history.contains(where: { $0.intervention == needed }) else { continue }
            let earlier = components.contains { $0.intervention == needed && $0.sequence < component.sequence }
            guard !earlier else { continue }
            let name = InterventionCatalogue.intervention(needed)?.name.lowercased() ?? needed
            let index = rowIndex(of: row, in: reader.fields)
            reader.problem(componentPrefix(index) + "intervention",
                           "Plan the \(name) before the \(entry.name.lowercased()) (earlier in the sequence), or record it among the procedures done.")
        }
    }

    /// The form row of the `position`-th filled component row.
    private static func rowIndex(of position: Int, in fields: FormFields) -> Int {
        let filled = (1...componentRows).filter { !fields[componentPrefix($0) + "intervention"].isEmpty }
        return position < filled.count ? filled[position] : position + 1
    }

    public var fields: FormFields {
        var fields = FormFields()
        fields.set([("title", title), ("phase", phase.rawValue), ("startOn", startOn.display), ("reviewOn", reviewOn?.display), ("note", note)])
        for (index, goal) in goals.enumerated() {
            let prefix = Self.goalPrefix(index + 1)
            fields.set([(prefix + "text", goal.text), (prefix + "measure", goal.measure?.rawValue), (prefix + "target", goal.target.map(Figures.text)),
                        (prefix + "targetDate", goal.targetDate?.display), (prefix + "status", goal.status.rawValue)])
        }
        for (index, component) in components.enumerated() {
            let prefix = Self.componentPrefix(index + 1)
            fields.set((component.site?.fields(prefix: prefix) ?? [(prefix + "intervention", component.intervention)]) + [
                        (prefix + "phase", component.phase.rawValue), (prefix + "sequence", String(component.sequence)),
                        (prefix + "responsible", component.responsible), (prefix + "startOn", component.startOn?.display),
                        (prefix + "status", component.status.rawValue), (prefix + "note", component.note)])
        }
        return fields
    }
}
