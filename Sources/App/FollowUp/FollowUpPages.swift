import Foundation
import Plot
import ReliefCore

/// A patient's follow-ups after procedures, and one follow-up: its answers once given; while open, the form for them,
/// a call that did not reach the patient, moving it and cancelling it.
enum FollowUpPages {
    struct Line {
        let id: UUID
        let procedure: String
        let when: String
        let due: String
        let status: String
    }

    struct ListModel {
        let patientID: UUID
        let lines: [Line]
        /// The signed procedures a follow-up may be added to; empty for those who cannot add one.
        let procedures: [Forms.Option]
        let fields: FormFields
        let problems: [String: String]
    }

    static func index(_ model: ListModel, csrfToken: String) -> [BodyNode] {
        let patientID = model.patientID, form = BoundForm(fields: model.fields, problems: model.problems)
        return [
            .tag("div", [("class", "page-head")], [
                .tag("h1", text: "Follow-ups after procedures"),
                .link("Timeline", to: SitePath.timeline(patientID), [("class", "button secondary")]),
            ]),
            .tag("p", text: "Each signed procedure is followed up on the practice's schedule; answers come by phone, from a link, or at a visit."),
            model.lines.isEmpty ? .tag("p", [("class", "muted")], text: "No procedures followed up yet.") : .tag("table", [("class", "list")], [
                .tableHead(["Procedure", "After", "Due", "Status"]),
                .tag("tbody", [], model.lines.map { line in
                    .tag("tr", [], [.tag("td", text: line.procedure), .tag("td", [], [.link(line.when, to: SitePath.followUp(patientID, line.id))]),
                                    .tag("td", text: line.due), .tag("td", text: line.status)])
                }),
            ]),
            .if(!model.procedures.isEmpty, .group([
                Forms.errorSummary(form.errors),
                .tag("form", [("method", "post"), ("action", SitePath.followUps(patientID)), ("novalidate", nil), ("class", "card")], [
                    .tag("h2", text: "Add a follow-up for this patient"), Forms.csrf(csrfToken),
                    Forms.row([form.option("procedure", "After", model.procedures, required: true),
                               form.text("dueOn", "Due on", hint: "MM/DD/YYYY, within two years of the procedure", required: true)]),
                    Forms.submit("Add the follow-up", secondary: true),
                ]),
            ])),
        ]
    }

    struct Detail {
        let patientID: UUID
        let id: UUID
        let version: Int
        let title: String
        let due: CalendarDate
        let status: FollowUpStatus
        let reason: String?
        /// The answers as given, by label; nil while not answered.
        let answers: [(String, String)]?
        let earlier: [String]
        let calls: [String]
        let procedureRecord: String?
        /// Where a new problem the patient told of is recorded as a complication.
        let complication: String?
        let function: FunctionScale?
        let opioids: OpioidSummary
        var fields = FormFields()
        var problems: [String: String] = [:]
        let canWrite: Bool
        /// Why the entries below were not saved: someone changed the follow-up meanwhile.
        var conflict: String?
        /// The links given to the patient for this follow-up, described.
        var links: [String] = []
    }

    /// The answers by label, as the page and the chart show them.
    static func rows(_ answers: FollowUpAnswers, scale: FunctionScale?) -> [(String, String)] {
        let rows: [(String, String?)] = [
            ("Answered", "\(answers.completedOn.display), \(answers.contact.title.lowercased())"),
            ("Relief since the procedure", "\(answers.reliefPercent) %"), ("Pain now", "\(answers.painNow)/10"),
            ("PEG", answers.peg.map { "\(Figures.text($0)) (average pain, enjoyment, activity)" }),
            (scale?.name ?? "Function", answers.function.map(Figures.text)), ("Usual activities", answers.activities?.title), ("Work", answers.work?.title),
            ("Daily opioid dose then", answers.mme.map { $0 == 0 ? "No opioids" : "\(Figures.text($0)) MME" }),
            ("Medication list", answers.medicationsReviewed ? "Reviewed with the patient" : nil),
            ("New problem since", answers.newProblem ? answers.problemNote : "None"),
            ("Overall", answers.impression?.title), ("Satisfaction", answers.satisfaction.map { FollowUpAnswers.satisfactionTitles[$0 - 1] }),
            ("Note", answers.note.isEmpty ? nil : answers.note),
        ]
        return rows.compactMap { label, value in value.map { (label, $0) } }
    }

    static func detail(_ model: Detail, csrfToken: String) -> [BodyNode] {
        let open = model.status == .due || model.status == .lost
        return [
            .tag("p", [], [.link("← Follow-ups", to: SitePath.followUps(model.patientID))]),
            .tag("h1", text: model.title),
            .unwrap(model.conflict) { .tag("p", [("class", "notice warning"), ("role", "alert")], text: $0) },
            .tag("p", [], [.text("Due \(model.due.display). \(model.status.title)" + (model.reason.map { ": \($0)." } ?? ".") + " "),
                           .unwrap(model.procedureRecord) { .link("The procedure record", to: $0) }]),
            .if(!model.earlier.isEmpty, .tag("section", [("class", "card")], [
                .tag("h2", text: "Earlier answers after this procedure"), .tag("ul", [], model.earlier.map { .tag("li", text: $0) }),
            ])),
            .if(!model.calls.isEmpty, .tag("section", [("class", "card")], [
                .tag("h2", text: "Calls that did not reach the patient"), .tag("ul", [], model.calls.map { .tag("li", text: $0) }),
            ])),
            .unwrap(model.answers) { answers in
                .tag("dl", [("class", "document-list")], answers.flatMap { [BodyNode.tag("dt", text: $0.0), .tag("dd", text: $0.1)] })
            },
            .unwrap(model.complication) { .link("Record the new problem as a complication", to: $0, [("class", "button secondary")]) },
            .if(open && model.canWrite, form(model, csrfToken: csrfToken)),
            .if(model.status == .due && model.canWrite, actions(model, csrfToken: csrfToken)),
            PatientLinkPages.section(model.links, action: open && model.canWrite ? SitePath.followUpLink(model.patientID, model.id) : nil,
                                     csrfToken: csrfToken, what: "answer these questions on their own phone or computer"),
        ]
    }

