import Foundation
import Plot
import ReliefCore

/// What each printout says, below the identity line that `Printout` puts on every page.
enum PrintoutPages {
    struct Instructions {
        /// "New patient evaluation, 11/18/2026".
        let visit: String
        let clinician: String
        let instructions: String
        let medications: [MedicationEntry]
        let allergies: [AllergyEntry]
    }

    struct MedicationList {
        let asOf: String
        let medications: [MedicationEntry]
        let summary: OpioidSummary
        let allergies: [AllergyEntry]
    }

    struct LetterModel {
        let date: String
        let recipient: String
        let text: String
        /// "Kim Miller, born 03/14/1961, MRN 100042".
        let about: String
    }

    /// For the patient to take home: in plain words, without codes, scores or sources.
    static func instructions(_ model: Instructions) -> [BodyNode] {
        let medicines = model.medications.map { ChartEntryPages.Row(cells: [$0.label, $0.doseText, $0.indication, $0.prescriber], edit: nil) }
        return [
            .tag("h1", text: "After your visit"),
            .tag("p", [("class", "lead")], text: model.clinician.isEmpty ? model.visit : "\(model.visit), with \(model.clinician)"),
            .tag("section", [], [
                .tag("h2", text: "What to do next"),
                model.instructions.isEmpty
                    ? .tag("p", [], text: "No written instructions were given at this visit. Ask the practice if anything is unclear.")
                    : .tag("p", [("class", "prewrap")], text: model.instructions),
            ]),
            .tag("section", [], [
                .tag("h2", text: "Your medicines"),
                ChartEntryPages.table(["Medicine", "How to take it", "What it is for", "Prescribed by"], medicines,
                      empty: "No medicines are on your record. Tell us about any you take, including those bought without a prescription."),
            ]),
            .tag("section", [], [.tag("h2", text: "Your allergies"), allergyList(model.allergies)]),
            .tag("p", [("class", "print-note")], text: "Bring this sheet and all your medicines to your next visit. Call the practice with any "
                + "question. If you suddenly have new weakness or numbness in your legs, or cannot control your bladder or bowels, "
                + "go to an emergency department at once."),
        ]
    }

    /// For clinicians and other facilities: every current medication with its dose and daily MME, and the allergies.
    static func medicationList(_ model: MedicationList) -> [BodyNode] {
        let rows = model.medications.map { entry in
            ChartEntryPages.Row(cells: [entry.label, entry.doseText, entry.mmeText, entry.indication, entry.startDate?.display ?? "", entry.prescriber],
                                edit: nil)
        }
        let opioids: [BodyNode] = model.summary.lines.isEmpty ? [] : [
            .tag("p", [], [.tag("strong", text: "Daily opioid dose: \(Figures.text(model.summary.total)) MME.")]),
            .tag("ul", [], model.summary.alerts.map { .tag("li", text: $0.message) }),
        ]
        return [
            .tag("h1", text: "Medications and allergies"),
            .tag("p", [("class", "lead")], text: "As recorded on \(model.asOf)."),
            .tag("section", [], [
                .tag("h2", text: "Current medications"),
                ChartEntryPages.table(["Medication", "Dose", "Daily MME", "What it is for", "Started", "Prescriber"], rows, empty: "None recorded."),
            ] + opioids),
            .tag("section", [], [.tag("h2", text: "Allergies and intolerances"), allergyList(model.allergies)]),
        ]
    }

    static func letter(_ model: LetterModel) -> [BodyNode] {
        [
            .tag("div", [("class", "letter")], [
                .tag("p", [("class", "letter-date")], text: model.date),
                .tag("p", [("class", "prewrap")], text: model.recipient),
                .tag("p", [], [.tag("strong", text: "Re: \(model.about)")]),
                .tag("div", [("class", "prewrap letter-body")], text: model.text),
            ]),
        ]
    }

    /// Current allergies with their reactions; "no known allergies" and "none recorded" kept apart, as they mean different things.
    private static func allergyList(_ entries: [AllergyEntry]) -> BodyNode {
        let current = entries.filter(\.isCurrent)
        guard !current.isEmpty else {
            return .tag("p", [], text: "None recorded: allergies have not been asked about or entered yet.")
        }
        return .tag("ul", [], current.map { entry in
            // The list's cells without the substance and the status (all are current here).
            let details = entry.cells.dropFirst().dropLast().filter { !$0.isEmpty }
            return .tag("li", [], [.tag("strong", text: entry.label)] + (details.isEmpty ? [] : [.safeText(" — " + details.joined(separator: "; "))]))
        })
    }
}
