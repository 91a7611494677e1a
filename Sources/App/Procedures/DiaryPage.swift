import Foundation
import Plot
import ReliefCore

/// A diagnostic block's pain diary: what it reads as so far, with its sources, and the pain at each set time.
enum DiaryPage {
    struct Model {
        let patientID: UUID
        let appointmentID: UUID
        let title: String
        let painBefore: Int
        let reading: DiaryReading
        let fields: FormFields
        var problems: [String: String] = [:]
        let version: Int
        /// Why entries are no longer taken, once closed.
        let closed: String?
        /// Why the entries below were not saved: someone changed the diary meanwhile.
        var conflict: String?
        let canWrite: Bool
        /// The links given to the patient for this diary, described.
        let links: [String]
    }

    static func render(_ model: Model, csrfToken: String) -> [BodyNode] {
        let form = BoundForm(fields: model.fields, problems: model.problems)
        let open = model.closed == nil && model.canWrite
        return [
            .tag("p", [], [.link("← The procedure record", to: SitePath.procedureRecord(model.patientID, model.appointmentID))]),
            .tag("h1", text: "Pain diary: \(model.title)"),
            .unwrap(model.conflict) { .tag("p", [("class", "notice warning"), ("role", "alert")], text: $0) },
            .tag("p", text: "Pain just before the block: \(model.painBefore)/10. Relief at each time is measured against it."),
            .tag("div", [("class", model.reading.positive == true ? "notice success" : "notice info"), ("role", "status")], [
                .tag("p", text: model.reading.summary), .group(model.reading.sources.map(ClinicalSourceNote.render)),
            ]),
            .if(!model.reading.reliefs.isEmpty, .tag("ul", [], model.reading.reliefs.map { entry in
                .tag("li", text: "\(BlockDiary.label(entry.minutes)): \(Int(entry.percent.rounded(.down))) % relief")
            })),
            .unwrap(model.closed) { .tag("p", [("class", "notice warning")], text: $0) },
            Forms.errorSummary(form.errors),
            .if(open, .tag("form", [("method", "post"), ("action", SitePath.procedureDiary(model.patientID, model.appointmentID)), ("novalidate", nil),
                                    ("class", "card")], [
                Forms.csrf(csrfToken), Forms.hidden("version", String(model.version)),
                Forms.row(BlockDiary.times.map { minutes in form.number(BlockDiary.field(minutes), "Pain at \(BlockDiary.label(minutes)) (0–10)", narrow: true) }),
                .tag("div", [("class", "actions")], [Forms.submit("Save the entries"), Forms.submit("Save and close the diary", name: "action", value: "close", secondary: true)]),
            ])),
            PatientLinkPages.section(model.links, action: open ? SitePath.procedureDiaryLink(model.patientID, model.appointmentID) : nil,
                                     csrfToken: csrfToken, what: "fill the diary on their own phone at each time"),
        ]
    }
}