    /// The global impression of change and satisfaction as choices, for staff's form and the patient's.
    static let impressions = (1...7).compactMap(GlobalImpression.init(rawValue:)).map { Forms.Option(value: String($0.rawValue), title: $0.title) }
    static let satisfactions = FollowUpAnswers.satisfactionTitles.enumerated().map { Forms.Option(value: String($0.offset + 1), title: $0.element) }

    private static func form(_ model: Detail, csrfToken: String) -> BodyNode {
        let form = BoundForm(fields: model.fields, problems: model.problems)
        let controls: [BodyNode] = [
            Forms.row([form.text("completedOn", "Answered on", hint: "MM/DD/YYYY", required: true), form.choose("contact", "How", FollowUpContact.self, required: true)]),
            Forms.section("Pain", [
                Forms.row([form.number("reliefPercent", "Relief since the procedure (%)", hint: "0 none, 100 complete", narrow: true, required: true),
                           form.number("painNow", "Pain now (0–10)", narrow: true, required: true)]),
                Forms.row([form.number("painAverage", "Average pain, past week (0–10)", narrow: true),
                           form.number("enjoyment", "Interference with enjoyment of life (0–10)", narrow: true),
                           form.number("activity", "Interference with general activity (0–10)", narrow: true)]),
            ]),
            Forms.section("Function and everyday life", [
                .unwrap(model.function) { form.number("function", $0.name, hint: "The total, from the patient's form", decimal: true, narrow: true) },
                Forms.row([form.choose("activities", "Usual activities", ActivityReturn.self), form.choose("work", "Work", WorkStatus.self)]),
            ]),
            Forms.section("Medications", [
                OpioidCard.render(model.opioids, headingLevel: "h3"),
                Forms.checkboxes("medicationsReviewed", legend: "Medication list", options: [Forms.Option(value: "yes", title: "Reviewed with the patient and up to date")],
                                 checked: model.fields.values("medicationsReviewed")),
            ]),
            Forms.section("Since the procedure", [
                form.option("newProblem", "Any new problem since (infection, bleeding, weakness, headache…)?",
                            [Forms.Option(value: "no", title: "No"), Forms.Option(value: "yes", title: "Yes")]),
                form.area("problemNote", "What, when, and what was done", rows: 2),
                Forms.row([form.option("impression", "Overall since the procedure", impressions), form.option("satisfaction", "Satisfaction", satisfactions)]),
                form.area("note", "Note", rows: 2),
            ]),
        ]
        return .group([
            Forms.errorSummary(form.errors),
            .tag("form", [("method", "post"), ("action", SitePath.followUp(model.patientID, model.id)), ("novalidate", nil), ("class", "card")], [
                .tag("h2", text: "Answers"), Forms.csrf(csrfToken), Forms.hidden("version", String(model.version)), .group(controls),
                Forms.submit("Save the answers"),
            ]),
        ])
    }

    private static func actions(_ model: Detail, csrfToken: String) -> BodyNode {
        .tag("div", [("class", "grid")], [
            .tag("form", [("method", "post"), ("action", SitePath.followUpAttempts(model.patientID, model.id)), ("class", "card")], [
                .tag("h2", text: "A call that did not reach the patient"), Forms.csrf(csrfToken), Forms.hidden("version", String(model.version)),
                Forms.select("outcome", label: "What came of it", options: Forms.options(FollowUpAttemptOutcome.self), selected: ""),
                Forms.text("note", label: "Note", value: "", id: "call-note"), Forms.submit("Record the call", secondary: true),
            ]),
            .tag("form", [("method", "post"), ("action", SitePath.moveFollowUp(model.patientID, model.id)), ("class", "card")], [
                .tag("h2", text: "Move it"), Forms.csrf(csrfToken), Forms.hidden("version", String(model.version)),
                Forms.text("dueOn", label: "Due on", value: model.fields["dueOn"], error: model.problems["dueOn"], hint: "MM/DD/YYYY"),
                Forms.submit("Move", secondary: true),
            ]),
            .tag("form", [("method", "post"), ("action", SitePath.cancelFollowUp(model.patientID, model.id)), ("class", "card")], [
                .tag("h2", text: "Cancel it"), Forms.csrf(csrfToken), Forms.hidden("version", String(model.version)),
                Forms.text("reason", label: "Why", value: model.fields["reason"], error: model.problems["reason"], hint: "Like: repeat procedure booked"),
                Forms.submit("Cancel the follow-up", secondary: true),
            ]),
        ])
    }
}
