/// The demo's treatment plans: most patients who were seen have an active plan for their main diagnosis, with a
/// procedure that fits it, physical therapy alongside, and goals measured on the practice's scales.
public enum DemoPlans {
    public static func plan(index: Int, seed: UInt64, diagnosis: DiagnosisEntry, firstVisit: CalendarDate, onOpioid: Bool) -> CarePlanContent? {
        var random = SeededGenerator(seed: (seed &* 1_299_709) ^ UInt64(index) &+ 0x91A4)
        guard random.chance(0.6) else { return nil }
        let side = diagnosis.laterality == .bilateral ? nil : diagnosis.laterality
        func site(_ id: String, _ region: BodyArea, _ levels: [String] = [], side: Laterality? = nil) -> InterventionSite {
            InterventionSite(intervention: InterventionCatalogue.intervention(id)!, region: region, levels: levels.compactMap(ProcedureLevel.init), side: side)
        }
        let procedures: [InterventionSite] = switch diagnosis.conditionCode {
        case "M51.16": [site("esi-transforaminal-lumbar", .lumbar, [random.pick(["L4-L5", "L5-S1"])], side: side ?? .left)]
        case "M47.816": [site("medial-branch-block-lumbar", .lumbar, ["L4-L5", "L5-S1"], side: .bilateral),
                         site("facet-rfa-lumbar", .lumbar, ["L4-L5", "L5-S1"], side: .bilateral)]
        case "M48.062": [site("esi-interlaminar-lumbar", .lumbar, ["L4-L5"])]
        case "M46.1": [site("si-joint-injection", .sacral, side: side)]
        case "M50.122": [site("esi-interlaminar-cervical", .cervical, ["C6-C7"])]
        case "M96.1": [site("scs-trial", .thoracic)]
        default: []
        }
        let start = firstVisit.adding(days: 14)
        let region = procedures.first?.region ?? diagnosis.condition?.area ?? .widespread
        var components: [PlanComponent] = []
        func add(_ site: InterventionSite, _ phase: PlanPhase, _ who: String, startOn: CalendarDate? = nil, note: String = "") {
            components.append(PlanComponent(site, phase: phase, sequence: components.count + 1, responsible: who, startOn: startOn, note: note))
        }
        // Implants need a psychological evaluation first (REFERENCE §4).
        if procedures.contains(where: { $0.intervention.category == .neuromodulation }) { add(site("psychotherapy", .widespread), .diagnosis, "Psychology") }
        for procedure in procedures { add(procedure, procedure.intervention.purpose == .diagnostic ? .diagnosis : .painReduction, "Dr. Priya Raman") }
        add(site("physical-therapy", region), .painReduction, "Sam Ortiz, PT", startOn: start.adding(days: 7))
        if onOpioid { add(site("medication-management", .widespread), .relief, "Nurse", note: "Taper towards the lowest dose that keeps the patient active") }
        let goals = [PlanGoal(text: "Pain at most 3 out of 10 most days", measure: .painIntensity, target: 3, targetDate: start.adding(days: 90)),
                     random.pick([PlanGoal(text: "Walk for 30 minutes without stopping", measure: .walkingMinutes, target: 30),
                                  PlanGoal(text: "Back to full duties at work", measure: .returnToActivities, target: 80),
                                  PlanGoal(text: "Sleep through the night", measure: .other)])].map { goal in
            var goal = goal
            goal.targetDate = goal.targetDate ?? start.adding(days: 120)
            return goal
        }
        return CarePlanContent(title: diagnosis.condition?.label ?? diagnosis.text, phase: components.first?.phase ?? .painReduction, startOn: start,
                               reviewOn: start.adding(days: 90), goals: goals, components: components)
    }

    /// The work done so far under a demo plan: weekly therapy sessions from the therapy's start (one in eight
    /// missed), walking minutes rising toward the goal, and a first medication change for a patient on opioids.
    public static func activities(index: Int, seed: UInt64, plan: CarePlanContent, today: CalendarDate) -> [PlanActivity] {
        var random = SeededGenerator(seed: (seed &* 2_750_159) ^ UInt64(index) &+ 0xAC7)
        let walkingGoal = plan.goals.firstIndex { $0.measure == .walkingMinutes }.map { $0 + 1 }
        var activities: [PlanActivity] = []
        for component in PlanActivity.workable(plan) {
            let start = component.startOn ?? plan.startOn
            switch ActivityKind.of(component.intervention) {
            case .therapySession:
                var minutes = 5 + Int(random.next() % 10)
                for week in 0..<8 where start.adding(days: week * 7) <= today {
                    let day = start.adding(days: week * 7)
                    guard !random.chance(0.125) else {
                        activities.append(PlanActivity(intervention: component.intervention, occurredOn: day, attendance: .missed, note: "No call, no show"))
                        continue
                    }
                    minutes += Int(random.next() % 5)
                    activities.append(PlanActivity(intervention: component.intervention, occurredOn: day,
                                                   detail: random.pick(["Core stability and hip hinge practice", "Graded walking, hamstring and hip flexor stretches",
                                                                        "McKenzie extension series, posture at the desk", "Aquatic walking and lumbar stabilisation"]),
                                                   measure: walkingGoal == nil ? nil : .walkingMinutes, value: walkingGoal == nil ? nil : Double(minutes), goal: walkingGoal))
                }
            case .medicationChange where start <= today:
                activities.append(PlanActivity(intervention: component.intervention, occurredOn: start.adding(days: 14),
                                               detail: "First taper step: long-acting dose lowered by 10 %; reviewed bowel and sleep", goal: 1))
            default:
                continue
            }
        }
        return activities.filter { $0.occurredOn <= today }
    }
}

