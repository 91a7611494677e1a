/// What a team member did under a treatment plan's component: a physical or occupational therapy session, a
/// psychology session, a medication change, or other work (acupuncture, a referral followed up), with the goal it
/// served and, where measured, a functional value. FHIR: a Procedure (or MedicationStatement) `basedOn` the CarePlan.
public enum ActivityKind: String, Coded, Codable {
    case therapySession = "therapy-session"
    case psychologySession = "psychology-session"
    case medicationChange = "medication-change"
    case other

    public var title: String {
        switch self {
        case .therapySession: "Therapy session"
        case .psychologySession: "Psychology session"
        case .medicationChange: "Medication change"
        case .other: "Session or step"
        }
    }

    /// The kind of work a component is done by.
    public static func of(_ intervention: String) -> ActivityKind {
        switch intervention {
        case "physical-therapy", "occupational-therapy": .therapySession
        case "psychotherapy": .psychologySession
        case "medication-management": .medicationChange
        default: .other
        }
    }
}

public enum Attendance: String, Coded, Codable {
    case attended, missed, cancelled

    public var title: String {
        switch self {
        case .attended: "Attended"
        case .missed: "Did not attend"
        case .cancelled: "Cancelled"
        }
    }
}

public struct PlanActivity: Hashable, Codable, Sendable {
    /// The component's catalogue intervention: the plan keeps it across versions, where its place in the sequence may change.
    public var intervention: String
    public var occurredOn: CalendarDate
    public var attendance: Attendance
    /// Exercises done, what the session worked on, or the medication change ("gabapentin 300 → 600 mg at night").
    public var detail: String
    public var measure: GoalMeasure?
    public var value: Double?
    /// The plan goal it worked toward, by its number in the plan (1 first).
    public var goal: Int?
    public var note: String

    public var kind: ActivityKind { ActivityKind.of(intervention) }

    public init(intervention: String, occurredOn: CalendarDate, attendance: Attendance = .attended, detail: String = "",
                measure: GoalMeasure? = nil, value: Double? = nil, goal: Int? = nil, note: String = "") {
        self.intervention = intervention
        self.occurredOn = occurredOn
        self.attendance = attendance
        self.detail = detail
        self.measure = measure
        self.value = value
        self.goal = goal
        self.note = note
    }

    /// Reads `intervention` (one of the plan's components that is not a procedure: procedures get their own records),
    /// `occurredOn` (not after today, nor before the plan started), `attendance`, `detail` (required for a medication
    /// change and an attended session), `measure` with `value` in its range, `goal` among the plan's, and `note`.
    public static func parse(_ fields: FormFields, today: CalendarDate, plan: CarePlanContent) -> (PlanActivity?, [String: String]) {
        var reader = FormReader(fields, today: today)
        let intervention = reader.text("intervention", limit: 60, required: "Choose the part of the plan.")
        if !intervention.isEmpty, !workable(plan).contains(where: { $0.intervention == intervention }) {
            reader.problem("intervention", "Choose one of the plan's therapies, medication management or other non-procedure parts.")
        }
        let occurredOn = reader.date("occurredOn", what: "The date", required: true)
        if let occurredOn, occurredOn < plan.startOn.adding(days: -30) {
            reader.problem("occurredOn", "This is long before the plan started on \(plan.startOn.display).")
        }
        let attendance = reader.one("attendance", Attendance.self, required: "Say whether the patient came.") ?? .attended
        let detail = reader.text("detail", limit: 1000, multiline: true)
        if detail.isEmpty, attendance == .attended {
            reader.problem("detail", ActivityKind.of(intervention) == .medicationChange ? "Say what was changed." : "Say what was done.")
        }
        let measure = reader.one("measure", GoalMeasure.self)
        let value = reader.decimal("value", in: measure?.range ?? 0...100_000)
        if (measure == nil) != (value == nil) { reader.problem(measure == nil ? "measure" : "value", "Give both the measure and its value, or neither.") }
        let goal = reader.integer("goal", in: 1...max(plan.goals.count, 1))
        if goal != nil, plan.goals.isEmpty { reader.problem("goal", "The plan has no goals.") }
        let note = reader.text("note", limit: 1000, multiline: true)
        guard reader.problems.isEmpty, let occurredOn else { return (nil, reader.problems) }
        return (PlanActivity(intervention: intervention, occurredOn: occurredOn, attendance: attendance, detail: detail, measure: measure,
                             value: value, goal: goal, note: note), [:])
    }

    /// The plan's components a team member records work against: everything but procedures.
    public static func workable(_ plan: CarePlanContent) -> [PlanComponent] {
        plan.sequenced.filter { InterventionCatalogue.intervention($0.intervention)?.isProcedure == false }
    }

    public var fields: FormFields {
        var fields = FormFields()
        fields.set([("intervention", intervention), ("occurredOn", occurredOn.display), ("attendance", attendance.rawValue), ("detail", detail),
                    ("measure", measure?.rawValue), ("value", value.map(Figures.text)), ("goal", goal.map(String.init)), ("note", note)])
        return fields
    }
}
