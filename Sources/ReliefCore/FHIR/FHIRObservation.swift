import Foundation

/// Observations: each scored questionnaire as a US Core screening-assessment Observation (the total under its LOINC
/// code where it has one, else the instrument's id; the band; each item's answer as a component, by linkId only, so
/// a licensed instrument's wording never leaves), and each change of the daily MME total.
public enum FHIRObservation {
    public static let screeningAssessment = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-observation-screening-assessment"
    /// The daily MME total, a value Relief computes from the medication list.
    public static let mmeCode = FHIRToken(FHIR.System.observation, "mme-daily-total")
    static let survey = FHIRToken(FHIR.System.observationCategory, "survey")

    /// A scored questionnaire: `completedOn` is the day answered; `band` the score's band id, when the instrument has bands.
    public static func score(_ definition: QuestionnaireDefinition, score: Double, band: String?, answers: QuestionnaireAnswers, completedOn: CalendarDate,
                             _ header: FHIRRecordHeader, timeZone: TimeZone) -> FHIRRecord {
        let state = header.enteredInError ? "entered-in-error" : "final"
        let code = code(definition)
        let unit = definition.scoreLabel.contains("%") ? "%" : "{score}"
        let components: [JSONValue] = definition.items.compactMap { item in
            answers[item.linkId].map { value in
                ["code": FHIR.concept([FHIR.coding(FHIR.System.instrument, item.linkId)], text: item.linkId), "valueInteger": .number(Double(value))]
            }
        }
        return FHIRRecord(.observation, header, profile: screeningAssessment, members: [
            ("status", .string(state)),
            ("category", [FHIR.concept([FHIR.coding(survey.system!, survey.code, "Survey")])]),
            ("code", FHIR.concept([FHIR.coding(code.system!, code.code, definition.title)], text: definition.title)),
            ("effectiveDateTime", .string(completedOn.description)),
            ("issued", .string(FHIR.instant(header.recorded))),
            ("valueQuantity", ["value": .number(score), "unit": .string(unit), "system": .string(FHIR.System.ucum), "code": .string(unit)]),
            ("interpretation", band.flatMap(definition.band(id:)).map { [FHIR.concept([], text: $0.label)] }),
            ("component", .array(components)),
        ], tokens: ["category": [survey], "code": [code], "status": [status(state)]],
           periods: ["date": .day(completedOn, in: timeZone)])
    }

    /// The daily MME total when the medication list changed it; `incomplete` when a drug could not be converted.
    public static func mme(total: Double, incomplete: Bool, detail: String, _ header: FHIRRecordHeader) -> FHIRRecord {
        let notes = [detail, incomplete ? "Incomplete: a medication's dose could not be converted." : ""].filter { !$0.isEmpty }
        return FHIRRecord(.observation, header, members: [
            ("status", "final"),
            ("code", FHIR.concept([FHIR.coding(mmeCode.system!, mmeCode.code, "Total daily morphine milligram equivalents")],
                                  text: "Total daily morphine milligram equivalents")),
            ("effectiveDateTime", .string(FHIR.instant(header.recorded))),
            ("valueQuantity", ["value": .number(total), "unit": .string(FHIR.mmePerDay), "system": .string(FHIR.System.ucum), "code": .string(FHIR.mmePerDay)]),
            ("note", .array(notes.map { ["text": .string($0)] })),
        ], tokens: ["code": [mmeCode], "status": [status("final")]], periods: ["date": .instant(header.recorded)])
    }

    /// The instrument's LOINC code for its total, else its id in Relief's instrument system.
    static func code(_ definition: QuestionnaireDefinition) -> FHIRToken {
        definition.loinc.map { FHIRToken(FHIR.System.loinc, $0) } ?? FHIRToken(FHIR.System.instrument, definition.id)
    }

    private static func status(_ code: String) -> FHIRToken { FHIRToken("http://hl7.org/fhir/observation-status", code) }
}
