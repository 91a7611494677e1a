import Foundation
import Plot
import ReliefCore

/// The questionnaire pages: a patient's scores and trends, the answer form (staff and kiosk), one response.
enum QuestionnairePages {
    struct IndexModel {
        let patientID: UUID
        let courses: [QuestionnaireQueries.Course]
        /// Questionnaires the user may enter answers for: (id, title, wording imported or shipped).
        let enterable: [(id: String, title: String, hasWording: Bool, isImported: Bool)]
        let canChangeSettings: Bool
    }

    static func index(_ model: IndexModel) -> [BodyNode] {
        [
            .tag("h1", text: "Questionnaires and scores"),
            .if(model.courses.isEmpty, .tag("p", [("class", "muted")], text: "No questionnaires recorded yet.")),
            .group(model.courses.map { course in
                .tag("section", [("class", "card"), ("aria-labelledby", "course-\(course.definition.id)")], [
                    .tag("h2", [("id", "course-\(course.definition.id)")], text: course.definition.title),
                    .tag("p", [("class", "score-line")], text: "Latest, \(CalendarDate(course.latest.completedOn)?.display ?? course.latest.completedOn): \(course.summary)"),
                    .unwrap(course.changeText) { .tag("p", text: $0) },
                    .unwrap(course.difference) { difference in
                        .tag("p", [("class", "muted")], difference.isPracticeSetting
                            ? [.safeText("Minimal important difference \(Figures.text(difference.value)) (practice setting).")]
                            : [.safeText("Minimal important difference \(Figures.text(difference.value))."),
                               ClinicalSourceNote.render(citation: difference.note, unconfirmed: difference.needsVerification)])
                    },
                    TrendChart.render(course.trend),
                    ChartEntryPages.table(["Date", "Score", "Band", "Entered by"], course.rows(patientID: model.patientID), link: ("Answers", "View")),
                ])
            }),
            .if(!model.enterable.isEmpty, .tag("section", [("class", "card"), ("aria-labelledby", "enter-heading")], [
                .tag("h2", [("id", "enter-heading")], text: "Enter answers"),
                .tag("ul", [("class", "link-list")], model.enterable.map { questionnaire in
                    .tag("li", [], [
                        .link(questionnaire.title, to: SitePath.newQuestionnaireResponse(model.patientID, questionnaire.id)),
                        .if(!questionnaire.hasWording, .tag("span", [("class", "muted")], text: " — values only; the practice has not imported its licensed wording")),
                        .if(questionnaire.isImported, .tag("span", [("class", "muted")], text: " — imported by the practice; scored as the sum of its answers, without bands")),
                    ])
                }),
            ])),
            .if(model.canChangeSettings, .tag("p", [("class", "muted")], [
                .link("Change the practice's minimal important differences", to: SitePath.clinicalSettings()),
            ])),
        ]
    }

    struct FormModel {
        let definition: QuestionnaireDefinition
        let action: String
        let fields: FormFields
        let problems: [String: String]
        /// Staff may date a paper form and read the licence note; a patient on the kiosk answers today and sees neither.
        let byStaff: Bool
        let cancel: String?
        /// A paper form typed in: one row per item, each answer typed as its number.
        var grid = false
        /// The same form in the other layout, for staff.
        var otherLayout: String? = nil
    }

    static func form(_ model: FormModel, csrfToken: String) -> [BodyNode] {
        let definition = model.definition
        let errors = definition.items.enumerated().compactMap { index, item in
            model.problems[item.linkId].map { (name: model.grid ? item.linkId : "\(item.linkId)-0", message: "Question \(index + 1): \($0)") }
        } + (model.problems[QuestionnaireSubmission.completedOnField].map { [(name: QuestionnaireSubmission.completedOnField, message: "Date completed: \($0)")] } ?? [])
        let bound = BoundForm(fields: model.fields, problems: model.problems)
        return [
            .tag("h1", text: definition.title),
            .unwrap(definition.instructions) { .tag("p", [("class", "instructions")], text: $0) },
            .unwrap(model.otherLayout) { .tag("p", [("class", "no-print")], [.link(model.grid ? "Show every answer to choose from" : "Type a paper form in as a grid", to: $0)]) },
            Forms.errorSummary(errors),
            .tag("form", [("method", "post"), ("action", model.action), ("class", "questionnaire"), ("novalidate", nil)], [
                Forms.csrf(csrfToken),
                .if(model.byStaff, bound.text(QuestionnaireSubmission.completedOnField, "Date completed",
                                                  hint: "MM/DD/YYYY; leave empty for today.", extra: [("class", "narrow")])),
                .if(model.grid, Forms.hidden("layout", "grid")),
                model.grid ? grid(definition, fields: model.fields, problems: model.problems)
                    : .group(definition.items.enumerated().map { index, item in
                        question(item, number: index + 1, selected: model.fields[item.linkId], error: model.problems[item.linkId],
                                 note: [definition.condition(of: item), item.required ? nil : "Optional."].compactMap { $0 }.joined(separator: " "))
                    }),
                .tag("div", [("class", "actions")], [
                    Forms.submit("Save answers"),
                    .unwrap(model.cancel) { .link("Cancel", to: $0, [("class", "button secondary")]) },
                ]),
            ]),
            .if(model.byStaff, .tag("p", [("class", "attribution muted")], text: definition.attribution)),
        ]
    }

