import Foundation
import Plot
import ReliefCore

/// The work-up pages: a patient's orders, the order form, one order with its next step, and the practice worklist.
enum WorkupPages {
    static let columns = ["Ordered", "Test", "Status", "Result"]

    /// One order as a table row: ordered, test, status (with "overdue"), result summary; linked to the order.
    static func row(_ order: WorkupOrder?, test: String, status: OrderStatus, orderedOn: String, resultedOn: String?, result: WorkupResult?,
                    overdue: Bool, link: String) -> ChartEntryPages.Row {
        let summary = result.map { result in
            (result.abnormal ? "Abnormal: " : "") + (result.findings.isEmpty ? "report on file" : result.findings.map(\.label).joined(separator: "; "))
        } ?? ""
        return ChartEntryPages.Row(cells: [CalendarDate(orderedOn)?.display ?? orderedOn, order?.label ?? test,
                                           status.title + (overdue ? " — overdue" : ""), summary], edit: link)
    }

    static func index(patientID: UUID, rows: [ChartEntryPages.Row], canOrder: Bool) -> [BodyNode] {
        [
            .tag("div", [("class", "page-head")], [
                .tag("h1", text: "Diagnostic work-up"),
                .if(canOrder, .link("Order a test", to: SitePath.newWorkupOrder(patientID), [("class", "button")])),
            ]),
            ChartEntryPages.table(columns, rows, empty: "No tests ordered.", link: ("Order", "Open")),
        ]
    }

    static func orderForm(patientID: UUID, form: BoundForm, errors: [(name: String, message: String)], csrfToken: String) -> [BodyNode] {
        [
            .tag("h1", text: "Order a test"),
            Forms.errorSummary(errors),
            .tag("form", [("method", "post"), ("action", SitePath.workup(patientID)), ("class", "entry-form"), ("novalidate", nil)], [
                Forms.csrf(csrfToken),
                form.choose("test", "Test", WorkupTest.self, required: true),
                Forms.row([
                    form.choose("region", "Region (imaging)", ImagingRegion.self),
                    form.choose("laterality", "Side (shoulder, hip, knee)", Laterality.self),
                    form.choose("contrast", "Contrast (CT, MRI)", Contrast.self),
                ]),
                form.text("specialty", "Specialty (referral)"),
                form.area("reason", "Question to answer", hint: "Required: what the result should decide."),
                form.choose("priority", "Priority", OrderPriority.self),
                .tag("div", [("class", "actions")], [
                    Forms.submit("Place order"), .link("Cancel", to: SitePath.workup(patientID), [("class", "button secondary")]),
                ]),
            ]),
        ]
    }

    struct OrderModel {
        let patientID: UUID
        let id: UUID
        let version: Int
        let order: WorkupOrder
        let status: OrderStatus
        let facts: [(String, String)]
        let result: WorkupResult?
        /// Forms for the next steps the user may take.
        let canChange: Bool
        let canReview: Bool
        let form: BoundForm
        let errors: [(name: String, message: String)]
    }

