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
                Forms.checkboxes("questionnaires", legend: "Questionnaires, in the order they are answered",
                                 options: model.questionnaires.map { Forms.Option(value: $0.id, title: $0.title) },
                                 checked: model.chosen, error: model.problem),
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

    static func done() -> [BodyNode] {
        [
            .tag("h1", text: "Thank you"),
            .tag("p", text: "Your answers are saved. Please hand the tablet back to the staff."),
        ]
    }
}