    /// One item as a group of radio buttons, each a box that is its label, so a finger anywhere on it answers; arrow
    /// keys move between answers. A 0–10 scale is one row of numbered boxes with its anchors ("no pain") beneath, and a
    /// vertical list where the screen is too narrow (app.css).
    private static func question(_ item: QuestionnaireItem, number: Int, selected: String, error: String?, note: String) -> BodyNode {
        let scale = item.options.count > 5 && item.options.allSatisfy { $0.text == nil || $0.value == item.valueRange.lowerBound || $0.value == item.valueRange.upperBound }
        return .tag("fieldset", [("class", error == nil ? "question" : "question has-error")], [
            .tag("legend", text: "\(number). \(item.text ?? "Item \(number)")"),
            .if(!note.isEmpty, .tag("p", [("class", "hint")], text: note)),
            .unwrap(error) { .tag("p", [("class", "error-message"), ("id", "\(item.linkId)-error")], text: $0) },
            .tag("div", [("class", scale ? "answers scale" : "answers")], item.options.enumerated().map { index, option in
                let id = "\(item.linkId)-\(index)"
                let text: [BodyNode] = scale
                    ? [.tag("span", [("class", "value")], text: String(option.value)),
                       .unwrap(option.text) { .tag("span", [("class", "anchor")], text: " \($0)") }]
                    : [.tag("span", [], text: option.text ?? String(option.value))]
                return .tag("label", [("class", "answer"), ("for", id)], [
                    .void("input", [("type", "radio"), ("id", id), ("name", item.linkId), ("value", String(option.value))]
                          + (selected == String(option.value) ? [("checked", nil)] : [])
                          + (error != nil ? [("aria-describedby", "\(item.linkId)-error")] : [])),
                ] + text)
            }),
            .if(scale, .tag("div", [("class", "scale-ends"), ("aria-hidden", "true")], item.options.compactMap { option in
                option.text.map { .tag("span", [], text: "\(option.value) = \($0)") }
            })),
        ])
    }

    /// A paper form typed in quickly: one row per item, the answer's number typed and Tab to the next. The answers'
    /// meanings are listed once when every item shares them, otherwise on each row.
    private static func grid(_ definition: QuestionnaireDefinition, fields: FormFields, problems: [String: String]) -> BodyNode {
        let shared = definition.items.allSatisfy { $0.options == definition.items.first?.options }
        func meanings(_ options: [AnswerOption]) -> String {
            options.compactMap { option in option.text.map { "\(option.value) = \($0)" } }.joined(separator: " · ")
        }
        func allowed(_ options: [AnswerOption]) -> String {
            let values = options.map(\.value)
            guard let low = values.min(), let high = values.max() else { return "" }
            return values == Array(low...high) ? "\(low)–\(high)" : values.map(String.init).joined(separator: ", ")
        }
        return .tag("div", [("class", "answer-grid")], [
            .if(shared, .tag("p", [("class", "hint")], text: meanings(definition.items.first?.options ?? []))),
            .tag("table", [("class", "entry-table")], [
                .tableHead(["#", "Question", "Answer"]),
                .tag("tbody", [], definition.items.enumerated().map { index, item in
                    let error = problems[item.linkId]
                    return .tag("tr", error == nil ? [] : [("class", "has-error")], [
                        .tag("td", text: String(index + 1)),
                        .tag("td", [], [
                            .tag("label", [("for", item.linkId)], text: item.text ?? "Item \(index + 1)"),
                            .unwrap(definition.condition(of: item)) { .tag("span", [("class", "hint")], text: $0) },
                            .if(!shared, .tag("span", [("class", "hint grid-meanings")], text: meanings(item.options))),
                            .unwrap(error) { .tag("span", [("class", "error-message"), ("id", "\(item.linkId)-error")], text: $0) },
                        ]),
                        .tag("td", [("class", "grid-answer")], [
                            .void("input", [("type", "text"), ("id", item.linkId), ("name", item.linkId), ("value", fields[item.linkId]),
                                            ("inputmode", "numeric"), ("size", "3"), ("maxlength", "3"), ("autocomplete", "off"),
                                            ("aria-describedby", error == nil ? "\(item.linkId)-allowed" : "\(item.linkId)-error \(item.linkId)-allowed")]
                                  + (error == nil ? [] : [("aria-invalid", "true")])),
                            .tag("span", [("class", "hint"), ("id", "\(item.linkId)-allowed")], text: allowed(item.options)),
                        ]),
                    ])
                }),
            ]),
        ])
    }

