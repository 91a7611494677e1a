import Foundation
import Plot
import ReliefCore

/// The evaluation read as a document: what was found, who signed it and when, and any dated addenda.
enum EvaluationDocument {
    struct Model {
        let patientID: UUID
        let evaluationID: UUID
        /// "Follow-up visit, 11/18/2026".
        let heading: String
        let author: String
        let sections: [(String, [(String, String)])]
        let painMap: [PainMark]
        /// "Signed by Dr … on …", or nil for a draft.
        let signature: String?
        /// Each addendum's anchor, heading and text; a new one is scrolled to by its anchor.
        let addenda: [AddendaSection.Item]
        /// Letters written from the note: what they say of themselves, and where they open.
        let letters: [(String, String)]
        let canEdit: Bool
        let canAmend: Bool
        /// The signed note on screen: print it, the patient's instructions, and write a letter (`canWriteLetter`).
        let canPrint: Bool
        let canWriteLetter: Bool
        /// On screen (not a printout): the section navigation.
        let onScreen: Bool
    }

    /// What the reader may do with the note; a printout offers nothing.
    struct Access {
        let write: Bool
        let letters: Bool
        let screen: Bool

        static let printed = Access(write: false, letters: false, screen: false)
    }

    static func model(_ evaluation: Evaluation, content c: EvaluationContent, heading: String, author: String, signature: String?,
                      addenda: [AddendaSection.Item], letters: [(String, String)], today: CalendarDate, access: Access) throws -> Model {
        func titles<C: Coded>(_ codes: [String], _ type: C.Type) -> String {
            codes.map { C(rawValue: $0)?.title ?? $0 }.joined(separator: ", ")
        }
        func title<C: Coded>(_ code: String?, _ type: C.Type) -> String { code.map { C(rawValue: $0)?.title ?? $0 } ?? "" }
        let atLeast = c.onsetDate?.whole == nil ? "at least " : ""
        let duration = c.duration(on: today).map { "\(atLeast)\($0.description)\($0.isChronic ? " — chronic" : "")" } ?? ""
        let scores = [("now", c.painNow), ("average", c.painAverage), ("worst", c.painWorst), ("least", c.painLeast)]
            .compactMap { label, value in value.map { "\(label) \($0)/10" } }.joined(separator: ", ")
        let neuro: String = c.neuro.map { exam -> String in
            let parts = [("strength", exam.strength), ("reflex", exam.reflex), ("sensation", exam.sensation)]
                .compactMap { label, value in value.map { "\(label) \($0)" } }
            return "\(exam.root) \(exam.side): \(parts.joined(separator: ", "))"
        }.joined(separator: "; ")
        let tests: String = c.provocation.map { (result: ProvocationResult) -> String in
            "\(ProvocationTest(rawValue: result.test)?.title ?? result.test) \(result.side): \(title(result.result, TestResult.self).lowercased())"
        }.joined(separator: "; ")
        typealias Rows = [(String, String)]
        let history: Rows = [
            ("Chief complaint", c.chiefComplaint), ("Onset", c.onsetDate?.display ?? ""), ("Duration", duration),
            ("How it began", title(c.onsetMechanism, OnsetMechanism.self)), ("Character", titles(c.characters, PainCharacter.self)),
            ("Radiation", c.radiation), ("Pattern", title(c.pattern, PainPattern.self)),
            ("Worse with", titles(c.aggravating, PainFactor.self)), ("Better with", titles(c.relieving, PainFactor.self)),
            ("Pain (0–10)", scores),
        ]
        let impact: Rows = [
            ("Sleep", title(c.sleep, SleepImpact.self)), ("Work status", title(c.workStatus, WorkStatus.self)),
            ("Activities given up", c.activitiesGivenUp), ("Mood", c.mood),
        ]
        let goals: Rows = [("Goals", joined(titles(c.goals, PatientGoal.self), c.goalOther)), ("Concerns", c.concerns)]
        let background: Rows = [
            ("Relevant to procedures", titles(c.history, ProcedureRelevantHistory.self)), ("Notes", c.historyNotes),
            ("Smoking", title(c.smoking, SmokingStatus.self)), ("Alcohol", title(c.alcohol, AlcoholUse.self)),
            ("Other substance use", c.substanceUse),
            ("Family history of substance abuse", titles(c.familySubstanceAbuse, Substance.self)),
        ]
        let exam: Rows = [
            ("Inspection", c.inspection), ("Range of motion", c.rangeOfMotion),
            ("Tenderness", joined(titles(c.tenderness, TenderSite.self), c.tendernessNotes)),
            ("Neurological", neuro), ("Provocation tests", tests), ("Other findings", c.examNotes),
        ]
        let flags: Rows = [("Positive", c.redFlags.isEmpty ? "None" : titles(c.redFlags, RedFlag.self)), ("Notes", c.redFlagNotes)]
        let assessment: Rows = [("Assessment", c.assessment), ("Plan", c.plan),
                                ("Instructions for the patient", c.patientInstructions ?? "")]
        let sections: [(String, Rows)] = [
            ("History of present illness", history), ("Impact on life", impact), ("Goals and concerns", goals),
            ("Medical and social history", background), ("Physical examination", exam), ("Red flags", flags),
            ("Assessment and plan", assessment),
        ].map { heading, rows in (heading, rows.filter { !$0.1.isEmpty }) }
        return Model(patientID: evaluation.patientID, evaluationID: try evaluation.requireID(), heading: heading, author: author,
                     sections: sections.filter { !$0.1.isEmpty }, painMap: c.painMap, signature: signature, addenda: addenda, letters: letters,
                     canEdit: access.write && signature == nil, canAmend: access.write && signature != nil,
                     canPrint: access.screen && signature != nil, canWriteLetter: access.letters && signature != nil, onScreen: access.screen)
    }