    static func order(_ model: OrderModel, csrfToken: String) -> [BodyNode] {
        let action = { (step: Address<UUID, UUID>) in step(model.patientID, model.id) }
        let version = Forms.hidden("version", String(model.version))
        return [
            .tag("h1", text: model.order.label),
            Forms.errorSummary(model.errors),
            .tag("dl", [("class", "facts")], model.facts.flatMap { [BodyNode.tag("dt", text: $0.0), .tag("dd", text: $0.1)] }),
            .unwrap(model.result) { result in
                .tag("section", [("class", "card"), ("aria-labelledby", "result-heading")], [
                    .tag("h2", [("id", "result-heading")], text: "Result, \(result.resultedOn.display)" + (result.abnormal ? " — abnormal" : "")),
                    .tag("ul", [], result.findings.map { .tag("li", text: $0.label) }),
                    .tag("pre", [("class", "report")], text: result.report),
                ])
            },
            .if(model.canChange && model.status.isOpen, .group([
                .tag("section", [("class", "card"), ("aria-labelledby", "schedule-heading")], [
                    .tag("h2", [("id", "schedule-heading")], text: "Scheduled for"),
                    .tag("form", [("method", "post"), ("action", action(SitePath.scheduleWorkupOrder)), ("class", "inline-form")], [
                        Forms.csrf(csrfToken), version, model.form.text("scheduledFor", "Date", hint: "MM/DD/YYYY"), Forms.submit("Save date", secondary: true),
                    ]),
                ]),
                .tag("section", [("class", "card"), ("aria-labelledby", "enter-result-heading")], [
                    .tag("h2", [("id", "enter-result-heading")], text: "Enter the result"),
                    .tag("form", [("method", "post"), ("action", action(SitePath.resultWorkupOrder)), ("novalidate", nil)], [
                        Forms.csrf(csrfToken), version,
                        model.form.area("report", "Report", rows: 6),
                        Forms.row([model.form.text("resultedOn", "Result date", hint: "MM/DD/YYYY; empty for today"),
                                   Forms.checkboxes("abnormal", legend: "Flag", options: [Forms.Option(value: "yes", title: "Abnormal")],
                                                    checked: model.form.fields.values("abnormal"))]),
                        .tag("table", [("class", "entry-table")], [
                            .tableHead(["Finding", "Level", "Side", "Grade"]),
                            .tag("tbody", [], (1...WorkupResult.findingRows).map { row in
                                let prefix = "finding.\(row)."
                                return .tag("tr", [], [
                                    cell(prefix + "kind", "Finding \(row)", FindingKind.self, model.form),
                                    cell(prefix + "level", "Level of finding \(row)", SpinalLevel.self, model.form),
                                    cell(prefix + "side", "Side of finding \(row)", Laterality.self, model.form),
                                    cell(prefix + "grade", "Grade of finding \(row)", FindingGrade.self, model.form),
                                ])
                            }),
                        ]),
                        Forms.submit("Save result"),
                    ]),
                ]),
                .tag("section", [("class", "card danger-zone"), ("aria-labelledby", "cancel-heading")], [
                    .tag("h2", [("id", "cancel-heading")], text: "Cancel the order"),
                    .tag("form", [("method", "post"), ("action", action(SitePath.cancelWorkupOrder)), ("class", "inline-form")], [
                        Forms.csrf(csrfToken), version, model.form.text("cancelReason", "Reason"), Forms.submit("Cancel order", secondary: true),
                    ]),
                ]),
            ])),
            .if(model.canReview && model.status == .resulted, .tag("section", [("class", "card"), ("aria-labelledby", "review-heading")], [
                .tag("h2", [("id", "review-heading")], text: "Review and sign"),
                .tag("form", [("method", "post"), ("action", action(SitePath.reviewWorkupOrder))], [
                    Forms.csrf(csrfToken), version,
                    model.form.area("reviewComment", "Comment", hint: "What the result means for the plan."),
                    Forms.submit("Sign review"),
                ]),
            ])),
        ]
    }

    private static func cell<C: Coded>(_ name: String, _ label: String, _ type: C.Type, _ form: BoundForm) -> BodyNode {
        .tag("td", [], [Forms.cellSelect(name, label: label, options: [Forms.Option(value: "", title: "—")] + Forms.options(type),
                                         selected: form.fields[name], invalid: form.problems[name] != nil)])
    }

    /// One order on the worklist: who to call, what to book, and where it stands.
    struct WorklistLine {
        let id: UUID
        let patient: String
        let chart: String
        let phone: String
        let ordered: String
        let test: String
        /// The order page, for those who read results.
        let order: String?
        let status: String
        let overdue: Bool
        let scheduledFor: String
        let schedule: String
        let version: Int
        /// A date typed here that was refused, with its message.
        var problem: (typed: String, message: String)? = nil
    }

