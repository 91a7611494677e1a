import Plot
import ReliefCore

/// Accessible form controls: every input has a label, an error is tied to its input with
/// `aria-describedby`, and an error summary at the top links to each problem.
enum Forms {
    struct Option: Equatable {
        let value: String
        let title: String
    }

    static func csrf(_ token: String) -> BodyNode {
        .void("input", [("type", "hidden"), ("name", CSRFMiddleware.fieldName), ("value", token)])
    }

    static func hidden(_ name: String, _ value: String) -> BodyNode {
        .void("input", [("type", "hidden"), ("name", name), ("value", value)])
    }

    /// `errors` in display order: (field name, message).
    static func errorSummary(_ errors: [(name: String, message: String)]) -> BodyNode {
        .if(!errors.isEmpty, .tag("div", [("class", "error-summary"), ("role", "alert"), ("tabindex", "-1"), ("id", "error-summary")], [
            .tag("h2", text: errors.count == 1 ? "There is a problem" : "There are \(errors.count) problems"),
            .tag("ul", [], errors.map { error in
                .tag("li", [], [.link(error.message, to: "#\(error.name)")])
            }),
        ]))
    }

    /// `id` defaults to the name; give one when the same name appears more than once on a page.
    static func text(_ name: String, label: String, value: String, error: String? = nil, type: String = "text",
                     required: Bool = false, autocomplete: String? = nil, hint: String? = nil, id: String? = nil,
                     extra: [(String, String?)] = []) -> BodyNode {
        let id = id ?? name
        var attributes: [(String, String?)] = [("type", type), ("id", id), ("name", name), ("value", value)]
        if required { attributes.append(("required", nil)) }
        if let autocomplete { attributes.append(("autocomplete", autocomplete)) }
        attributes += describedBy(id, error: error, hint: hint) + extra
        return wrap(id, label: label, required: required, error: error, hint: hint, control: .void("input", attributes))
    }

    /// `placeholder`: the empty first option; nil when one of `options` is always chosen.
    static func select(_ name: String, label: String, options: [Option], selected: String, error: String? = nil,
                       required: Bool = false, placeholder: String? = "Choose…", hint: String? = nil) -> BodyNode {
        var attributes: [(String, String?)] = [("id", name), ("name", name)]
        if required { attributes.append(("required", nil)) }
        attributes += describedBy(name, error: error, hint: hint)
        let choices = (placeholder.map { [Option(value: "", title: $0)] } ?? []) + options
        let control = BodyNode.tag("select", attributes, choices.map { option in
            .tag("option", [("value", option.value)] + (option.value == selected ? [("selected", nil)] : []), text: option.title)
        })
        return wrap(name, label: label, required: required, error: error, hint: hint, control: control)
    }

    /// `id` defaults to the name; give one when the same name appears more than once on a page.
    static func textarea(_ name: String, label: String, value: String, error: String? = nil, required: Bool = false,
                         hint: String? = nil, rows: Int = 3, id: String? = nil) -> BodyNode {
        let id = id ?? name
        let attributes: [(String, String?)] = [("id", id), ("name", name), ("rows", String(rows))]
            + describedBy(id, error: error, hint: hint) + (required ? [("required", nil)] : [])
        return wrap(id, label: label, required: required, error: error, hint: hint,
                    control: .tag("textarea", attributes, text: value))
    }

    /// A group of checkboxes sharing one name, in a fieldset whose legend names the question.
    static func checkboxes(_ name: String, legend: String, options: [Option], checked: [String], error: String? = nil) -> BodyNode {
        .tag("fieldset", [("class", error == nil ? "choices" : "choices has-error"), ("id", name)], [
            .tag("legend", text: legend),
            .unwrap(error) { .tag("p", [("class", "error-message")], text: $0) },
            .tag("div", [("class", "choice-list")], options.map { option in
                let id = "\(name)-\(option.value)"
                return .tag("div", [("class", "choice")], [
                    .void("input", [("type", "checkbox"), ("id", id), ("name", name), ("value", option.value)]
                          + (checked.contains(option.value) ? [("checked", nil)] : [])),
                    .tag("label", [("for", id)], text: option.title),
                ])
            }),
        ])
    }

