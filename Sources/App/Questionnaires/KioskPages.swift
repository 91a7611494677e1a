import Foundation
import Plot
import ReliefCore

/// Handing questionnaires to a patient on a tablet: the staff's hand-out form and code, and the tablet's pages.
enum KioskPages {
    struct HandoutModel {
        let patientID: UUID
        /// Questionnaires a patient can answer alone (their wording is on file), as (id, title).
        let questionnaires: [(id: String, title: String)]
        let chosen: [String]
        /// The order numbers as typed, by questionnaire id.
        let order: [String: String]
        let problem: String?
        /// Wrong tablet codes within the throttle's window, when they are a burst.
        var wrongCodes: (count: Int, minutes: Int)? = nil
    }

    static func handout(_ model: HandoutModel, csrfToken: String) -> [BodyNode] {
        [
            .tag("h1", text: "Questionnaires on a tablet"),
            .unwrap(model.wrongCodes) { burst in
                .tag("p", [("class", "notice warning"), ("role", "alert"), ("id", "wrong-codes")],
                     text: "\(burst.count) wrong tablet codes were typed in the last \(burst.minutes) minutes: someone may be guessing. "
                        + "Codes stay single-use and expire within the hour; tell the practice's administrator.")
            },
            .tag("p", text: "Choose what the patient answers. You get a one-time code to type on the tablet; the tablet then shows only these questionnaires, and closes after the last one or within an hour."),
            Forms.errorSummary(model.problem.map { [(name: "questionnaires", message: $0)] } ?? []),
            .tag("form", [("method", "post"), ("action", SitePath.kioskStart(model.patientID))], [
                Forms.csrf(csrfToken),
                .tag("fieldset", [("class", model.problem == nil ? "choices" : "choices has-error"), ("id", "questionnaires")], [
                    .tag("legend", text: "Questionnaires"),
                    .tag("p", [("class", "hint"), ("id", "order-hint")],
                         text: "Tick what the patient answers. They come in this list's order, unless you number them (1 first)."),
                    .unwrap(model.problem) { .tag("p", [("class", "error-message")], text: $0) },
                    .tag("div", [("class", "handout-list")], model.questionnaires.map { questionnaire in
                        let id = "questionnaires-\(questionnaire.id)"
                        return .tag("div", [("class", "handout-row")], [
                            .tag("div", [("class", "choice")], [
                                .void("input", [("type", "checkbox"), ("id", id), ("name", "questionnaires"), ("value", questionnaire.id)]
                                      + (model.chosen.contains(questionnaire.id) ? [("checked", nil)] : [])),
                                .tag("label", [("for", id)], text: questionnaire.title),
                            ]),
                            .tag("label", [("class", "order")], [
                                .tag("span", [("class", "visually-hidden")], text: "Order of \(questionnaire.title)"),
                                .void("input", [("type", "text"), ("inputmode", "numeric"), ("name", "order.\(questionnaire.id)"),
                                                ("value", model.order[questionnaire.id] ?? ""), ("size", "2"), ("maxlength", "2"),
                                                ("placeholder", "#"), ("aria-describedby", "order-hint")]),
                            ]),
                        ])
                    }),
                ]),
                .tag("div", [("class", "actions")], [
                    Forms.submit("Get a tablet code"),
                    .link("Cancel", to: SitePath.patient(model.patientID), [("class", "button secondary")]),
                ]),
            ]),
        ]
    }

    static func code(_ code: String, titles: [String], csrfToken: String) -> [BodyNode] {
        [
            .tag("h1", text: "Tablet code"),
            .tag("p", [("class", "kiosk-code"), ("aria-label", "Code: \(code.map(String.init).joined(separator: " "))")], text: KioskCode.display(code)),
            .tag("p", text: "On the tablet, open \(SitePath.kiosk()) and type this code. It works once, for the next hour, for: \(titles.joined(separator: ", "))."),
            .tag("form", [("method", "post"), ("action", SitePath.kiosk())], [
                Forms.csrf(csrfToken),
                Forms.hidden("code", code),
                .tag("p", [("class", "muted")], text: "Or hand over this device: you are signed out first, so the patient sees nothing but the questionnaires."),
                Forms.submit("Sign out and hand over this device", secondary: true),
            ]),
        ]
    }

    static func entry(code: String, problem: String?, csrfToken: String) -> [BodyNode] {
        [
            .tag("h1", text: "Your questionnaires"),
            .tag("p", text: "Type the code the staff gave you."),
            Forms.errorSummary(problem.map { [(name: "code", message: $0)] } ?? []),
            .tag("form", [("method", "post"), ("action", SitePath.kiosk())], [
                Forms.csrf(csrfToken),
                Forms.text("code", label: "Code", value: code, error: problem, required: true, autocomplete: "off",
                           extra: [("autocapitalize", "characters"), ("class", "narrow")]),
                Forms.submit("Start"),
            ]),
        ]
    }

    static func confirmation(firstName: String, birthYear: String, csrfToken: String) -> [BodyNode] {
        [
            .tag("h1", text: "Is this you?"),
            .tag("p", [("class", "kiosk-identity")], [.tag("strong", text: firstName),
                                                     .safeText(birthYear.isEmpty ? "" : ", born in \(birthYear)")]),
            .tag("form", [("method", "post"), ("action", SitePath.kioskConfirm()), ("class", "kiosk-choice")], [
                Forms.csrf(csrfToken),
                Forms.submit("Yes, this is me", name: "answer", value: "yes"),
                Forms.submit("No, this is not me", name: "answer", value: "no", secondary: true),
            ]),
        ]
    }

    static func notMe() -> [BodyNode] {
        [
            .tag("h1", text: "Please hand the tablet back"),
            .tag("p", text: "These questionnaires were meant for someone else. Nothing was shown or saved. Please give the tablet back to the staff."),
        ]
    }

    static func done() -> [BodyNode] {
        [
            .tag("h1", text: "Thank you"),
            .tag("p", text: "Your answers are saved. Please hand the tablet back to the staff."),
        ]
    }
}
