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
        if entry.chronic { notes.append(chronicNote) }
        if entry.painGenerator {
            let evidence = entry.evidence.map { $0.title.lowercased() }.joined(separator: ", ")
            notes.append(generatorNote + (evidence.isEmpty ? "." : evidenceNote + evidence + "."))
        }
        var tokens: [String: [FHIRToken]] = ["category": [category]]
        if !header.enteredInError { tokens["clinical-status"] = [clinical] }
        tokens["code"] = (entry.conditionCode.map { [FHIRToken(FHIR.System.icd10CM, $0)] } ?? []) + FHIR.tokens(entry.sourceCodings)
        var periods = ["recorded-date": FHIRPeriod.instant(header.recorded)]
        if let onset = entry.onsetDate { periods["onset-date"] = .day(onset, in: timeZone) }
        return FHIRRecord(.condition, header, members: [
            ("clinicalStatus", header.enteredInError ? nil : FHIR.concept([FHIR.coding(clinical.system!, clinical.code, entry.diagnosisStatus.title)])),
            ("verificationStatus", FHIR.concept([FHIR.coding(FHIR.System.conditionVerification, verification)])),
            ("category", [FHIR.concept([FHIR.coding(category.system!, category.code, "Problem List Item")])]),
            ("code", FHIR.concept((entry.conditionCode.map { [FHIR.coding(FHIR.System.icd10CM, $0, condition?.label)] } ?? []) + FHIR.codings(entry.sourceCodings),
                                  text: condition?.label ?? (entry.text.isEmpty ? entry.conditionCode : entry.text))),
            ("bodySite", site.map { [FHIR.concept(entry.laterality.map { [FHIR.coding(FHIR.System.laterality, $0.rawValue, $0.title)] } ?? [], text: $0)] }),
            ("onsetDateTime", FHIR.date(entry.onsetDate)),
            ("recordedDate", .string(FHIR.instant(header.recorded))),
            ("note", .array(notes.map { ["text": .string($0)] })),
        ], tokens: tokens, periods: periods)
    }
}

extension FHIRCondition {
    // What Relief keeps that FHIR has no element for, written as notes it reads back.
    static let chronicNote = "Chronic.", generatorNote = "Suspected pain generator", evidenceNote = "; evidence: "

    /// The diagnosis a resource describes: an ICD-10-CM code (text alone when it has none), statuses, side, onset, and
    /// the notes, from which Relief's own lines (chronic, suspected pain generator and its evidence) are read back.
    /// A block's evidence comes from the blocks done, never from a note.
    public static func entry(_ reader: inout FHIRResourceReader, base: DiagnosisEntry?) -> DiagnosisEntry {
        var entry = DiagnosisEntry(conditionCode: nil)
        if let code = reader.concept("code") {
            entry.conditionCode = code.code(in: FHIR.System.icd10CM)
            entry.sourceCodings = code.sourceCodings(besides: [FHIR.System.icd10CM])
            if entry.conditionCode == nil { entry.text = code.label ?? "" }
        } else {
            reader.issue("code", "Give the diagnosis.")
        }
        entry.diagnosisStatus = reader.coded("clinicalStatus", system: FHIR.System.conditionClinical, clinicalStatuses) ?? .active
        if reader.resource["clinicalStatus"] == nil { reader.issue("clinicalStatus", "Give the clinical status.") }
        entry.certainty = reader.coded("verificationStatus", system: FHIR.System.conditionVerification, DiagnosisCertainty.byFHIRCode) ?? .provisional
        _ = reader.element("category") // every diagnosis Relief keeps is on the problem list
        _ = reader.element("recordedDate") // Relief records when it was recorded here
        for (index, site) in (reader.element("bodySite")?.array ?? []).enumerated() {
            guard let side = reader.concept(site, at: "bodySite[\(index)]")?.code(in: FHIR.System.laterality) else { continue }
            entry.laterality = Laterality(rawValue: side)
            if entry.laterality == nil { reader.issue("bodySite[\(index)]", "The side is left, right or bilateral.") }
        }
        if let onset = reader.element("onsetDateTime") { entry.onsetDate = reader.date(onset, at: "onsetDateTime") }
        var notes: [String] = []
        for note in reader.notes("note") {
            if note == chronicNote {
                entry.chronic = true
            } else if note.hasPrefix(generatorNote) {
                entry.painGenerator = true
                let listed = note.components(separatedBy: evidenceNote).dropFirst().first?.dropLast().components(separatedBy: ", ") ?? []
                entry.evidence = GeneratorEvidence.ticked.filter { listed.contains($0.title.lowercased()) }
            } else {
                notes.append(note)
            }
        }
        entry.note = notes.joined(separator: "\n\n")
        reader.unread()
        return entry
    }

    /// FHIR's active sub-states are active to Relief, remission is inactive.
    static let clinicalStatuses: [String: DiagnosisStatus] = [
        "active": .active, "recurrence": .active, "relapse": .active, "inactive": .inactive, "remission": .inactive, "resolved": .resolved,
    ]
}

extension DiagnosisCertainty {
    /// Unconfirmed is a working diagnosis; refuted and entered in error are no diagnosis to keep.
    static let byFHIRCode: [String: DiagnosisCertainty] = ["provisional": .provisional, "unconfirmed": .provisional, "differential": .differential,
                                                           "confirmed": .confirmed]

    /// FHIR's condition verification status.
    var fhirCode: String {
        switch self {
        case .provisional: "provisional"
        case .differential: "differential"
        case .confirmed: "confirmed"
        }
    }
}
