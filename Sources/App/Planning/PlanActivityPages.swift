import Foundation
import Plot
import ReliefCore

/// The plan's "work done" section: each therapy, psychology session and medication change with who did it and the
/// goal it served, a count per component, and the form a team member records theirs with.
enum PlanActivityPages {
    struct Model {
        /// Latest first, with the author's name.
        let activities: [(record: PlanActivityRecord, activity: PlanActivity, author: String)]
        let canRecord: Bool
        let form: FormFields
        let problems: [String: String]
    }

    static func section(_ model: Model, plan: CarePlanContent, patientID: UUID, planRecordID: UUID, csrfToken: String) -> BodyNode {
        let workable = PlanActivity.workable(plan)
        let counted = model.activities.filter { !$0.record.isInError && $0.activity.attendance == .attended }
        return .tag("section", [("class", "card"), ("id", "work"), ("aria-labelledby", "work-heading")], [
            .tag("h2", [("id", "work-heading")], text: "Work done under the plan"),
            .if(!workable.isEmpty, .tag("p", [("class", "muted")], text: workable.map { component in
                let done = counted.filter { $0.activity.intervention == component.intervention }
                let name = InterventionCatalogue.intervention(component.intervention)?.name ?? component.intervention
                let noun = ActivityKind.of(component.intervention) == .medicationChange ? "change" : "session"
                return "\(name): \(done.count) \(noun)\(done.count == 1 ? "" : "s")" + (done.first.map { ", last \($0.activity.occurredOn.display)" } ?? "")
            }.joined(separator: " · "))),
            model.activities.isEmpty ? .tag("p", [("class", "muted")], text: "Nothing recorded yet.") : table(model, plan: plan, patientID: patientID,
                                                                                                              planRecordID: planRecordID, csrfToken: csrfToken),
            .if(model.canRecord && !workable.isEmpty, form(model, workable: workable, plan: plan, action: SitePath.planActivities(patientID, planRecordID),
                                                          csrfToken: csrfToken)),
        ])
    }

    private static func table(_ model: Model, plan: CarePlanContent, patientID: UUID, planRecordID: UUID, csrfToken: String) -> BodyNode {
        .tag("table", [("class", "list activities")], [
            .tableHead(["Date", "Part of the plan", "By", "Attendance", "What was done", "Measured", "Toward goal", ""]),
            .tag("tbody", [], model.activities.map { record, activity, author in
                let goal = activity.goal.flatMap { $0 <= plan.goals.count ? plan.goals[$0 - 1].text : nil }
                return .tag("tr", record.isInError ? [("class", "entered-in-error")] : [], [
                    .tag("td", text: activity.occurredOn.display),
                    .tag("td", text: "\(activity.kind.title): \(InterventionCatalogue.intervention(activity.intervention)?.name ?? activity.intervention)"),
                    .tag("td", text: author),
                    .tag("td", text: activity.attendance.title),
                    .tag("td", [], [.text(activity.detail), .if(!activity.note.isEmpty, .tag("p", [("class", "hint")], text: activity.note)),
                                    .unwrap(record.reason) { .tag("p", [("class", "error-message")], text: "Entered in error: \($0)") }]),
                    .tag("td", text: activity.measure.map { "\($0.title): \(activity.value.map(Figures.text) ?? "")" } ?? ""),
                    .tag("td", text: goal ?? ""),
                    .tag("td", [], [.if(model.canRecord && !record.isInError, inError(record, patientID: patientID, planRecordID: planRecordID, csrfToken: csrfToken))]),
                ])
            }),
        ])
    }

    private static func inError(_ record: PlanActivityRecord, patientID: UUID, planRecordID: UUID, csrfToken: String) -> BodyNode {
        let id = record.id ?? UUID()
        return .tag("details", [], [
            .tag("summary", text: "Entered in error"),
            .tag("form", [("method", "post"), ("action", SitePath.planActivityInError(patientID, planRecordID, id))], [
                Forms.csrf(csrfToken), Forms.hidden("version", String(record.version)),
                Forms.text("reason", label: "Reason", value: "", required: true, id: "reason-\(id.lowercasedText)"),
                Forms.submit("Mark entered in error", secondary: true),
            ]),
        ])
    }

    private static func form(_ model: Model, workable: [PlanComponent], plan: CarePlanContent, action: String, csrfToken: String) -> BodyNode {
        let form = BoundForm(fields: model.form, problems: model.problems)
        let parts = workable.map { Forms.Option(value: $0.intervention, title: InterventionCatalogue.intervention($0.intervention)?.name ?? $0.intervention) }
        let goals = plan.goals.enumerated().map { Forms.Option(value: String($0.offset + 1), title: $0.element.text) }
        form.note("intervention", "Part of the plan", options: parts)
        form.note("goal", "Toward goal", options: goals)
        let controls: [BodyNode] = [
            Forms.row([
                Forms.select("intervention", label: "Part of the plan", options: parts, selected: form.fields["intervention"],
                             error: form.problems["intervention"], required: true),
                form.text("occurredOn", "Date", hint: "MM/DD/YYYY", required: true),
                form.choose("attendance", "Attendance", Attendance.self, required: true),
            ]),
            form.area("detail", "What was done", hint: "Exercises and progress; what the session worked on; the medication change and why", rows: 2),
            Forms.row([
                form.choose("measure", "Functional measure", GoalMeasure.self),
                form.number("value", "Value", decimal: true, narrow: true),
                Forms.select("goal", label: "Toward goal", options: goals, selected: form.fields["goal"], error: form.problems["goal"]),
            ]),
            form.area("note", "Note", rows: 1),
        ]
        return .tag("form", [("method", "post"), ("action", action), ("class", "activity-form"), ("novalidate", nil)], [
            .tag("h3", text: "Record a session or a change"),
            Forms.errorSummary(form.errors),
            Forms.csrf(csrfToken),
            .group(controls),
            .tag("div", [("class", "actions")], [Forms.submit("Record")]),
        ])
    }
}
