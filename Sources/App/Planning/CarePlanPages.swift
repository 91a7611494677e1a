import Foundation
import Plot
import ReliefCore

/// The treatment plan's pages: the patient's plans, the plan form (goals, then components in rows), and one version
/// with each procedure's decision-support verdict and the plan's other versions.
enum CarePlanPages {
    static func index(patientID: UUID, plans: [CarePlanRecord], canWrite: Bool) -> [BodyNode] {
        [
            .tag("div", [("class", "page-head")], [
                .tag("h1", text: "Treatment plans"),
                .if(canWrite, .link("New plan", to: SitePath.newPlan(patientID), [("class", "button")])),
            ]),
            .tag("p", [], [.link("Treatment options and procedure checks", to: SitePath.decisionSupport(patientID))]),
            plans.isEmpty
                ? .tag("p", [("class", "muted")], text: "No plan yet.")
                : .tag("table", [("class", "list")], [
                    .tableHead(["Plan", "Status", "Version", "Starts", "Review"]),
                    .tag("tbody", [], plans.map { record in
                        .tag("tr", [], [
                            .tag("td", [], [.link(record.title, to: SitePath.plan(patientID, record.id ?? UUID()))]),
                            .tag("td", text: record.planStatus.title),
                            .tag("td", text: String(record.number)),
                            .tag("td", text: CalendarDate(record.startOn)?.display ?? record.startOn),
                            .tag("td", text: record.reviewOn.flatMap(CalendarDate.init)?.display ?? ""),
                        ])
                    }),
                ]),
        ]
    }

    struct FormModel {
        let patientID: UUID
        let action: String
        let fields: FormFields
        var problems: [String: String] = [:]
        var version: Int?
        var conflict: String?
    }

    static func form(_ model: FormModel, csrfToken: String) -> [BodyNode] {
        let form = BoundForm(fields: model.fields, problems: model.problems)
        let controls: [BodyNode] = [
            Forms.section("Plan", [
                form.text("title", "What the plan treats", required: true),
                Forms.row([
                    form.choose("phase", "Phase it starts in", PlanPhase.self, required: true),
                    form.text("startOn", "Starts", hint: "MM/DD/YYYY, today or later", required: true),
                    form.text("reviewOn", "Review", hint: "MM/DD/YYYY"),
                ]),
            ]),
            Forms.section("Goals", (1...CarePlanContent.goalRows).map { row in goalRow(form, row) }),
            Forms.section("Components", [
                .tag("p", [("class", "hint")], text: "Procedures, therapies, medication changes and referrals, in the order they are done (sequence). "
                     + "Rows left empty are not part of the plan."),
            ] + (1...CarePlanContent.componentRows).map { row in componentRow(form, row) }),
            form.area("note", "Note", rows: 3),
        ]
        return [
            .tag("h1", text: model.version == nil ? "New treatment plan" : "Edit treatment plan"),
            .tag("p", [], [.link("Check a procedure against the chart first", to: SitePath.decisionSupport(model.patientID))]),
            .unwrap(model.conflict) { .tag("div", [("class", "notice warning"), ("role", "alert")], text: $0) },
            Forms.errorSummary(form.errors),
            .tag("form", [("method", "post"), ("action", model.action), ("novalidate", nil)], [
                Forms.csrf(csrfToken),
                .unwrap(model.version) { Forms.hidden("version", String($0)) },
                .group(controls),
                .tag("div", [("class", "actions")], [Forms.submit("Save draft")]),
            ]),
        ]
    }

    private static func goalRow(_ form: BoundForm, _ row: Int) -> BodyNode {
        let prefix = CarePlanContent.goalPrefix(row)
        return .tag("fieldset", [("class", "plan-row")], [
            .tag("legend", text: "Goal \(row)"),
            form.text(prefix + "text", "Goal", hint: row == 1 ? "In the patient's words: walk 30 minutes, back to work" : nil),
            Forms.row([
                form.choose(prefix + "measure", "Measured with", GoalMeasure.self),
                form.number(prefix + "target", "Target", decimal: true),
                form.text(prefix + "targetDate", "By", hint: "MM/DD/YYYY"),
                form.choose(prefix + "status", "Status", GoalStatus.self),
            ]),
        ])
    }

