import Foundation
import Plot
import ReliefCore

/// The first-visit evaluation form, in the order the visit flows. Always drawn from the submitted fields, so
/// a form with problems comes back exactly as the user left it.
enum EvaluationFormView {
    struct Model {
        let patientID: UUID
        let evaluationID: UUID
        /// "Follow-up visit, 11/18/2026".
        let heading: String
        let fields: FormFields
        let problems: [String: String]
        let version: Int
        let canSign: Bool
        /// Set when someone else saved or signed in between.
        let conflict: String?
    }

    static func render(_ model: Model, csrfToken: String) -> [BodyNode] {
        let f = model.fields
        let p = model.problems
        let action = SitePath.evaluation(model.patientID, model.evaluationID)
        let form = BoundForm(fields: f, problems: p)
        let parts = sections(form)
        // Drawn first, so the summary above it names each field by its label.
        let body: BodyNode = .tag("form", [("method", "post"), ("action", action), ("class", "evaluation-form"), ("novalidate", nil),
                                           ("data-autosave", "draft")], [
                Forms.csrf(csrfToken),
                Forms.hidden("version", String(model.version)),
                // Set by the page script to the section being edited, so saving comes back to it.
                Forms.hidden("section", ""),
            ] + parts.map { Forms.section($0.0, $0.1, id: SectionNav.anchor($0.0)) } + [
                .if(model.canSign, form.attestation()),
                .tag("div", [("class", "actions")], [
                    Forms.submit("Save draft"),
                    .if(model.canSign, .tag("button", [("type", "submit"), ("class", "button primary"),
                                                        ("formaction", SitePath.signEvaluation(model.patientID, model.evaluationID))],
                                            text: "Sign note")),
                    .link("Back to chart", to: SitePath.patient(model.patientID), [("class", "button secondary")]),
                ]),
            ])
        return [
            .tag("h1", text: model.heading),
            .unwrap(model.conflict) { .tag("div", [("class", "notice warning"), ("role", "alert")], text: $0) },
            Forms.errorSummary(form.errors),
            SectionNav.render(parts.map(\.0)),
            body,
        ]
    }

    private static let intensityOptions = [Forms.Option(value: "", title: "—")]
        + PainMark.intensityRange.map { Forms.Option(value: String($0), title: String($0)) }
    private static let findingOptions = [Forms.Option(value: "", title: "—")] + Forms.options(NeuroFinding.self)

    /// The anchor a save returns to: a section of this form, or none (anything else sent is ignored).
    static func returnAnchor(_ sent: String) -> String? {
        sections(BoundForm(fields: FormFields(), problems: [:])).map { SectionNav.anchor($0.0) }.first { $0 == sent }
    }

    /// What was typed in a kept form of this kind, by label (the page that gives typing back after a session ended).
    static func typed(_ fields: FormFields) -> [(label: String, value: String)] {
        let form = BoundForm(fields: fields, problems: [:])
        _ = sections(form)
        return form.typed
    }

    /// The form's sections in the order the visit flows; drawing them notes each field's label on `form`.
    private static func sections(_ form: BoundForm) -> [(String, [BodyNode])] {
        func score(_ name: String, _ label: String) -> BodyNode { form.number(name, label, hint: "0–10", narrow: true) }
        return [
            ("History of present illness", [
                form.text("chiefComplaint", "Chief complaint", required: true),
                Forms.row([
                    form.text("onsetDate", "Onset date", hint: "MM/DD/YYYY; MM/YYYY or YYYY in a draft"),
                    form.choose("onsetMechanism", "How it began", OnsetMechanism.self),
                    form.choose("pattern", "Constant or intermittent", PainPattern.self),
                ]),
                form.boxes("character", "Character of the pain", PainCharacter.self),
                form.text("radiation", "Radiation", hint: "Where the pain travels, e.g. left buttock to the calf"),
                form.boxes("aggravating", "Makes it worse", PainFactor.self),
                form.boxes("relieving", "Makes it better", PainFactor.self),
                Forms.row([
                    score("painNow", "Pain now"), score("painAverage", "Average pain"),
                    score("painWorst", "Worst pain"), score("painLeast", "Least pain"),
                ]),
            ]),
            ("Where it hurts", [bodyMapTable(form)]),
            ("Impact on life", [
                Forms.row([form.choose("sleep", "Sleep", SleepImpact.self), form.choose("workStatus", "Work status", WorkStatus.self)]),
                form.area("activitiesGivenUp", "Activities given up"),
                form.area("mood", "Mood"),
            ]),
            ("Goals and concerns", [
                form.boxes("goal", "The patient's goals", PatientGoal.self),
                form.text("goalOther", "Other goal, in the patient's words"),
                form.area("concerns", "Concerns"),
            ]),
            ("Medical and social history", [
                form.boxes("history", "Relevant to procedures", ProcedureRelevantHistory.self),
                form.area("historyNotes", "History notes"),
                Forms.row([form.choose("smoking", "Smoking", SmokingStatus.self), form.choose("alcohol", "Alcohol", AlcoholUse.self)]),
                form.text("substanceUse", "Other substance use"),
                form.boxes("familySubstance", "Family history of substance abuse", Substance.self),
            ]),
            ("Physical examination", [
                form.area("inspection", "Inspection"),
                form.area("rangeOfMotion", "Range of motion"),
                form.boxes("tender", "Tenderness", TenderSite.self),
                form.text("tendernessNotes", "Tenderness notes"),
                neuroTable(form),
                provocationTable(form),
                form.area("examNotes", "Other findings"),
            ]),
            ("Red flags", [
                .tag("p", [("class", "hint")], text: "Any positive flag raises a chart alert that stays until a physician resolves it."),
                form.boxes("redFlag", "Positive findings", RedFlag.self),
                form.area("redFlagNotes", "Notes"),
            ]),
            ("Assessment and plan", [
                form.area("assessment", "Assessment"), form.area("plan", "Plan"),
                form.area("patientInstructions", "Instructions for the patient",
                          hint: "In plain words; printed for the patient to take home with their medicines and allergies."),
            ]),
        ]
    }


