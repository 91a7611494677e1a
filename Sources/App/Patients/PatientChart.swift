import Foundation
import Plot
import ReliefCore

/// The chart: the patient's registration details and the sections the clinical workflow fills.
enum PatientChart {
    struct Detail: Equatable {
        let label: String
        let value: String
    }

    struct EncounterRow {
        let date: String
        let kind: String
        let status: String
        let link: String?
    }

    struct AlertRow {
        let id: UUID
        let message: String
        let raised: String
    }

    /// What the clinical team sees; nil for roles that do not read clinical notes.
    struct Clinical {
        let encounters: [EncounterRow]
        let alerts: [AlertRow]
        /// Active diagnoses, the suspected pain generator among them.
        let diagnoses: [ChartEntryPages.Row]
        /// Tests ordered and not yet resulted, and results waiting for review.
        let workup: [ChartEntryPages.Row]
        /// The latest pain map, and how many dates there are to compare.
        let painMap: EvaluationQueries.PainMapRow?
        let painMapCount: Int
        /// Latest score per questionnaire: questionnaire, date, score and band, change since baseline.
        /// Per questionnaire: title, latest date, score and band, change since baseline; and its trend.
        let scores: [(cells: [String], trend: BodyNode)]
        let medications: [ChartEntryPages.Row]
        let opioids: OpioidSummary
        /// The opioid-safety checks on the day (none when off opioids).
        let opioidSafety: [OpioidSafetyCheck]
        /// Devices in place, with their MRI labelling.
        let implants: [Implant]
        let allergies: [ChartEntryPages.Row]
        let vitals: Recent
        let outsideVisits: Recent
        let labResults: Recent
        let treatments: [ChartEntryPages.Row]
        let conservativeCare: ConservativeCare
        let procedures: [ChartEntryPages.Row]
        let canStartEvaluation: Bool
        let canWriteChart: Bool
        let canResolveAlerts: Bool
    }

    struct Model {
        let id: UUID
        let canEdit: Bool
        let canHandOut: Bool
        let canSchedule: Bool
        var clinical: Clinical?
        let groups: [(String, [Detail])]
        let registeredAt: String
    }

    /// Sections of the chart that later releases fill, in clinical order.
    static func model(_ patient: PatientRecord, canEdit: Bool, canHandOut: Bool, canSchedule: Bool) -> Model {
        let registration = patient.registration
        let groups = PatientForm.sections.map { title, fields in
            (title, fields.compactMap { field -> Detail? in
                let value = display(field, registration[field])
                return value.isEmpty ? nil : Detail(label: field.label, value: value)
            })
        }
        let registered = CalendarDate(patient.createdAt).display
        return Model(id: patient.id, canEdit: canEdit, canHandOut: canHandOut, canSchedule: canSchedule, clinical: nil, groups: groups, registeredAt: registered)
    }

    static func display(_ field: PatientField, _ value: String) -> String {
        switch field {
        case .birthDate: CalendarDate(value)?.display ?? value
        case .sexAtBirth: SexAtBirth(rawValue: value)?.title ?? value
        case .genderIdentity: GenderIdentity(rawValue: value)?.title ?? value
        default: value
        }
    }

    static func render(_ model: Model, csrfToken: String) -> [BodyNode] {
        [
            .tag("div", [("class", "page-head")], [
                .tag("h1", text: "Chart"),
                .if(model.canSchedule, .link("Appointments", to: SitePath.appointments(model.id), [("class", "button secondary")])),
                .if(model.clinical != nil, .link("Timeline", to: SitePath.timeline(model.id), [("class", "button secondary")])),
                .if(model.clinical != nil, .link("Follow-ups", to: SitePath.followUps(model.id), [("class", "button secondary")])),
                .if(model.clinical != nil, .link("Implants", to: SitePath.implants(model.id), [("class", "button secondary")])),
                .if(model.canHandOut, .link("Questionnaires on a tablet", to: SitePath.kioskStart(model.id), [("class", "button secondary")])),
                .if(model.canEdit, .link("Edit registration", to: SitePath.editPatient(model.id), [("class", "button secondary")])),
                .if(model.canEdit, .link("Insurance coverage", to: SitePath.chartEntries(.coverage)(model.id), [("class", "button secondary")])),
                .if(model.canEdit, .link("Prior authorisations", to: SitePath.chartEntries(.priorAuthorization)(model.id), [("class", "button secondary")])),
                .if(model.canEdit, .link("Cost estimate", to: SitePath.costEstimate(model.id), [("class", "button secondary")])),
            ]),
            .unwrap(model.clinical) { clinical(model.id, $0, csrfToken: csrfToken) },
            .tag("section", [("class", "card"), ("aria-labelledby", "registration-heading")], [
                .tag("h2", [("id", "registration-heading")], text: "Registration"),
                .tag("div", [("class", "detail-columns")], model.groups.filter { !$0.1.isEmpty }.map { title, details in
                    .tag("div", [], [
                        .tag("h3", text: title),
                        .tag("dl", [], details.flatMap { detail -> [BodyNode] in
                            [.tag("dt", text: detail.label), .tag("dd", text: detail.value)]
                        }),
                    ])
                }),
                .tag("p", [("class", "muted")], text: "Registered \(model.registeredAt)"),
            ]),
        ]
    }

