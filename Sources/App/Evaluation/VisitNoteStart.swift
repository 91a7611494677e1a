import Foundation
import Plot
import ReliefCore

/// The small form that starts a visit note, the kind of visit and its day: on the chart, and on a page of its own
/// when an entry needs correcting.
enum VisitNoteStart {
    static func form(patientID: UUID, fields: FormFields, problems: [String: String], csrfToken: String) -> BodyNode {
        let kinds = EncounterStart.noteKinds.map { Forms.Option(value: $0.rawValue, title: $0.title) }
        return .tag("form", [("method", "post"), ("action", SitePath.evaluations(patientID)), ("class", "start-note"), ("novalidate", nil)], [
            Forms.csrf(csrfToken),
            Forms.select("kind", label: "Visit", options: kinds, selected: fields["kind"], error: problems["kind"], placeholder: nil),
            BoundForm(fields: fields, problems: problems).text("occurredOn", "Date", hint: "MM/DD/YYYY; today if left empty",
                                                               extra: [("class", "narrow")]),
            Forms.submit("Start note"),
        ])
    }

    static func page(patientID: UUID, fields: FormFields, problems: [String: String], csrfToken: String) -> [BodyNode] {
        [
            .tag("h1", text: "Start a visit note"),
            Forms.errorSummary(["kind", "occurredOn"].compactMap { name in problems[name].map { (name: name, message: $0) } }),
            form(patientID: patientID, fields: fields, problems: problems, csrfToken: csrfToken),
        ]
    }

    /// "Follow-up visit, 11/18/2026": the note's heading.
    static func heading(_ encounter: Encounter?) -> String {
        guard let encounter else { return EncounterKind.newPatientEvaluation.title }
        let kind = EncounterKind(rawValue: encounter.kind)?.title ?? encounter.kind
        return "\(kind), \(CalendarDate(encounter.occurredOn)?.display ?? encounter.occurredOn)"
    }
}
