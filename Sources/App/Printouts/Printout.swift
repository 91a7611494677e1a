import Foundation
import Plot
import ReliefCore
import Vapor

/// A page made for paper: no navigation, the patient's name, birth date and MRN at the top of every printed page
/// (a table header, which Chromium and Firefox repeat on each page), the page number at the foot (`@page` in
/// app.css), and a Print button that the page script shows.
enum Printout {
    struct Identity {
        let name: String
        let birthDate: String
        let mrn: String
        /// "Printed 12/05/2026 4:05 PM by Dr. Ana Ortiz": a paper copy says when it was true.
        let printed: String
    }

    static func identity(_ patient: PatientRecord, printedBy user: String, at time: String) -> Identity {
        Identity(name: patient.displayName, birthDate: patient.birthDateText,
                 mrn: patient.mrn, printed: "Printed \(time) by \(user)")
    }

    static func render(title: String, identity: Identity, back: (String, String), content: [BodyNode]) -> String {
        var html = Layout.documentStart(title: "\(title) · \(identity.name)", body: #" class="printout""#)
        let toolbar: BodyNode = .tag("div", [("class", "print-toolbar no-print")], [
            .link(back.0, to: back.1),
            .tag("button", [("type", "button"), ("class", "button"), ("data-print", ""), ("hidden", nil)], text: "Print"),
            .tag("span", [("class", "print-hint muted")], text: "Print with your browser's Print command (Ctrl+P or ⌘P)."),
        ])
        let head: BodyNode = .tag("div", [("class", "print-identity")], [
            .tag("span", [], [.tag("strong", text: identity.name), .safeText(" · DOB \(identity.birthDate) · MRN \(identity.mrn)")]),
            .tag("span", [("class", "printed")], text: identity.printed),
        ])
        html += toolbar.render()
        html += #"<table class="print-frame" role="presentation"><thead><tr><td>"# + head.render() + "</td></tr></thead><tbody><tr><td>"
        html += #"<main id="main">"# + BodyNode.group(content).render() + "</main>"
        html += "</td></tr></tbody></table>"
        html += Markup.element("script", [("src", SitePath.formsScript())], escapedContent: "")
        return html + "</body></html>"
    }
}

extension Request {
    /// A printout of one patient's record, audited as printed.
    func printout(_ title: String, of patient: PatientRecord, back: (String, String), audit entry: AuditEntry,
                  _ content: [BodyNode]) async throws -> Response {
        try await audit(entry)
        let identity = Printout.identity(patient, printedBy: try user.name, at: displayTime(now))
        let response = Response(status: .ok, body: .init(string: Printout.render(title: title, identity: identity, back: back, content: content)))
        response.headers.contentType = .html
        return response
    }
}
