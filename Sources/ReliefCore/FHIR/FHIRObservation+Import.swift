import Foundation

extension FHIRObservation {
    /// What an imported Observation becomes: the answer of one of Relief's one-question instruments it names by
    /// LOINC (a 0–10 pain score, 72514-3, as the pain-intensity questionnaire on its day), a set of vital signs
    /// holding the one sign it measures, a laboratory result, or nothing, with why.
    public enum Imported: Sendable {
        case response(QuestionnaireSubmission)
        case vitalSigns(VitalSign, VitalSignsEntry)
        case laboratory(LabResultEntry)
        case notKept(String)
    }

    public static let notKept = "Relief imports pain scores (LOINC 72514-3), vital signs and laboratory results from observations; surveys, social history and other observations are not kept yet."

    public static func importing(_ reader: inout FHIRResourceReader, today: CalendarDate) -> Imported {
        let sign = FHIRVitalSigns.sign(&reader)
        let code = reader.concept("code")?.code(in: FHIR.System.loinc)
        let definition = code.flatMap { code in QuestionnaireCatalogue.all.first { $0.loinc == code && $0.items.count == 1 } }
        let laboratory = sign == nil && definition == nil && FHIRLabResult.isLaboratory(reader)
        guard sign != nil || definition != nil || laboratory else { return .notKept(notKept) }
        let final: [String: Bool] = ["final": true, "amended": true, "corrected": true, "registered": false, "preliminary": false, "cancelled": false,
                                     "entered-in-error": false, "unknown": false]
        guard reader.code("status", final) == true else { return .notKept("Only final measurements are imported; this one is not.") }
        if let sign { return FHIRVitalSigns.entry(sign, &reader).map { .vitalSigns(sign, $0) } ?? .notKept("") }
        if laboratory { return FHIRLabResult.entry(&reader).map(Imported.laboratory) ?? .notKept("") }
        guard let definition, let item = definition.items.first else { return .notKept(notKept) }
        let value = reader.element("valueQuantity")?.object?["value"] ?? reader.element("valueInteger")
        guard case .number(let number)? = value, let whole = JSONValue.wholeNumber(number.rounded()), item.option(value: Int(whole)) != nil else {
            reader.issue("valueQuantity", "A \(definition.title.lowercased()) score is a number from \(item.valueRange.lowerBound) to \(item.valueRange.upperBound).")
            return .notKept("")
        }
        // A rating is said as a whole number; a fraction (as generated data has) is rounded, and the report says so.
        if Double(whole) != number { reader.warn("valueQuantity", "A 0–10 rating is a whole number: a fraction was rounded to the nearest.") }
        let effective = reader.element("effectiveDateTime") ?? reader.element("effectivePeriod")?.object?["start"]
        guard let day = reader.date(effective, at: "effectiveDateTime") else {
            if effective == nil { reader.issue("effectiveDateTime", "Give the day the score was taken.") }
            return .notKept("")
        }
        for name in ["category", "issued", "subject"] { _ = reader.element(name) }
        reader.unread()
        let fields = FormFields([(item.linkId, String(whole)), (QuestionnaireSubmission.completedOnField, day.display)])
        let (submission, problems) = QuestionnaireSubmission.parse(definition, fields, today: today)
        for (field, message) in problems.sorted(by: { $0.key < $1.key }) {
            reader.issue(field == QuestionnaireSubmission.completedOnField ? "effectiveDateTime" : "valueQuantity", message)
        }
        return submission.map(Imported.response) ?? .notKept("")
    }
}