    /// A select of options under group headings (`optgroup`), with "Choose…" first and any ungrouped options last.
    static func groupedSelect(_ name: String, label: String, groups: [(String, [Option])], trailing: [Option] = [], selected: String,
                              error: String?, hint: String?, required: Bool = false) -> BodyNode {
        let option = { (option: Option) -> BodyNode in
            .tag("option", [("value", option.value)] + (option.value == selected ? [("selected", nil)] : []), text: option.title)
        }
        let options: [BodyNode] = [option(Option(value: "", title: "Choose…"))]
            + groups.map { title, options in .tag("optgroup", [("label", title)], options.map(option)) } + trailing.map(option)
        return wrap(name, label: label, required: required, error: error, hint: hint,
                    control: .tag("select", [("id", name), ("name", name)] + describedBy(name, error: error, hint: hint), options))
    }

    /// A select without its own label element, for table cells whose row and column headers name it.
    static func cellSelect(_ name: String, label: String, options: [Option], selected: String, invalid: Bool = false) -> BodyNode {
        .tag("select", [("id", name), ("name", name), ("aria-label", label)] + (invalid ? [("aria-invalid", "true")] : []),
             options.map { option in
                 .tag("option", [("value", option.value)] + (option.value == selected ? [("selected", nil)] : []), text: option.title)
             })
    }

    /// The options of a coded vocabulary.
    static func options<C: Coded>(_ type: C.Type) -> [Option] {
        C.allCases.map { Option(value: $0.rawValue, title: $0.title) }
    }

    static func submit(_ title: String, name: String? = nil, value: String? = nil, secondary: Bool = false) -> BodyNode {
        var attributes: [(String, String?)] = [("type", "submit"), ("class", secondary ? "button secondary" : "button")]
        if let name { attributes.append(("name", name)) }
        if let value { attributes.append(("value", value)) }
        return .tag("button", attributes, text: title)
    }

    static func describedBy(_ name: String, error: String?, hint: String?) -> [(String, String?)] {
        let ids = [hint.map { _ in "\(name)-hint" }, error.map { _ in "\(name)-error" }].compactMap { $0 }
        var attributes: [(String, String?)] = ids.isEmpty ? [] : [("aria-describedby", ids.joined(separator: " "))]
        if error != nil { attributes.append(("aria-invalid", "true")) }
        return attributes
    }

    static func wrap(_ name: String, label: String, required: Bool, error: String?, hint: String?,
                             control: BodyNode) -> BodyNode {
        .tag("div", [("class", error == nil ? "field" : "field has-error")], [
            .tag("label", [("for", name)], [
                .safeText(label),
                .if(required, .tag("span", [("class", "required")], text: " (required)")),
            ]),
            .unwrap(hint) { .tag("p", [("class", "hint"), ("id", "\(name)-hint")], text: $0) },
            .unwrap(error) { .tag("p", [("class", "error-message"), ("id", "\(name)-error")], text: $0) },
            control,
        ])
    }
}

extension Forms {
    /// A titled part of a long form.
    static func section(_ title: String, _ content: [BodyNode], id: String? = nil) -> BodyNode {
        .tag("fieldset", [("class", "form-section")] + (id.map { [("id", $0)] } ?? []), [.tag("legend", text: title)] + content)
    }

    /// Short fields side by side, wrapping on narrow screens.
    static func row(_ content: [BodyNode]) -> BodyNode { .tag("div", [("class", "grid")], content) }
}

/// The controls of one form drawn from its submitted (or stored) fields and their problems, so a view names each
/// field once and every control shows the user's input and its message.
/// Draws a form's fields from the submitted values and their problems, noting each field's label as it goes so the
/// error summary can name the field of every problem, in the order of the form.
final class BoundForm {
    let fields: FormFields
    let problems: [String: String]
    private var labels: [Noted] = []

    /// A field as drawn: its label, its choices' titles by value, and the value it shows when nothing was chosen.
    private struct Noted {
        let name: String
        let label: String
        let title: (String) -> String?
        let blank: String
    }

    init(fields: FormFields, problems: [String: String]) {
        self.fields = fields
        self.problems = problems
    }