    private static func clinical(_ patientID: UUID, _ clinical: Clinical, csrfToken: String) -> BodyNode {
        .group([
            .if(!clinical.implants.isEmpty, .tag("section", [("class", "card"), ("aria-labelledby", "implants-heading")], [
                .tag("h2", [("id", "implants-heading")], [.link("Implanted devices", to: SitePath.implants(patientID))]),
                .tag("ul", [], clinical.implants.map { .tag("li", text: "\($0.label). MRI: \($0.mri.title).") }),
            ])),
            .if(!clinical.alerts.isEmpty, .tag("section", [("class", "card alert-card"), ("aria-labelledby", "alerts-heading")], [
                .tag("h2", [("id", "alerts-heading")], text: "Alerts"),
                .tag("ul", [("class", "alert-list")], clinical.alerts.map { alert in
                    .tag("li", [], [
                        .tag("p", [], [.tag("strong", text: alert.message), .safeText(" Raised \(alert.raised).")]),
                        .if(clinical.canResolveAlerts, .tag("form", [("method", "post"), ("action", SitePath.resolveAlert(patientID, alert.id)),
                                                                     ("class", "inline-form")], [
                            Forms.csrf(csrfToken),
                            Forms.text("reason", label: "Reason it is resolved", value: "", required: true,
                                       id: "reason-\(alert.id.lowercasedText)"),
                            Forms.submit("Resolve", secondary: true),
                        ])),
                    ])
                }),
            ])),
            listCard(patientID, .diagnosis, rows: clinical.diagnoses, columns: DiagnosisEntry.columns, canWrite: clinical.canWriteChart,
                     before: [.tag("p", [], [.link("Treatment plans", to: SitePath.plans(patientID)), .text(" · "),
                                             .link("Treatment options and procedure checks", to: SitePath.decisionSupport(patientID)), .text(" · "),
                                             .link("Informed consents", to: SitePath.consents(patientID))])]),
            .tag("section", [("class", "card chart-map"), ("aria-labelledby", "map-heading")], [
                .tag("h2", [("id", "map-heading")], text: "Where it hurts"),
                .unwrap(clinical.painMap, { map in
                    .group([
                        BodyMapFigure.render(map.marks, caption: map.date),
                        .if(clinical.painMapCount > 1, .link("Compare dates", to: SitePath.painMap(patientID))),
                    ])
                }, else: .tag("p", [("class", "muted")], text: "No pain map yet: it is drawn in the first-visit evaluation.")),
            ]),
            .tag("section", [("class", "card"), ("aria-labelledby", "workup-heading")], [
                .tag("div", [("class", "card-head")], [
                    .tag("h2", [("id", "workup-heading")], [.link("Outstanding tests", to: SitePath.workup(patientID))]),
                    .if(clinical.canWriteChart, .link("Order", to: SitePath.newWorkupOrder(patientID), [("class", "button secondary")])),
                ]),
                ChartEntryPages.table(WorkupPages.columns, clinical.workup, empty: "None outstanding.", link: ("Order", "Open")),
            ]),
            .tag("section", [("class", "card"), ("aria-labelledby", "scores-heading")], [
                .tag("h2", [("id", "scores-heading")], [.link("Questionnaires and scores", to: SitePath.questionnaires(patientID))]),
                clinical.scores.isEmpty
                    ? .tag("p", [("class", "muted")], text: "None recorded.")
                    : .tag("table", [("class", "entry-table")], [
                        .tableHead(["Questionnaire", "Latest", "Score", "Since baseline", "Trend"]),
                        .tag("tbody", [], clinical.scores.map { row in
                            .tag("tr", [], row.cells.map { BodyNode.tag("td", text: $0) } + [.tag("td", [], [row.trend])])
                        }),
                    ]),
            ]),
            listCard(patientID, .medication, rows: clinical.medications, columns: MedicationEntry.columns, canWrite: clinical.canWriteChart,
                     before: [OpioidCard.render(clinical.opioids, headingLevel: "h3"), OpioidSafetyPage.chartLines(clinical.opioidSafety, patientID: patientID)]),
            listCard(patientID, .allergy, rows: clinical.allergies, columns: AllergyEntry.columns, canWrite: clinical.canWriteChart,
                     before: []),
            listCard(patientID, .vitalSigns, rows: clinical.vitals.rows, columns: VitalSignsEntry.columns, canWrite: clinical.canWriteChart,
                     before: [clinical.vitals.more]),
            listCard(patientID, .labResult, rows: clinical.labResults.rows, columns: LabResultEntry.columns, canWrite: clinical.canWriteChart,
                     before: [clinical.labResults.more]),
            listCard(patientID, .priorTreatment, rows: clinical.treatments, columns: PriorTreatmentEntry.columns,
                     canWrite: clinical.canWriteChart, before: [
                         .if(clinical.conservativeCare.failedWeeks > 0, .tag("p", text:
                            "Failed conservative care: \(clinical.conservativeCare.failedWeeks) weeks at the longest (\(clinical.conservativeCare.kinds.map(\.title).joined(separator: ", ")))."))
                     ]),
            listCard(patientID, .priorProcedure, rows: clinical.procedures, columns: PriorProcedureEntry.columns,
                     canWrite: clinical.canWriteChart, before: []),
            listCard(patientID, .outsideVisit, rows: clinical.outsideVisits.rows, columns: OutsideVisitEntry.columns, canWrite: clinical.canWriteChart,
                     before: [clinical.outsideVisits.more]),
            .tag("section", [("class", "card"), ("aria-labelledby", "encounters-heading")], [
                .tag("div", [("class", "card-head")], [
                    .tag("h2", [("id", "encounters-heading")], text: "Encounters"),
                ]),
                // A first visit by default, a follow-up once the patient has been seen.
                .if(clinical.canStartEvaluation, VisitNoteStart.form(
                    patientID: patientID,
                    fields: FormFields([("kind", (clinical.encounters.isEmpty ? EncounterKind.newPatientEvaluation : .followUp).rawValue)]),
                    problems: [:], csrfToken: csrfToken)),
                clinical.encounters.isEmpty
                    ? .tag("p", [("class", "muted")], text: "No encounters yet.")
                    : .tag("table", [], [
                        .tableHead(["Date", "Type", "Status"]),
                        .tag("tbody", [], clinical.encounters.map { row in
                            .tag("tr", [], [
                                .tag("td", text: row.date),
                                .tag("td", [], [row.link.map { BodyNode.link(row.kind, to: $0) } ?? .safeText(row.kind)]),
                                .tag("td", text: row.status),
                            ])
                        }),
                    ]),
            ]),
        ])
    }

