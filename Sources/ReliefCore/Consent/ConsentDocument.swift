/// The text of an informed consent for one planned procedure, in plain words for the patient: what will be done
/// and why, what it may bring, the risks everyone has and those that apply to this patient, the alternatives
/// (doing nothing included), realistic expectations, and how to prepare and recover (PRACTICE.md steps 4–6 and
/// "Risks and considerations"). Built from the catalogue and the decision for this patient; our own wording.
public struct ConsentDocument: Hashable, Sendable, Codable {
    public struct Section: Hashable, Sendable, Codable {
        public let title: String
        public let paragraphs: [String]
        public let items: [String]
    }

    public let title: String
    public let sections: [Section]
    public let catalogueVersion: String

    /// `experience`: the practice's own results with this intervention, when there are enough to show.
    public init(for decision: Decision, facts: PatientFacts, experience: PracticeExperience? = nil) {
        let site = decision.candidate.site, entry = site.intervention
        title = "Consent to \(entry.name.lowercased())"
        catalogueVersion = decision.catalogueVersion
        let indications = facts.diagnoses.compactMap(\.condition).filter { !Set(PainKind.of($0.code)).isDisjoint(with: entry.indications) }
        let why = indications.isEmpty ? "to treat your pain" : "for your " + indications.map { $0.label.lowercased() }.joined(separator: " and ")
        let place = [site.levels.isEmpty ? nil : "at " + site.levels.map(\.description).joined(separator: " and "),
                     site.side.map { $0 == .bilateral ? "on both sides" : "on the \($0.rawValue) side" }].compactMap { $0 }
        sections = [
            Section(title: "What will be done and why", paragraphs: [
                "We plan a \(entry.name.lowercased()) in the \(site.region.title.lowercased()) region\(place.isEmpty ? "" : " " + place.joined(separator: ", ")) on \(decision.candidate.date.display), \(why).",
                Self.purpose(entry), "Anaesthesia: \(entry.anaesthesia.title)",
            ], items: []),
            Section(title: "What it may bring", paragraphs: ["When it helps: \(entry.onset) \(entry.duration)"] + (experience.map { [$0.paragraph] } ?? []),
                    items: []),
            Section(title: "Risks for everyone", paragraphs: [], items: entry.generalRisks.map(\.title) + entry.specificRisks),
            Section(title: "Risks that apply to you", paragraphs: [], items: Self.personalRisks(decision, facts: facts)),
            Section(title: "Other choices", paragraphs: [], items: entry.alternatives.compactMap(InterventionCatalogue.intervention).map(\.name)
                + ["Doing nothing for now: no procedure risks, but the pain may go on or change"]),
            Section(title: "What to expect realistically", paragraphs: [
                "This is not a cure-all. Some people need more than one session, or ongoing and combined treatment such as physical therapy; some get little or no relief. We review how it worked at each follow-up and change the plan if it did not help.",
            ] + (entry.evidence.strength.isWeak ? ["What studies show: \(entry.evidence.text)"] : []), items: []),
            Section(title: "Before", paragraphs: [], items: entry.preparation + decision.holds.map { "\($0.message) Contact the doctor who prescribed it first." }),
            Section(title: "After", paragraphs: [], items: entry.aftercare),
        ]
    }

    private static func purpose(_ entry: Intervention) -> String {
        switch entry.purpose {
        case .diagnostic: "It is a test: it shows whether this is where your pain comes from, to guide the next step."
        case .therapeutic: "It is a treatment: it aims to reduce your pain so you can do more."
        case .both: "It both tests where the pain comes from and may reduce it."
        }
    }

    /// The patient's own risks, from the rules that fired for them: blood thinners, diabetes with a steroid, a
    /// raised bleeding risk, allergies, pregnancy, a weak immune system.
    static func personalRisks(_ decision: Decision, facts: PatientFacts) -> [String] {
        var risks: [String] = []
        for hold in decision.holds {
            risks.append("You take \(hold.medication.lowercased()), which thins the blood: it is stopped for a short time before the procedure, which lowers the bleeding risk but slightly raises the risk of a clot while it is stopped.")
        }
        for rule in decision.rules where rule.outcome != .met {
            switch rule.id {
            case "diabetes-steroid": risks.append("You have diabetes: the steroid raises blood sugar for a few days; check it more often.")
            case "bleeding-risk": risks.append("Your medical history raises the bleeding risk of this procedure; we take extra care and may check your clotting first.")
            case "immunosuppression": risks.append("Your immune system is weakened: the risk of infection is higher, so we take extra care with the wound.")
            case "pregnancy": risks.append("You may be pregnant: x-rays are avoided where possible; we discuss the risks to the baby with you before going ahead.")
            case let id where id.hasPrefix("allergy-"): risks.append("Your allergy is recorded (\(rule.facts.joined(separator: "; "))): we use other materials or medicines.")
            default: continue
            }
        }
        return risks.isEmpty ? ["Nothing in your record adds to the risks above. Tell us if anything has changed."] : risks
    }
}