    private static func componentRow(_ form: BoundForm, _ row: Int) -> BodyNode {
        let prefix = CarePlanContent.componentPrefix(row)
        return .tag("fieldset", [("class", "plan-row")], [
            .tag("legend", text: "Component \(row)"),
            form.intervention(prefix + "intervention", "Intervention", procedures: false),
            Forms.row([
                form.choose(prefix + "region", "Region", BodyArea.self),
                form.text(prefix + "levels", "Levels", hint: "L4-L5, L5-S1"),
                form.choose(prefix + "side", "Side", Laterality.self),
                form.choose(prefix + "phase", "Phase", PlanPhase.self),
            ]),
            Forms.row([
                form.number(prefix + "sequence", "Sequence", hint: "1 first", narrow: true),
                form.text(prefix + "responsible", "Who", hint: "Team member or facility"),
                form.text(prefix + "startOn", "From", hint: "MM/DD/YYYY"),
                form.choose(prefix + "status", "Status", ComponentStatus.self),
            ]),
            form.text(prefix + "note", "Note"),
        ])
    }

    struct ShowModel {
        let patientID: UUID
        let record: CarePlanRecord
        let content: CarePlanContent
        /// Per component in sequence.
        let verdicts: [Decision?]
        /// The patient's consents, newest first: each procedure shows the latest one for its site.
        let consents: [ConsentRecord]
        /// The patient's appointments that hold their time, in time order: each procedure shows the first for its site.
        let appointments: [Appointment]
        let versions: [CarePlanRecord]
        let canWrite: Bool
        let canBook: Bool
        let canActivate: Bool
        let csrfToken: String
        let work: PlanActivityPages.Model
    }

    static func show(_ model: ShowModel) -> [BodyNode] {
        let content = model.content, record = model.record, id = record.id ?? UUID()
        return [
            .tag("p", [], [.link("← Treatment plans", to: SitePath.plans(model.patientID))]),
            .tag("h1", text: content.title),
            .tag("p", [("class", "muted")], text: "\(record.planStatus.title) · version \(record.number) · starts \(content.startOn.display)"
                 + (content.reviewOn.map { " · review \($0.display)" } ?? "") + " · \(content.phase.title) · catalogue \(record.catalogueVersion)"),
            actions(model, id: id),
            .tag("section", [("class", "card"), ("aria-labelledby", "goals-heading")], [
                .tag("h2", [("id", "goals-heading")], text: "Goals"),
                content.goals.isEmpty ? .tag("p", [("class", "muted")], text: "No goals recorded.") : .tag("table", [("class", "list")], [
                    .tableHead(["Goal", "Measure", "Target", "By", "Status"]),
                    .tag("tbody", [], content.goals.map { goal in
                        .tag("tr", [], [goal.text, goal.measure?.title ?? "", goal.target.map(Figures.text) ?? "", goal.targetDate?.display ?? "",
                                        goal.status.title].map { .tag("td", text: $0) })
                    }),
                ]),
            ]),
            .tag("section", [("class", "card"), ("aria-labelledby", "components-heading")], [
                .tag("h2", [("id", "components-heading")], text: "Components, in sequence"),
                .tag("table", [("class", "list")], [
                    .tableHead(["#", "Intervention", "Phase", "Who", "From", "Status", "Check", "Consent", "Booked"]),
                    .tag("tbody", [], zip(content.sequenced, model.verdicts).map { component, decision in
                        .tag("tr", [], [
                            .tag("td", text: String(component.sequence)),
                            .tag("td", [], [.text(component.site?.label ?? component.intervention),
                                            .if(!component.note.isEmpty, .tag("p", [("class", "hint")], text: component.note))]),
                            .tag("td", text: component.phase.title.components(separatedBy: ":").first ?? ""),
                            .tag("td", text: component.responsible),
                            .tag("td", text: (component.startOn ?? content.startOn).display),
                            .tag("td", text: component.status.title),
                            .tag("td", [], [.unwrap(decision) { verdictCell($0, patientID: model.patientID) }]),
                            .tag("td", [], [.unwrap(decision.flatMap { $0.candidate.intervention.isProcedure ? $0 : nil }) { consentCell($0, model) }]),
                            .tag("td", [], [.unwrap(decision.flatMap { $0.candidate.intervention.isProcedure ? $0 : nil }) { bookingCell($0, model) }]),
                        ])
                    }),
                ]),
            ]),
            .if(!content.note.isEmpty, .tag("section", [("class", "card")], [.tag("h2", text: "Note"), .tag("p", text: content.note)])),
            PlanActivityPages.section(model.work, plan: content, patientID: model.patientID, planRecordID: id, csrfToken: model.csrfToken),
            .tag("section", [("class", "card"), ("aria-labelledby", "versions-heading")], [
                .tag("h2", [("id", "versions-heading")], text: "Versions"),
                .tag("ul", [], model.versions.map { version in
                    let text = "Version \(version.number): \(version.planStatus.title), saved \(version.updatedAt.formatted(.iso8601.year().month().day()))"
                    return .tag("li", [], [version.id == record.id ? .tag("strong", text: text) : .link(text, to: SitePath.plan(model.patientID, version.id ?? UUID()))])
                }),
            ]),
        ]
    }

