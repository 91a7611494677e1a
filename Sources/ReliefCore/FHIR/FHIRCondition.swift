import Foundation

/// A problem-list diagnosis as a US Core Condition (problems and health concerns): the ICD-10-CM code and label
/// (text alone when typed free), clinical and verification status (an entry marked in error keeps only the latter),
/// the body region and side, onset, when it was recorded, and whether it is the suspected pain generator and on what
/// evidence (in `note`; FHIR has no element for it).
public enum FHIRCondition {
    public static func record(_ entry: DiagnosisEntry, _ header: FHIRRecordHeader, timeZone: TimeZone) -> FHIRRecord {
        let condition = entry.condition
        let category = FHIRToken(FHIR.System.conditionCategory, "problem-list-item")
        let clinical = FHIRToken(FHIR.System.conditionClinical, entry.diagnosisStatus.rawValue)
        let verification = header.enteredInError ? "entered-in-error" : entry.certainty.fhirCode
        let side = entry.laterality ?? condition?.laterality
        let site = condition.map { [$0.area.title, side?.title].compactMap { $0 }.joined(separator: ", ") } ?? side?.title
        var notes = entry.note.isEmpty ? [] : [entry.note]
        if entry.chronic { notes.append("Chronic.") }
        if entry.painGenerator {
            let evidence = entry.evidence.map { $0.title.lowercased() }.joined(separator: ", ")
            notes.append("Suspected pain generator" + (evidence.isEmpty ? "." : "; evidence: \(evidence)."))
        }
        var tokens: [String: [FHIRToken]] = ["category": [category]]
        if !header.enteredInError { tokens["clinical-status"] = [clinical] }
        if let code = entry.conditionCode { tokens["code"] = [FHIRToken(FHIR.System.icd10CM, code)] }
        var periods = ["recorded-date": FHIRPeriod.instant(header.recorded)]
        if let onset = entry.onsetDate { periods["onset-date"] = .day(onset, in: timeZone) }
        return FHIRRecord(.condition, header, members: [
            ("clinicalStatus", header.enteredInError ? nil : FHIR.concept([FHIR.coding(clinical.system!, clinical.code, entry.diagnosisStatus.title)])),
            ("verificationStatus", FHIR.concept([FHIR.coding(FHIR.System.conditionVerification, verification)])),
            ("category", [FHIR.concept([FHIR.coding(category.system!, category.code, "Problem List Item")])]),
            ("code", FHIR.concept(entry.conditionCode.map { [FHIR.coding(FHIR.System.icd10CM, $0, condition?.label)] } ?? [],
                                  text: condition?.label ?? (entry.text.isEmpty ? entry.conditionCode : entry.text))),
            ("bodySite", site.map { [FHIR.concept([], text: $0)] }),
            ("onsetDateTime", FHIR.date(entry.onsetDate)),
            ("recordedDate", .string(FHIR.instant(header.recorded))),
            ("note", .array(notes.map { ["text": .string($0)] })),
        ], tokens: tokens, periods: periods)
    }
}

extension DiagnosisCertainty {
    /// FHIR's condition verification status.
    var fhirCode: String {
        switch self {
        case .provisional: "provisional"
        case .differential: "differential"
        case .confirmed: "confirmed"
        }
    }
}
