import Foundation

/// A completed questionnaire as a US Core QuestionnaireResponse: the instrument by its canonical URL, each answer as a
/// coding whose code is the option's value (with the option's wording only where Relief ships it), who answered (the
/// patient on the tablet or from a link, or the staff member who typed it), and when.
public enum FHIRQuestionnaireResponse {

    public static func record(_ definition: QuestionnaireDefinition, answers: QuestionnaireAnswers, completedOn: CalendarDate, byPatient: Bool,
                              author: UUID?, _ header: FHIRRecordHeader, timeZone: TimeZone) -> FHIRRecord {
        let status = header.enteredInError ? "entered-in-error" : "completed"
        let shipped = definition.wording == .shipped
        let items: [JSONValue] = definition.items.compactMap { item in
            answers[item.linkId].map { value in
                let option = item.options.first { $0.value == value }
                return FHIR.object([("linkId", .string(item.linkId)), ("text", shipped ? item.text.map(JSONValue.string) : nil),
                                    ("answer", [["valueCoding": FHIR.object([("code", .string(String(value))),
                                                                             ("display", shipped ? option?.text.map(JSONValue.string) : nil)])]])])
            }
        }
        let source: JSONValue? = byPatient ? header.patientID.map { FHIR.reference(patient: $0) } : nil
        return FHIRRecord(.questionnaireResponse, header, members: [
            ("questionnaire", .string(FHIRQuestionnaire.canonical(definition))),
            ("status", .string(status)),
            // The day answered (a paper form may be typed in later).
            ("authored", .string(completedOn.description)),
            ("author", source ?? author.map { FHIR.reference(.practitioner, $0.lowercasedText) }),
            ("source", source),
            ("item", .array(items)),
        ], tokens: ["questionnaire": [FHIRToken(nil, FHIRQuestionnaire.canonical(definition))], "status": [FHIRToken("http://hl7.org/fhir/questionnaire-answers-status", status)]],
           periods: ["authored": .day(completedOn, in: timeZone)])
    }
}
