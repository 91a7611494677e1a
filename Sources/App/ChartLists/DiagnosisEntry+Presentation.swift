import Plot
import ReliefCore
import Vapor

extension DiagnosisEntry: ChartEntryPresentation {
    static let fieldOrder = ["condition", "text", "laterality", "onsetDate", "status", "certainty", "painGenerator", "evidence", "note"]

    static var newFields: FormFields {
        var fields = FormFields()
        fields.set([("status", DiagnosisStatus.active.rawValue), ("certainty", DiagnosisCertainty.provisional.rawValue)])
        return fields
    }

    static func formControls(_ form: BoundForm) -> [BodyNode] {
        [
            Forms.section("Diagnosis", [
                Forms.conditionSelect("condition", selected: form.fields["condition"], error: form.problems["condition"]),
                form.text("text", "Diagnosis as text", hint: "Only for one not in the list: it is kept as uncoded."),
                Forms.row([
                    form.choose("laterality", "Side", Laterality.self),
                    form.text("onsetDate", "Onset", hint: "MM/DD/YYYY"),
                    form.choose("status", "Status", DiagnosisStatus.self, required: true),
                    form.choose("certainty", "Certainty", DiagnosisCertainty.self, required: true),
                ]),
                Forms.checkboxes("chronic", legend: "Course", options: [Forms.Option(value: "yes", title: "Chronic (3 months or more)")],
                                 checked: form.fields.values("chronic")),
            ]),
            Forms.section("Pain generator", [
                Forms.checkboxes("painGenerator", legend: "Source of the pain",
                                 options: [Forms.Option(value: "yes", title: "Suspected pain generator")],
                                 checked: form.fields.values("painGenerator"), error: form.problems["painGenerator"]),
                Forms.checkboxes("evidence", legend: "Evidence", options: GeneratorEvidence.ticked.map { Forms.Option(value: $0.rawValue, title: $0.title) },
                                 checked: form.fields.values("evidence"), error: form.problems["evidence"]),
                .tag("p", [("class", "hint")], text: "Diagnostic blocks count by themselves: a positive diary, or a block recorded as done elsewhere with its relief."),
                form.area("note", "Note", rows: 2),
            ]),
        ]
    }

    static let columns = ["Diagnosis", "Onset", "Certainty", "Pain generator", "Status"]

    var cells: [String] {
        let verify = condition?.source.needsVerification == true ? " — verify code against current ICD-10-CM" : ""
        let generator = painGenerator ? (evidence.isEmpty ? "Suspected" : "Suspected: " + evidence.map(\.title).joined(separator: ", "))
            : evidence.contains(.diagnosticBlock) ? "Positive diagnostic block" : ""
        let onset = [onsetDate?.display, chronic ? "chronic" : nil].compactMap { $0 }.joined(separator: ", ")
        return [label + verify, onset, certainty.title, generator, diagnosisStatus.title]
    }
}

extension Forms {
    /// The condition catalogue grouped by body area, code first, then the free-text choice.
    private static let conditionGroups: [(BodyArea, [Condition])] = BodyArea.allCases.map { area in
        (area, ConditionCatalogue.all.filter { $0.area == area })
    }.filter { !$0.1.isEmpty }

    static func conditionSelect(_ name: String, selected: String, error: String?) -> BodyNode {
        groupedSelect(name, label: "Diagnosis (ICD-10-CM)", groups: conditionGroups.map { area, conditions in
            (area.title, conditions.map { Option(value: $0.code, title: "\($0.code) — \($0.label)") })
        }, trailing: [Option(value: DiagnosisEntry.uncodedChoice, title: "Not in the list (type it below; kept as uncoded)")],
        selected: selected, error: error, hint: nil, required: true)
    }
}

extension DiagnosisEntry {
    /// Entries as listed: "diagnostic block" evidence from the blocks done, here and elsewhere.
    static func shown(_ req: Request, patientID: UUID, _ entries: [(UUID, DiagnosisEntry)]) async throws -> [(UUID, DiagnosisEntry)] {
        let blocks = try await DiaryQueries.blockResults(patientID: patientID, on: req.db)
        return entries.map { ($0.0, $0.1.withBlockEvidence(blocks)) }
    }

    /// The diagnostic blocks done and what each tested on the problem list.
    static func summary(_ req: Request, patientID: UUID, current: [DiagnosisEntry]) async throws -> [BodyNode] {
        let blocks = try await DiaryQueries.blockResults(patientID: patientID, on: req.db).sorted { $0.date > $1.date }
        guard !blocks.isEmpty else { return [] }
        return [.tag("section", [("class", "card"), ("id", "diagnostic-blocks")], [
            .tag("h2", text: "Diagnostic blocks"),
            .tag("ul", [], blocks.map { block in
                let tested = current.filter(block.tests).map(\.label)
                return .tag("li", text: block.summary + (tested.isEmpty ? "; tested no diagnosis on the list" : "; tested " + tested.joined(separator: "; ")))
            }),
        ])]
    }

    /// The patient's results with findings, so the evidence for a pain generator is ticked knowing what the imaging
    /// and EMG showed; a result not yet reviewed by a physician says so.
    static func formContext(_ req: Request, patientID: UUID) async throws -> [BodyNode] {
        let results = try await WorkupQueries.all(patientID: patientID, on: req.db).compactMap { record -> (String, WorkupResult, Bool)? in
            guard let result = try record.decodedResult(), result.abnormal || !result.findings.isEmpty else { return nil }
            return (try record.decodedOrder().label, result, record.orderStatus == .reviewed)
        }
        guard !results.isEmpty else { return [] }
        return [.tag("aside", [("class", "card"), ("aria-labelledby", "workup-results-heading")], [
            .tag("h2", [("id", "workup-results-heading")], text: "Work-up results"),
            .tag("p", [("class", "muted")], text: "Tick imaging or EMG under evidence when a result supports this diagnosis."),
            .tag("ul", [], results.map { label, result, reviewed in
                let findings = result.findings.map(\.label).joined(separator: "; ")
                return .tag("li", text: "\(label), \(result.resultedOn.display)\(reviewed ? "" : " (not yet reviewed)"): "
                    + (findings.isEmpty ? "abnormal, see the report" : findings))
            }),
        ])]
    }
}