    struct ResponseModel {
        let definition: QuestionnaireDefinition
        let patientID: UUID
        let responseID: UUID
        let version: Int
        let completedOn: String
        let enteredBy: String
        let score: String
        let subscores: [(String, String)]
        /// Item text and the chosen answer, "Not answered" for a blank item.
        let answers: [(String, String)]
        let inError: String?
        let canMarkInError: Bool
        /// The reason as typed, shown again with its problem.
        var inErrorReason = ""
        var inErrorProblem: String?
    }

    static func response(_ model: ResponseModel, csrfToken: String) -> [BodyNode] {
        [
            .tag("h1", text: model.definition.title),
            .unwrap(model.inError) { .tag("div", [("class", "notice warning"), ("role", "note")], text: $0) },
            .tag("dl", [("class", "facts")], [
                .tag("dt", text: "Completed"), .tag("dd", text: model.completedOn),
                .tag("dt", text: "Entered"), .tag("dd", text: model.enteredBy),
                .tag("dt", text: "Score"), .tag("dd", text: model.score),
            ] + model.subscores.flatMap { [BodyNode.tag("dt", text: $0.0), .tag("dd", text: $0.1)] }),
            .tag("table", [("class", "entry-table")], [
                .tableHead(["Question", "Answer"]),
                .tag("tbody", [], model.answers.map { .tag("tr", [], [.tag("td", text: $0.0), .tag("td", text: $0.1)]) }),
            ]),
            .tag("p", [("class", "attribution muted")], text: model.definition.attribution),
            .if(model.canMarkInError && model.inError == nil, .tag("section", [("class", "card danger-zone"), ("aria-labelledby", "in-error-heading")], [
                .tag("h2", [("id", "in-error-heading")], text: "Entered in error?"),
                .tag("p", [("class", "muted")], text: "Takes these answers off the scores and trends. They stay in the record with your name and reason."),
                .tag("form", [("method", "post"), ("action", SitePath.questionnaireResponseInError(model.patientID, model.responseID))], [
                    Forms.csrf(csrfToken),
                    Forms.hidden("version", String(model.version)),
                    Forms.text("reason", label: "Reason", value: model.inErrorReason, error: model.inErrorProblem, required: true),
                    Forms.submit("Mark entered in error", secondary: true),
                ]),
            ])),
        ]
    }
}

/// A questionnaire's course as the pages show it.
extension QuestionnaireQueries.Course {
    var latest: QuestionnaireQueries.ResponseRow { responses[responses.count - 1] }

    // Computed when drawn: the chart shows only the summary line.
    var trend: TrendChart.Model {
        let points = responses.compactMap { row in
            row.scored.map { TrendChart.Point(date: $0.completedOn.startOfDay, label: $0.completedOn.display, value: $0.score) }
        }
        return TrendChart.Model(title: definition.title, unit: definition.scoreLabel, points: points,
                                minimumTop: definition.scoreRange.upperBound)
    }

    func rows(patientID: UUID) -> [ChartEntryPages.Row] {
        responses.reversed().map { row in
            ChartEntryPages.Row(cells: [CalendarDate(row.completedOn)?.display ?? row.completedOn, Figures.text(row.score),
                                        row.band.flatMap(definition.band(id:))?.label ?? "—",
                                        row.enteredVia == QuestionnaireResponse.EnteredVia.kiosk.rawValue ? "Patient (tablet)" : "Staff"],
                                edit: SitePath.questionnaireResponse(patientID, row.id))
        }
    }

    /// "28 (% disability) — Moderate disability".
    var summary: String {
        let band = latest.band.flatMap(definition.band(id:)).map { " — \($0.label)" } ?? ""
        return "\(Figures.text(latest.score)) (\(definition.scoreLabel))\(band)"
    }

    var changeText: String? {
        guard let change = course.change else { return nil }
        let signed = change.change > 0 ? "+\(Figures.text(change.change))" : Figures.text(change.change)
        let verdict = switch change.verdict {
        case .improved: "improved"
        case .worsened: "worse"
        case .unchanged: "within the minimal important difference"
        case .notJudged: "no minimal important difference set"
        }
        return "\(signed) since \(course.baseline.completedOn.display): \(verdict)"
    }
}
