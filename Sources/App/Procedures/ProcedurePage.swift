import Foundation
import Plot
import ReliefCore

/// A procedure's record: the form while a draft (saved by nurses and physicians, signed by a physician), then the
/// signed record with its codes; before the checklist is closed, the way to it.
enum ProcedurePage {
    struct Model {
        let patientID: UUID
        let appointmentID: UUID
        let title: String
        /// False until the checklist is complete or gone ahead without.
        let checklistClosed: Bool
        let fields: FormFields
        var problems: [String: String] = [:]
        let signed: Signed?
        let version: Int
        let canSave: Bool
        let canSign: Bool
    }

    /// The signed record, with who signed it and when, and its addenda.
    struct Signed {
        let note: ProcedureNote
        let by: String
        let addenda: [AddendaSection.Item]
        let complications: [(summary: String, href: String)]
        var addendumText = ""
        var addendumProblem: String?
    }

    static func render(_ model: Model, csrfToken: String) -> [BodyNode] {
        let back = BodyNode.tag("p", [], [.link("← The appointment", to: SitePath.appointment(model.patientID, model.appointmentID))])
        guard model.checklistClosed || model.signed != nil else {
            return [back, .tag("h1", text: "Procedure record: \(model.title)"),
                    .tag("p", [("class", "notice warning")], [.text("The record starts once the pre-procedure checklist is complete. "),
                                                             .link("Open the checklist", to: SitePath.appointmentChecklist(model.patientID, model.appointmentID))])]
        }
        if let signed = model.signed {
            return [back, .tag("h1", text: "Procedure record: \(model.title)"), Self.signed(signed.note, by: signed.by),
                    .if(signed.note.site.map { BlockDiary.applies(to: $0.intervention) } ?? false,
                        .link("Pain diary", to: SitePath.procedureDiary(model.patientID, model.appointmentID), [("class", "button secondary")])),
                    ComplicationPages.list(signed.complications, record: model.canSave ? SitePath.newComplication(model.patientID, model.appointmentID) : nil),
                    AddendaSection.list(signed.addenda, id: "addenda"),
                    .if(model.canSave, AddendaSection.form(action: SitePath.procedureAddenda(model.patientID, model.appointmentID), text: signed.addendumText,
                                                           error: signed.addendumProblem, csrfToken: csrfToken))]
        }
        return [back, .tag("h1", text: "Procedure record: \(model.title)"), form(model, csrfToken: csrfToken)]
    }

    private static func signed(_ note: ProcedureNote, by: String) -> BodyNode {
        let rows: [(String, String)] = [
            ("Procedure", note.site?.label ?? note.intervention), ("Times", "\(note.start.display)–\(note.end.display)"), ("Signed by", by),
            ("Assistants", note.assistants), ("Approach", note.approach),
            ("Guidance", note.guidance.title + (note.fluoroscopySeconds.map { ", \($0) s fluoroscopy" } ?? "") + (note.doseMilligray.map { ", \(Figures.text($0)) mGy" } ?? "")),
            ("Anaesthesia", note.sedation.title), ("Injected", note.medications.map(\.label).joined(separator: "; ")),
            ("Pain", "\(note.painBefore) before, \(note.painAfter) after"), ("Events", (note.events.map(\.title) + [note.eventNote]).filter { !$0.isEmpty }.joined(separator: "; ")),
            ("Left", note.disposition.title), ("Instructions", note.instructions),
            ("Codes", note.codes.map { line in "\(line.code.code) × \(line.units)" + line.modifiers.map { "-\($0)" }.joined() + " (\(line.code.label))" }.joined(separator: "; ")),
        ]
        return .group([
            .group(note.advisories.map { .tag("p", [("class", "notice warning"), ("role", "alert")], text: $0) }),
            .tag("dl", [("class", "document-list")], rows.filter { !$0.1.isEmpty }.flatMap { term, value -> [BodyNode] in
                [.tag("dt", text: term), .tag("dd", text: value)]
            }),
        ])
    }

    private static func form(_ model: Model, csrfToken: String) -> BodyNode {
        let form = BoundForm(fields: model.fields, problems: model.problems)
        let rows: [BodyNode] = (1...ProcedureNote.medicationRows).map { row in
            let prefix = ProcedureNote.medicationPrefix(row)
            return Forms.row([form.choose(prefix + "drug", "Injected (\(row))", Injectate.self), form.number(prefix + "concentration", "mg/mL", decimal: true, narrow: true),
                              form.number(prefix + "volume", "mL", decimal: true, narrow: true)])
        }
        let controls: [BodyNode] = [
            form.intervention("intervention", "Procedure", procedures: true),
            Forms.row([form.choose("region", "Region", BodyArea.self, required: true), form.text("levels", "Levels", hint: "Like L4-L5, L5-S1"),
                       form.choose("side", "Side", Laterality.self)]),
            Forms.row([form.text("start", "Started", hint: "Like 8:05 AM", required: true), form.text("end", "Ended", required: true),
                       form.text("assistants", "Assistants"), form.text("approach", "Approach")]),
            Forms.row([form.choose("guidance", "Guidance", ImageGuidance.self, required: true),
                       form.number("fluoroscopySeconds", "Fluoroscopy time (s)", narrow: true), form.number("doseMilligray", "Dose (mGy)", decimal: true, narrow: true),
                       form.choose("sedation", "Anaesthesia", Anaesthesia.self, required: true)]),
            Forms.section("What was injected", rows),
            Forms.row([form.number("painBefore", "Pain before (0–10)", narrow: true), form.number("painAfter", "Pain after (0–10)", narrow: true),
                       form.choose("disposition", "Left", Disposition.self, required: true)]),
            form.boxes("events", "Events during the procedure", ProcedureEvent.self),
            form.area("eventNote", "What happened", rows: 2),
            form.area("instructions", "Discharge instructions", rows: 4),
        ]
        return .group([
            Forms.errorSummary(form.errors),
            .tag("form", [("method", "post"), ("action", SitePath.procedureRecord(model.patientID, model.appointmentID)), ("novalidate", nil)], [
                Forms.csrf(csrfToken), Forms.hidden("version", String(model.version)), .group(controls),
                .tag("div", [("class", "actions")], [
                    .if(model.canSave, Forms.submit("Save the draft", secondary: true)),
                    // The same fields go to the signing address; a plain form button, no script.
                    .if(model.canSign, .tag("button", [("type", "submit"), ("class", "button"),
                                                       ("formaction", SitePath.signProcedureRecord(model.patientID, model.appointmentID))],
                                            text: "Sign the record")),
                ]),
            ]),
        ])
    }
}