    /// Notes a label for a field drawn outside this form's helpers (a table cell), with its choices and the one shown
    /// when nothing was chosen.
    func note(_ name: String, _ label: String, title: @escaping (String) -> String? = { _ in nil }, blank: String = "") {
        labels.append(Noted(name: name, label: label, title: title, blank: blank))
    }

    func note(_ name: String, _ label: String, options: [Forms.Option], blank: String = "") {
        note(name, label, title: { value in options.first { $0.value == value }?.title }, blank: blank)
    }

    /// What the user typed or chose, once the fields are drawn, by label and in the form's order ("Sleep: Wakes at
    /// night"); untouched fields and defaults (an exam test left "not done") are left out.
    var typed: [(label: String, value: String)] {
        labels.compactMap { field in
            let values = fields.values(field.name).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && $0 != field.blank }
            return values.isEmpty ? nil : (field.label, values.map { field.title($0) ?? $0 }.joined(separator: ", "))
        }
    }

    /// Names drawn by this form, to tell its fields from bookkeeping.
    var drawnNames: Set<String> { Set(labels.map(\.name)) }

    /// For `Forms.errorSummary`, once the fields are drawn: "Pain now: Enter a whole number from 0 to 10.", in the
    /// form's order; a problem of a field not drawn comes last, by its message alone.
    var errors: [(name: String, message: String)] {
        let order = Dictionary(labels.enumerated().map { ($1.name, ($0, $1.label)) }, uniquingKeysWith: { first, _ in first })
        return problems.sorted { (order[$0.key]?.0 ?? .max, $0.key) < (order[$1.key]?.0 ?? .max, $1.key) }.map { name, message in
            (name, order[name].map { "\($0.1): \(message)" } ?? message)
        }
    }

    func text(_ name: String, _ label: String, hint: String? = nil, required: Bool = false, extra: [(String, String?)] = []) -> BodyNode {
        note(name, label)
        return Forms.text(name, label: label, value: fields[name], error: problems[name], required: required, hint: hint, extra: extra)
    }

    /// A number field: the numeric keyboard on a tablet.
    func number(_ name: String, _ label: String, hint: String? = nil, decimal: Bool = false, narrow: Bool = false, required: Bool = false) -> BodyNode {
        text(name, label, hint: hint, required: required, extra: [("inputmode", decimal ? "decimal" : "numeric")] + (narrow ? [("class", "narrow")] : []))
    }

    func area(_ name: String, _ label: String, hint: String? = nil, rows: Int = 3, required: Bool = false, id: String? = nil) -> BodyNode {
        note(name, label)
        return Forms.textarea(name, label: label, value: fields[name], error: problems[name], required: required, hint: hint, rows: rows, id: id)
    }

    func choose<C: Coded>(_ name: String, _ label: String, _ type: C.Type, required: Bool = false) -> BodyNode {
        note(name, label, title: { C(rawValue: $0)?.title })
        return Forms.select(name, label: label, options: Forms.options(type), selected: fields[name], error: problems[name], required: required)
    }

    /// A choice among options the page gives (providers, rooms), rather than a fixed vocabulary.
    func option(_ name: String, _ label: String, _ options: [Forms.Option], hint: String? = nil, required: Bool = false) -> BodyNode {
        note(name, label, options: options)
        return Forms.select(name, label: label, options: options, selected: fields[name], error: problems[name], required: required, hint: hint)
    }

    func boxes<C: Coded>(_ name: String, _ legend: String, _ type: C.Type) -> BodyNode {
        note(name, legend, title: { C(rawValue: $0)?.title })
        return Forms.checkboxes(name, legend: legend, options: Forms.options(type), checked: fields.values(name), error: problems[name])
    }

    /// The physician's attestation, ticked to sign (a draft saves without it).
    func attestation() -> BodyNode {
        let name = EvaluationForm.attestField
        note(name, "Attestation")
        return Forms.checkboxes(name, legend: "To sign the note", options: [Forms.Option(value: "yes", title: EvaluationForm.attestation)],
                                checked: fields.values(name), error: problems[name])
    }

    func drug(_ name: String, _ label: String, hint: String) -> BodyNode {
        note(name, label, title: { DrugCatalogue.drug($0)?.name })
        return Forms.drugSelect(name, label: label, selected: fields[name], error: problems[name], hint: hint)
    }
}

