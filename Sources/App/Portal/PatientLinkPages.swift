import Foundation
import Plot
import ReliefCore

/// Patient links: what staff see (the links given, the new one shown once) and what the patient sees on their own
/// device (the birth date that opens it, the diary or the follow-up questions in plain words, thanks).
enum PatientLinkPages {
    // MARK: - Staff

    /// The links given so far and, while it can take answers, the button that makes a new one.
    static func section(_ links: [String], action: String?, csrfToken: String, what: String) -> BodyNode {
        .if(!links.isEmpty || action != nil, .tag("section", [("class", "card"), ("id", "patient-links")], [
            .tag("h2", text: "Patient link"),
            .tag("p", [("class", "muted")], text: "A link lets the patient \(what). It opens once, on one device, with their date of birth."),
            .if(!links.isEmpty, .tag("ul", [], links.map { .tag("li", text: $0) })),
            .unwrap(action) { action in
                .tag("form", [("method", "post"), ("action", action)], [
                    Forms.csrf(csrfToken),
                    Forms.submit(links.isEmpty ? "Make a link for the patient" : "Make a new link (closes the earlier one)", secondary: true),
                ])
            },
        ]))
    }

    struct Given {
        let address: String
        let purpose: PatientLinkPurpose
        let lastDay: CalendarDate
        let back: String
    }

    static func given(_ model: Given) -> [BodyNode] {
        [
            .tag("h1", text: "A link for the patient: \(model.purpose.title.lowercased())"),
            .tag("p", text: "Send it to the patient by e-mail or text, or read it out. It is shown only now: Relief keeps a fingerprint of it, not the link."),
            Forms.text("address", label: "The link", value: model.address, extra: [("readonly", nil), ("class", "wide")]),
            .tag("ul", [], [
                .tag("li", text: "It works until the end of \(model.lastDay.display), and only once: the device that opens it keeps it."),
                .tag("li", text: "The patient types their date of birth to open it; after \(PatientAccessThrottle().maxFailuresPerLink) wrong dates it waits \(PatientAccessThrottle().windowText)."),
                .tag("li", text: "Making another link closes this one."),
            ]),
            .link("Done", to: model.back, [("class", "button")]),
        ]
    }

    // MARK: - The patient's device

    static func birthDate(action: String, purpose: PatientLinkPurpose, typed: String, problem: String?, csrfToken: String) -> [BodyNode] {
        [
            .tag("h1", text: purpose.title),
            .tag("p", text: "Your pain practice sent you this link. To open it, type your date of birth."),
            .tag("form", [("method", "post"), ("action", action), ("novalidate", nil), ("class", "card")], [
                Forms.csrf(csrfToken),
                Forms.text("birthDate", label: "Date of birth", value: typed, error: problem, required: true, autocomplete: "bday", hint: "MM/DD/YYYY",
                           extra: [("inputmode", "numeric")]),
                Forms.submit("Open"),
            ]),
        ]
    }

    static func notOpen(_ wait: String?) -> [BodyNode] {
        [
            .tag("h1", text: "This link does not open"),
            .tag("p", text: wait ?? "It may have been used already on another device, replaced by a newer link, or be past its last day. "
                + "Please call the practice for a new one."),
        ]
    }

    struct Diary {
        let procedure: String
        let day: CalendarDate
        let painBefore: Int
        let fields: FormFields
        var problems: [String: String] = [:]
        let version: Int
        var conflict: String?
    }

    static func diary(_ model: Diary, csrfToken: String) -> [BodyNode] {
        let form = BoundForm(fields: model.fields, problems: model.problems)
        return [
            .tag("h1", text: "Your pain diary"),
            .tag("p", text: "After your \(model.procedure.lowercased()) on \(model.day.display). Just before it, your pain was \(model.painBefore) out of 10."),
            .tag("p", text: "At each time after the injection, do the things that usually hurt, carefully, then write down your pain from 0 (none) "
                + "to 10 (the worst you can imagine). Come back to this page for each time; what you saved stays."),
            .unwrap(model.conflict) { .tag("p", [("class", "notice warning"), ("role", "alert")], text: $0) },
            urgent,
            Forms.errorSummary(form.errors),
            .tag("form", [("method", "post"), ("action", SitePath.patientLinkPage()), ("novalidate", nil), ("class", "card")], [
                Forms.csrf(csrfToken), Forms.hidden("version", String(model.version)),
                Forms.row(BlockDiary.times.map { minutes in form.number(BlockDiary.field(minutes), "Pain \(BlockDiary.label(minutes)) after (0–10)", narrow: true) }),
                Forms.submit("Save my entries"),
            ]),
        ]
    }

    struct FollowUp {
        let procedure: String
        let fields: FormFields
        var problems: [String: String] = [:]
        let version: Int
    }

    static func followUp(_ model: FollowUp, csrfToken: String) -> [BodyNode] {
        let form = BoundForm(fields: model.fields, problems: model.problems)
        let yesNo = [Forms.Option(value: "no", title: "No"), Forms.Option(value: "yes", title: "Yes")]
        return [
            .tag("h1", text: "Since your procedure"),
            .tag("p", text: "Your \(model.procedure.prefix(1).lowercased() + model.procedure.dropFirst()). Your answers go to your care team."),
            urgent,
            Forms.errorSummary(form.errors),
            .tag("form", [("method", "post"), ("action", SitePath.patientLinkPage()), ("novalidate", nil), ("class", "card")], [
                Forms.csrf(csrfToken), Forms.hidden("version", String(model.version)),
                Forms.section("Your pain", [
                    form.number("reliefPercent", "How much relief have you had since the procedure (%)?", hint: "0 none, 100 complete relief",
                                narrow: true, required: true),
                    form.number("painNow", "Your pain right now (0–10)", hint: "0 no pain, 10 the worst you can imagine", narrow: true, required: true),
                ]),
                // The PEG's three items (Krebs et al. 2009), in its own words.
                Forms.section("The past week (0–10)", [
                    form.number("painAverage", "What number best describes your pain on average in the past week?", narrow: true),
                    form.number("enjoyment", "What number best describes how, during the past week, pain has interfered with your enjoyment of life?", narrow: true),
                    form.number("activity", "What number best describes how, during the past week, pain has interfered with your general activity?", narrow: true),
                ]),
                Forms.section("Everyday life", [
                    Forms.row([form.choose("activities", "Your usual activities now", ActivityReturn.self), form.choose("work", "Work", WorkStatus.self)]),
                ]),
                Forms.section("Since the procedure", [
                    form.option("newProblem", "Have you had any new problem since: fever, redness where the needle went in, bleeding, new weakness or numbness, a headache when you sit up?", yesNo),
                    form.area("problemNote", "If yes: what, when, and what was done", rows: 2),
                    Forms.row([form.option("impression", "Overall, since the procedure, you are", FollowUpPages.impressions),
                               form.option("satisfaction", "How satisfied are you with the procedure?", FollowUpPages.satisfactions)]),
                    form.area("note", "Anything else you would like your care team to know", rows: 2),
                ]),
                Forms.submit("Send my answers"),
            ]),
        ]
    }

    static func done() -> [BodyNode] {
        [.tag("h1", text: "Thank you"), .tag("p", text: "Your answers are with your care team. You can close this page.")]
    }

    /// Answers are read in office hours, not at once: an emergency must not wait for them.
    private static var urgent: BodyNode { .tag("p", [("class", "notice warning")],
        text: "This page is not read at once. With fever, new weakness or numbness, or loss of bladder or bowel control, call the practice now, or 911.") }
}