    private static func joined(_ parts: String...) -> String { parts.filter { !$0.isEmpty }.joined(separator: "; ") }

    static func render(_ model: Model, csrfToken: String, addendumError: String? = nil, addendumText: String = "") -> [BodyNode] {
        [
            .tag("article", [("class", "document")], [
                .tag("header", [("class", "page-head")], [
                    .tag("h1", text: model.heading),
                    .if(model.canEdit, .link("Continue editing", to: SitePath.editEvaluation(model.patientID, model.evaluationID),
                                             [("class", "button")])),
                    .if(model.canPrint, .tag("div", [("class", "page-actions no-print")], [
                        .link("Print note", to: SitePath.printEvaluation(model.patientID, model.evaluationID), [("class", "button secondary")]),
                        .link("Print instructions", to: SitePath.printInstructions(model.patientID, model.evaluationID),
                              [("class", "button secondary")]),
                        .if(model.canWriteLetter, .link("Letter to referring physician",
                                                        to: SitePath.newEvaluationLetter(model.patientID, model.evaluationID),
                                                        [("class", "button secondary")])),
                    ])),
                ]),
                .tag("p", [("class", model.signature == nil ? "status draft" : "status signed")],
                     text: model.signature ?? "Draft by \(model.author) — not signed"),
                .if(model.onScreen, SectionNav.render(model.sections.map(\.0) + ["Pain map"] + (model.addenda.isEmpty ? [] : ["Addenda"])
                                                      + (model.letters.isEmpty ? [] : ["Letters"]))),
                .group(model.sections.map { heading, rows in
                    .tag("section", [("id", SectionNav.anchor(heading))], [
                        .tag("h2", text: heading),
                        .tag("dl", [("class", "document-list")], rows.flatMap { label, value -> [BodyNode] in
                            [.tag("dt", text: label), .tag("dd", text: value)]
                        }),
                    ])
                }),
                .tag("section", [("id", SectionNav.anchor("Pain map"))], [.tag("h2", text: "Pain map"), BodyMapFigure.render(model.painMap)]),
                AddendaSection.list(model.addenda, id: SectionNav.anchor("Addenda")),
                .if(!model.letters.isEmpty, .tag("section", [("class", "no-print"), ("id", SectionNav.anchor("Letters"))], [
                    .tag("h2", text: "Letters"),
                    .tag("ul", [], model.letters.map { title, href in .tag("li", [], [.link(title, to: href)]) }),
                ])),
            ]),
            .if(model.canAmend, AddendaSection.form(action: SitePath.evaluationAddenda(model.patientID, model.evaluationID), text: addendumText,
                                                    error: addendumError, csrfToken: csrfToken)),
        ]
    }
}
