import Foundation

/// An allergy or intolerance as a US Core AllergyIntolerance: the substance (a catalogue drug by Relief's drug id, a
/// named allergen, free text, or SNOMED's "no known allergy"), allergy or intolerance, category, reactions with their
/// severity, and statuses (one marked in error keeps only its verification status).
public enum FHIRAllergyIntolerance {
    public static func record(_ entry: AllergyEntry, _ header: FHIRRecordHeader) -> FHIRRecord {
        let clinical = FHIRToken(FHIR.System.allergyClinical, entry.allergyStatus.rawValue)
        let code = code(entry)
        var tokens: [String: [FHIRToken]] = ["code": code.tokens + FHIR.tokens(entry.sourceCodings)]
        if !header.enteredInError { tokens["clinical-status"] = [clinical] }
        let manifestations = entry.reactions.filter { $0 != .other }.map { FHIR.concept([], text: $0.title) }
            + (entry.reactionNote.isEmpty ? [] : [FHIR.concept([], text: entry.reactionNote)])
        let reaction = manifestations.isEmpty ? nil : FHIR.object([("manifestation", .array(manifestations)), ("severity", entry.severity.map { .string($0.rawValue) })])
        return FHIRRecord(.allergyIntolerance, header, members: [
            ("clinicalStatus", header.enteredInError ? nil : FHIR.concept([FHIR.coding(clinical.system!, clinical.code, entry.allergyStatus.title)])),
            ("verificationStatus", FHIR.concept([FHIR.coding(FHIR.System.allergyVerification, header.enteredInError ? "entered-in-error" : "confirmed")])),
            ("type", entry.type.map { .string($0.rawValue) }),
            ("category", entry.substance.fhirCategory.map { [.string($0)] }),
            ("code", FHIR.concept(code.tokens.map { FHIR.coding($0.system!, $0.code, code.display) } + FHIR.codings(entry.sourceCodings), text: code.display)),
            ("recordedDate", .string(FHIR.instant(header.recorded))),
            ("reaction", reaction.map { [$0] }),
            ("note", FHIR.note(entry.note)),
        ], tokens: tokens)
    }

    private static func code(_ entry: AllergyEntry) -> (tokens: [FHIRToken], display: String) {
        switch entry.substance {
        case .noKnownAllergies: ([FHIRToken(FHIR.System.snomed, FHIR.noKnownAllergy.code)], FHIR.noKnownAllergy.display)
        case .drug: (entry.drugID.flatMap(DrugCatalogue.drug).map { [FHIRToken(FHIR.System.drug, $0.id)] } ?? [], entry.label)
        case .other: ([], entry.label)
        default: ([FHIRToken(FHIR.System.allergen, entry.substance.rawValue)], entry.substance.shortTitle)
        }
    }
}

extension AllergySubstance {
    /// FHIR's allergy category: drugs, contrast, anaesthetics, steroids and skin antiseptics are medications; latex
    /// and adhesives the environment.
    var fhirCategory: String? {
        switch self {
        case .latex, .adhesive: "environment"
        case .other, .noKnownAllergies: nil
        default: "medication"
        }
    }
}

extension FHIRAllergyIntolerance {
    /// The allergy a resource describes: the substance from its coding (Relief's allergens and drugs, SNOMED's "no
    /// known allergy"), else its text; the first reaction's manifestations by name (others into the reaction note).
    public static func entry(_ reader: inout FHIRResourceReader) -> AllergyEntry {
        var entry = AllergyEntry(substance: .other)
        if let code = reader.concept("code") {
            entry.sourceCodings = code.sourceCodings(besides: [FHIR.System.drug, FHIR.System.allergen])
            if code.code(in: FHIR.System.snomed) == FHIR.noKnownAllergy.code {
                entry.sourceCodings = nil
                entry.substance = .noKnownAllergies
            } else if let drug = code.code(in: FHIR.System.drug) {
                entry.substance = .drug
                entry.drugID = drug
            } else if let allergen = code.code(in: FHIR.System.allergen) {
                if let substance = AllergySubstance(rawValue: allergen) { entry.substance = substance } else { reader.issue("code", "Relief has no allergen \(allergen).") }
            } else {
                entry.otherName = code.label ?? ""
            }
        }
        let verification = reader.concept("verificationStatus")?.code(in: FHIR.System.allergyVerification)
        if verification == "refuted" || verification == "entered-in-error" {
            reader.issue("verificationStatus", "Relief keeps allergies the patient has; take a wrong entry off the list with Relief's entered-in-error action.")
        }
        entry.allergyStatus = reader.coded("clinicalStatus", system: FHIR.System.allergyClinical, AllergyStatus.byCode) ?? .active
        if reader.resource["clinicalStatus"] == nil { reader.issue("clinicalStatus", "Give the clinical status.") }
        entry.type = reader.code("type", AllergyType.byCode)
        _ = reader.element("category") // follows from the substance
        _ = reader.element("recordedDate") // Relief records when it was recorded here
        let reactions = reader.element("reaction")?.array ?? []
        if reactions.count > 1 { reader.warn("reaction[1]", "Relief keeps one reaction; the first was stored.") }
        if let reaction = reactions.first {
            var unnamed: [String] = []
            for (index, item) in (reaction.object?["manifestation"]?.array ?? []).enumerated() {
                guard let label = reader.concept(item, at: "reaction[0].manifestation[\(index)]")?.label else { continue }
                if let known = AllergyReaction.allCases.first(where: { $0 != .other && $0.title.lowercased() == label.lowercased() }) {
                    entry.reactions.append(known)
                } else {
                    unnamed.append(label)
                }
            }
            entry.reactionNote = unnamed.joined(separator: "; ")
            if let severity = reader.string(reaction.object?["severity"], at: "reaction[0].severity") {
                entry.severity = ReactionSeverity(rawValue: severity)
                if entry.severity == nil { reader.issue("reaction[0].severity", "Give mild, moderate or severe.") }
            }
        }
        entry.note = reader.notes("note").joined(separator: "\n\n")
        reader.unread()
        return entry
    }
}