    private static func verdictCell(_ decision: Decision, patientID: UUID) -> BodyNode {
        .group([
            .link(decision.verdict.title, to: DecisionSupportPages.checkLink(patientID: patientID, decision.candidate),
                  [("class", "verdict-\(decision.verdict.rawValue)")]),
            .if(!decision.reasons.isEmpty, .tag("p", [("class", "hint")], text: decision.reasons.prefix(2).map(\.message).joined(separator: " "))),
        ])
    }

    /// The latest consent for the component's site, or a link to prepare one.
    private static func consentCell(_ decision: Decision, _ model: ShowModel) -> BodyNode {
        if let consent = model.consents.first(where: { $0.isFor(decision.candidate.site) && $0.consentStatus != .withdrawn }) {
            return .link(consent.consentStatus.title, to: SitePath.consent(model.patientID, consent.id ?? UUID()), [("class", "consent-\(consent.status)")])
        }
        return model.canWrite ? .link("Prepare consent", to: ConsentPages.prepareLink(patientID: model.patientID, decision.candidate, planID: model.record.planID))
            : .text("None yet")
    }

    /// The procedure's appointment, or a link to book one on its planned day.
    private static func bookingCell(_ decision: Decision, _ model: ShowModel) -> BodyNode {
        if let booked = model.appointments.first(where: { $0.site == decision.candidate.site }) {
            return .link("\(booked.date.display) \(booked.time.start.display)", to: SitePath.appointment(model.patientID, booked.id))
        }
        let query = decision.candidate.site.fields() + [("date", decision.candidate.date.description), ("plan", model.record.planID.lowercasedText)]
        return model.canBook ? .link("Book", to: SitePath.newAppointment(model.patientID) + DecisionSupportPages.queryString(query)) : .text("Not yet")
    }

    private static func actions(_ model: ShowModel, id: UUID) -> BodyNode {
        let record = model.record
        let post = { (title: String, path: String) -> BodyNode in
            .tag("form", [("method", "post"), ("action", path), ("class", "inline")], [
                Forms.csrf(model.csrfToken), Forms.hidden("version", String(record.version)), Forms.submit(title, secondary: true),
            ])
        }
        return .tag("div", [("class", "actions")], [
            .if(record.planStatus == .draft && model.canWrite, .link("Edit", to: SitePath.editPlan(model.patientID, id), [("class", "button")])),
            .if(record.planStatus == .draft && model.canActivate, post("Activate", SitePath.activatePlan(model.patientID, id))),
            .if(record.planStatus == .active && model.canWrite, post("Revise", SitePath.revisePlan(model.patientID, id))),
        ])
    }
}
