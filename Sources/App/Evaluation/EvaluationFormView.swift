import Foundation
import Plot
import ReliefCore

/// The first-visit evaluation form, in the order the visit flows. Always drawn from the submitted fields, so
/// a form with problems comes back exactly as the user left it.
enum EvaluationFormView {
    struct Model {
        let patientID: UUID
        let evaluationID: UUID
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
        let errors = p.sorted { $0.key < $1.key }.map { (name: $0.key, message: $0.value) }
        func text(_ name: String, _ label: String, hint: String? = nil) -> BodyNode {
            Forms.text(name, label: label, value: f[name], error: p[name], hint: hint)
        }
        func area(_ name: String, _ label: String) -> BodyNode { Forms.textarea(name, label: label, value: f[name], error: p[name]) }
        func choose<C: Coded>(_ name: String, _ label: String, _ type: C.Type) -> BodyNode {
            Forms.select(name, label: label, options: Forms.options(type), selected: f[name], error: p[name])
        }
        func boxes<C: Coded>(_ name: String, _ legend: String, _ type: C.Type) -> BodyNode {
            Forms.checkboxes(name, legend: legend, options: Forms.options(type), checked: f.values(name), error: p[name])
        }
        func score(_ name: String, _ label: String) -> BodyNode {
            Forms.text(name, label: label, value: f[name], error: p[name], hint: "0–10",
                       extra: [("inputmode", "numeric"), ("class", "narrow")])
        }
        return [
            .tag("h1", text: "New-patient evaluation"),
            .unwrap(model.conflict) { .tag("div", [("class", "notice warning"), ("role", "alert")], text: $0) },
            Forms.errorSummary(errors),
            .tag("form", [("method", "post"), ("action", action), ("class", "evaluation-form"), ("novalidate", nil)], [
                Forms.csrf(csrfToken),
                Forms.hidden("version", String(model.version)),
                section("History of present illness", [
                    Forms.text("chiefComplaint", label: "Chief complaint", value: f["chiefComplaint"], error: p["chiefComplaint"], required: true),
                    .tag("div", [("class", "grid")], [
                        text("onsetDate", "Onset date", hint: "MM/DD/YYYY"),
                        choose("onsetMechanism", "How it began", OnsetMechanism.self),
                        choose("pattern", "Constant or intermittent", PainPattern.self),
                    ]),
                    boxes("character", "Character of the pain", PainCharacter.self),
                    text("radiation", "Radiation", hint: "Where the pain travels, e.g. left buttock to the calf"),
                    boxes("aggravating", "Makes it worse", PainFactor.self),
                    boxes("relieving", "Makes it better", PainFactor.self),
                    .tag("div", [("class", "grid")], [
                        score("painNow", "Pain now"), score("painAverage", "Average pain"),
                        score("painWorst", "Worst pain"), score("painLeast", "Least pain"),
                    ]),
                ]),
                section("Where it hurts", [bodyMapTable(f, p)]),
                section("Impact on life", [
                    .tag("div", [("class", "grid")], [choose("sleep", "Sleep", SleepImpact.self), choose("workStatus", "Work status", WorkStatus.self)]),
                    area("activitiesGivenUp", "Activities given up"),
                    area("mood", "Mood"),
                ]),
                section("Goals and concerns", [
                    boxes("goal", "The patient's goals", PatientGoal.self),
                    text("goalOther", "Other goal, in the patient's words"),
                    area("concerns", "Concerns"),
                ]),
                section("Medical and social history", [
                    boxes("history", "Relevant to procedures", ProcedureRelevantHistory.self),
                    area("historyNotes", "History notes"),
                    .tag("div", [("class", "grid")], [choose("smoking", "Smoking", SmokingStatus.self), choose("alcohol", "Alcohol", AlcoholUse.self)]),
                    text("substanceUse", "Other substance use"),
                    boxes("familySubstance", "Family history of substance abuse", Substance.self),
                ]),
                section("Physical examination", [
                    area("inspection", "Inspection"),
                    area("rangeOfMotion", "Range of motion"),
                    boxes("tender", "Tenderness", TenderSite.self),
                    text("tendernessNotes", "Tenderness notes"),
                    neuroTable(f),
                    provocationTable(f),
                    area("examNotes", "Other findings"),
                ]),
                section("Red flags", [
                    .tag("p", [("class", "hint")], text: "Any positive flag raises a chart alert that stays until a physician resolves it."),
                    boxes("redFlag", "Positive findings", RedFlag.self),
                    area("redFlagNotes", "Notes"),
                ]),
                section("Assessment and plan", [area("assessment", "Assessment"), area("plan", "Plan")]),
                .tag("div", [("class", "actions")], [
                    Forms.submit("Save draft"),
                    .if(model.canSign, .tag("button", [("type", "submit"), ("class", "button primary"),
                                                        ("formaction", SitePath.signEvaluation(model.patientID, model.evaluationID))],
                                            text: "Sign note")),
                    .link("Back to chart", to: SitePath.patient(model.patientID), [("class", "button secondary")]),
                ]),
            ]),
        ]
    }

    private static func section(_ title: String, _ content: [BodyNode]) -> BodyNode {
        .tag("fieldset", [("class", "form-section")], [.tag("legend", text: title)] + content)
    }

    private static let intensityOptions = [Forms.Option(value: "", title: "—")]
        + PainMark.intensityRange.map { Forms.Option(value: String($0), title: String($0)) }
    private static let findingOptions = [Forms.Option(value: "", title: "—")] + Forms.options(NeuroFinding.self)

    /// The body map: the figures show what is marked; the table beside them is the control, usable with the
    /// keyboard and without script (a region left at "—" is not marked).
    private static func bodyMapTable(_ f: FormFields, _ p: [String: String]) -> BodyNode {
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
                        return .tag("td", [], [Forms.cellSelect(name, label: "\(side.title) \(region.label.lowercased())",
                                                                options: intensityOptions, selected: f[name], invalid: p[name] != nil)])
                    })
                }),
            ]),
        ])
    }

    private static func neuroTable(_ f: FormFields) -> BodyNode {
        .tag("table", [("class", "exam-table")], [
            .tag("caption", text: "Neurological exam by level and side"),
            .tableHead(["Level", "Strength R", "Strength L", "Reflex R", "Reflex L", "Sensation R", "Sensation L"]),
            .tag("tbody", [], NerveRoot.allCases.map { root in
                .tag("tr", [], [.tag("th", [("scope", "row")], text: root.title)] + EvaluationForm.neuroAspects.flatMap { aspect in
                    BodySide.allCases.map { side in
                        let name = EvaluationForm.neuroField(root, side, aspect)
                        return .tag("td", [], [Forms.cellSelect(name, label: "\(root.title) \(aspect) \(side.title.lowercased())",
                                                                options: findingOptions, selected: f[name])])
                    }
                })
            }),
        ])
    }

    private static func provocationTable(_ f: FormFields) -> BodyNode {
        .tag("table", [("class", "exam-table")], [
            .tag("caption", text: "Provocation tests"),
            .tableHead(["Test", "Right", "Left"]),
            .tag("tbody", [], ProvocationTest.allCases.map { test in
                .tag("tr", [], [.tag("th", [("scope", "row")], text: test.title)] + BodySide.allCases.map { side in
                    let name = EvaluationForm.testField(test, side)
                    let selected = f[name].isEmpty ? TestResult.notDone.rawValue : f[name]
                    return .tag("td", [], [Forms.cellSelect(name, label: "\(test.title) \(side.title.lowercased())",
                                                            options: Forms.options(TestResult.self), selected: selected)])
                })
            }),
        ])
    }
}