    /// The latest entries of a long history (vital signs, visits elsewhere): the chart shows a few, the list all.
    struct Recent {
        static let shown = 3

        let rows: [ChartEntryPages.Row]
        let total: Int

        init<C: ChartEntryPresentation & DatedEntry>(_ entries: [(UUID, C)], patientID: UUID, canWrite: Bool) {
            rows = ChartEntriesController<C>.rows(Array(C.newestFirst(entries).prefix(Self.shown)), patientID: patientID, canWrite: canWrite).current
            total = entries.count
        }

        var more: BodyNode {
            .if(total > rows.count, .tag("p", [("class", "muted")], text: "The latest \(rows.count) of \(total); the list has them all."))
        }
    }

    private static func listCard(_ patientID: UUID, _ kind: ChartEntryKind, rows: [ChartEntryPages.Row], columns: [String],
                                 canWrite: Bool, before: [BodyNode]) -> BodyNode {
        let heading = "\(kind.pathSegment)-heading"
        return .tag("section", [("class", "card"), ("aria-labelledby", heading)], [
            .tag("div", [("class", "card-head")], [
                .tag("h2", [("id", heading)], [.link(kind.pluralTitle, to: SitePath.chartEntries(kind)(patientID))]),
                .if(canWrite, .link("Add", to: SitePath.newChartEntry(kind)(patientID), [("class", "button secondary")])),
            ]),
            .group(before),
            ChartEntryPages.table(columns, rows, empty: "None recorded."),
        ])
    }
}