    struct WorklistModel {
        let open: [WorklistLine]
        let toReview: [WorklistLine]?
        let canSchedule: Bool
        let canFollowUp: Bool
    }

    static func worklist(_ model: WorklistModel, csrfToken: String) -> [BodyNode] {
        [
            WorklistTabs.render(current: SitePath.worklists(), followUps: model.canFollowUp),
            .tag("h1", text: "Worklists"),
            .tag("section", [("class", "card"), ("aria-labelledby", "open-heading")], [
                .tag("h2", [("id", "open-heading")], text: "Tests ordered, not yet resulted"),
                worklistTable(model.open, empty: "None open.", canSchedule: model.canSchedule, csrfToken: csrfToken),
            ]),
            .unwrap(model.toReview) { rows in
                .tag("section", [("class", "card"), ("aria-labelledby", "review-list-heading")], [
                    .tag("h2", [("id", "review-list-heading")], text: "Results waiting for a physician's review"),
                    worklistTable(rows, empty: "None waiting.", canSchedule: false, csrfToken: csrfToken),
                ])
            },
        ]
    }

    private static func worklistTable(_ lines: [WorklistLine], empty: String, canSchedule: Bool, csrfToken: String) -> BodyNode {
        guard !lines.isEmpty else { return .tag("p", [("class", "muted")], text: empty) }
        return .tag("table", [("class", "entry-table worklist")], [
            .tableHead(["Patient", "Phone", "Ordered", "Test", "Status", canSchedule ? "Book the date" : "Scheduled for"]),
            .tag("tbody", [], lines.map { line in
                .tag("tr", [("id", "order-" + line.id.lowercasedText)], [
                    .tag("td", [], [.link(line.patient, to: line.chart)]),
                    .tag("td", [], [line.phone.isEmpty ? .text("—") : .tag("a", [("href", "tel:" + line.phone.filter { $0.isNumber || $0 == "+" })], text: line.phone)]),
                    .tag("td", text: line.ordered),
                    .tag("td", [], [line.order.map { .link(line.test, to: $0) } ?? .text(line.test)]),
                    .tag("td", [("class", line.overdue ? "overdue" : "")], text: line.status + (line.overdue ? " — overdue" : "")),
                    .tag("td", [], [canSchedule ? scheduleForm(line, csrfToken: csrfToken) : .text(line.scheduledFor.isEmpty ? "—" : line.scheduledFor)]),
                ])
            }),
        ])
    }

    /// The date booked, changed in place: the coordinator's everyday edit.
    private static func scheduleForm(_ line: WorklistLine, csrfToken: String) -> BodyNode {
        let id = "date-" + line.id.lowercasedText
        return .tag("form", [("method", "post"), ("action", line.schedule),
                             ("class", "inline-form"), ("novalidate", nil)], [
            Forms.csrf(csrfToken), Forms.hidden("version", String(line.version)), Forms.hidden("from", "worklists"),
            .tag("label", [("class", "visually-hidden"), ("for", id)], text: "Date for \(line.test), \(line.patient)"),
            .void("input", [("type", "text"), ("name", "scheduledFor"), ("id", id), ("size", "10"), ("placeholder", "MM/DD/YYYY"),
                            ("value", line.problem?.typed ?? line.scheduledFor)]
                  + (line.problem == nil ? [] : [("aria-invalid", "true"), ("aria-describedby", id + "-error")])),
            .unwrap(line.problem) { .tag("span", [("class", "field-error"), ("id", id + "-error")], text: $0.message) },
            Forms.submit(line.scheduledFor.isEmpty ? "Book" : "Move", secondary: true),
        ])
    }
}

extension WorkupStep {
    /// The flash after the step is taken.
    var done: String {
        switch self {
        case .schedule: "Saved the date."
        case .result: "Saved the result; it waits for a physician's review."
        case .review: "Signed the review."
        case .cancel: "Cancelled the order."
        }
    }
}