    /// The body map: the figures show what is marked; the table beside them is the control, usable with the
    /// keyboard and without script (a region left at "—" is not marked).
    private static func bodyMapTable(_ form: BoundForm) -> BodyNode {
        let f = form.fields
        let marks = BodyMap.regions.flatMap { region in
            BodySide.allCases.compactMap { side in Int(f[EvaluationForm.mapField(region.id, side)]).flatMap {
                PainMark(region: region.id, side: side, intensity: $0)
            } }
        }
        return .tag("div", [("class", "body-map-editor")], [
            BodyMapFigure.render(marks.sorted()),
            .tag("table", [("class", "region-table")], [
                .tag("caption", text: "Intensity by region (0–10)"),
                .tableHead(["Region", "Right", "Left"]),
                .tag("tbody", [], BodyMap.regions.map { region in
                    .tag("tr", [], [.tag("th", [("scope", "row")], text: region.label)] + BodySide.allCases.map { side in
                        let name = EvaluationForm.mapField(region.id, side)
                        let label = "\(side.title) \(region.label.lowercased())"
                        form.note(name, label)
                        return .tag("td", [], [Forms.cellSelect(name, label: label, options: intensityOptions, selected: f[name],
                                                                invalid: form.problems[name] != nil)])
                    })
                }),
            ]),
        ])
    }

    private static func neuroTable(_ form: BoundForm) -> BodyNode {
        .tag("table", [("class", "exam-table")], [
            .tag("caption", text: "Neurological exam by level and side"),
            .tableHead(["Level", "Strength R", "Strength L", "Reflex R", "Reflex L", "Sensation R", "Sensation L"]),
            .tag("tbody", [], NerveRoot.allCases.map { root in
                .tag("tr", [], [.tag("th", [("scope", "row")], text: root.title)] + EvaluationForm.neuroAspects.flatMap { aspect in
                    BodySide.allCases.map { side in
                        let name = EvaluationForm.neuroField(root, side, aspect)
                        let label = "\(root.title) \(aspect) \(side.title.lowercased())"
                        form.note(name, label, options: findingOptions)
                        return .tag("td", [], [Forms.cellSelect(name, label: label, options: findingOptions, selected: form.fields[name])])
                    }
                })
            }),
        ])
    }

    private static func provocationTable(_ form: BoundForm) -> BodyNode {
        .tag("table", [("class", "exam-table")], [
            .tag("caption", text: "Provocation tests"),
            .tableHead(["Test", "Right", "Left"]),
            .tag("tbody", [], ProvocationTest.allCases.map { test in
                .tag("tr", [], [.tag("th", [("scope", "row")], text: test.title)] + BodySide.allCases.map { side in
                    let name = EvaluationForm.testField(test, side)
                    let selected = form.fields[name].isEmpty ? TestResult.notDone.rawValue : form.fields[name]
                    let label = "\(test.title) \(side.title.lowercased())"
                    form.note(name, label, options: Forms.options(TestResult.self), blank: TestResult.notDone.rawValue)
                    return .tag("td", [], [Forms.cellSelect(name, label: label, options: Forms.options(TestResult.self), selected: selected)])
                })
            }),
        ])
    }
}
