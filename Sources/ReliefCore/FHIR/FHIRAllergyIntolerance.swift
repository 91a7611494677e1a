import Foundation

/// An allergy or intolerance as a US Core AllergyIntolerance: the substance (a catalogue drug by Relief's drug id, a
/// named allergen, free text, or SNOMED's "no known allergy"), allergy or intolerance, category, reactions with their
/// severity, and statuses (one marked in error keeps only its verification status).
public enum FHIRAllergyIntolerance {
    public static func record(_ entry: AllergyEntry, _ header: FHIRRecordHeader) -> FHIRRecord {
        let clinical = FHIRToken(FHIR.System.allergyClinical, entry.allergyStatus.rawValue)
        let code = code(entry)
        var tokens: [String: [FHIRToken]] = ["code": code.tokens]
        if !header.enteredInError { tokens["clinical-status"] = [clinical] }
        let manifestations = entry.reactions.filter { $0 != .other }.map { FHIR.concept([], text: $0.title) }
            + (entry.reactionNote.isEmpty ? [] : [FHIR.concept([], text: entry.reactionNote)])
        let reaction = manifestations.isEmpty ? nil : FHIR.object([("manifestation", .array(manifestations)), ("severity", entry.severity.map { .string($0.rawValue) })])
        return FHIRRecord(.allergyIntolerance, header, members: [
            ("clinicalStatus", header.enteredInError ? nil : FHIR.concept([FHIR.coding(clinical.system!, clinical.code, entry.allergyStatus.title)])),
            ("verificationStatus", FHIR.concept([FHIR.coding(FHIR.System.allergyVerification, header.enteredInError ? "entered-in-error" : "confirmed")])),
            ("type", entry.type.map { .string($0.rawValue) }),
            ("category", entry.substance.fhirCategory.map { [.string($0)] }),
            ("code", FHIR.concept(code.tokens.map { FHIR.coding($0.system!, $0.code, code.display) }, text: code.display)),
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
