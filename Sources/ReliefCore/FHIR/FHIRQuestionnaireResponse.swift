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

extension FHIRQuestionnaireResponse {
    /// A completed response sent by a client or an import, checked and scored as the form would: the questionnaire by
    /// its canonical URL (Relief's, or an imported one's, with or without its version), each answer by the option's
    /// value (the code Relief serves), an integer, or the option's wording; the day `authored` (today when absent).
    /// Groups are read through; an answer to an item the questionnaire does not have, or two answers to one, are issues.
    public static func submission(_ reader: inout FHIRResourceReader, definitions: [QuestionnaireDefinition], today: CalendarDate) -> QuestionnaireSubmission? {
        let canonical = reader.string("questionnaire") ?? ""
        guard let definition = definitions.first(where: { definition in
            let own = FHIRQuestionnaire.canonical(definition)
            return own == canonical || own.split(separator: "|").first.map(String.init) == canonical
        }) else {
            reader.issue("questionnaire", canonical.isEmpty ? "Name the questionnaire by its canonical URL." : "Relief has no questionnaire \(canonical).")
            return nil
        }
        if reader.string("status") != "completed" { reader.issue("status", "Relief keeps completed responses.") }
        let authored = reader.element("authored").flatMap { reader.date($0, at: "authored") }
        for name in ["author", "source", "encounter", "identifier"] { _ = reader.element(name) }
        var fields = FormFields()
        func walk(_ items: [JSONValue], path: String) {
            for (index, value) in items.enumerated() {
                let at = "\(path)[\(index)]"
                guard let item = value.object, let linkId = item["linkId"]?.string else { reader.issue(at, "Each item names its linkId."); continue }
                walk(item["item"]?.array ?? [], path: "\(at).item")
                let answers = item["answer"]?.array ?? []
                guard !answers.isEmpty else { continue }
                guard let question = definition.item(linkId) else { reader.issue("\(at).linkId", "\(definition.title) has no item \(linkId)."); continue }
                guard answers.count == 1, let answer = answers.first?.object else { reader.issue("\(at).answer", "One answer to \(linkId)."); continue }
                let coding = answer["valueCoding"]?.object
                let value = coding?["code"]?.string.flatMap(PlainNumber.integer)
                    ?? answer["valueInteger"]?.integer
                    ?? (coding?["display"]?.string ?? answer["valueString"]?.string).flatMap { text in
                        question.options.first { $0.text?.lowercased() == text.lowercased() }?.value
                    }
                guard let value else { reader.issue("\(at).answer", "Answer \(linkId) with one of its options' values."); continue }
                fields.add(linkId, String(value))
            }
        }
        walk(reader.element("item")?.array ?? [], path: "item")
        reader.unread()
        guard reader.errors.isEmpty else { return nil }
        if let authored { fields.add(QuestionnaireSubmission.completedOnField, authored.display) }
        let (submission, problems) = QuestionnaireSubmission.parse(definition, fields, today: today)
        for (field, message) in problems.sorted(by: { $0.key < $1.key }) {
            reader.issue(field == QuestionnaireSubmission.completedOnField ? "authored" : "item", field == QuestionnaireSubmission.completedOnField ? message : "\(field): \(message)")
        }
        return submission
    }
}
