import Foundation

/// A questionnaire as a FHIR Questionnaire, both ways. Served: every item with its options and their ordinal values
/// (`ordinalValue`), the total as a read-only item; a licensed questionnaire without its text (the practice's
/// licence does not extend to a receiving system). Imported: what a practice already hands out becomes an instrument
/// Relief scores as the sum of the chosen options' ordinal values (SDC's `ordinalValue`, or `itemWeight`), with
/// groups flattened, `required`, `initial`, `enableWhen` and a calculated total recognised; everything else is
/// listed, never silently ignored.
public enum FHIRQuestionnaire {
    public static let ordinalValue = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
    public static let itemWeight = "http://hl7.org/fhir/StructureDefinition/itemWeight"
    static let calculatedExpression = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression"
    static let cqfExpression = "http://hl7.org/fhir/StructureDefinition/cqf-expression"

    /// The canonical URL of Relief's own questionnaires.
    public static func canonical(_ definition: QuestionnaireDefinition) -> String {
        definition.canonical ?? "urn:relief:questionnaire:\(definition.id)"
    }

    public static func record(_ definition: QuestionnaireDefinition, version: Int, updated: Date) -> FHIRRecord {
        let header = FHIRRecordHeader(id: definition.id, patientID: nil, version: version, recorded: updated, updated: updated)
        // A licensed questionnaire's wording is the practice's to use, not to pass on.
        let shipped = definition.wording == .shipped
        let items: [JSONValue] = definition.items.map { item in
            FHIR.object([
                ("linkId", .string(item.linkId)), ("text", shipped ? item.text.map(JSONValue.string) : nil), ("type", "choice"),
                ("required", .bool(item.required)),
                ("answerOption", .array(item.options.map { option in
                    FHIR.object([("extension", [["url": .string(ordinalValue), "valueDecimal": .number(Double(option.value))]]),
                                 ("valueCoding", FHIR.object([("code", .string(String(option.value))), ("display", shipped ? option.text.map(JSONValue.string) : nil)]))])
                })),
                ("enableWhen", item.enableWhen.map { condition in .array(condition.tests.map(enableWhen)) }),
                ("enableBehavior", item.enableWhen.map { .string($0.all ? "all" : "any") }),
            ])
        }
        let total = FHIR.object([("linkId", "total"), ("text", .string(definition.scoreLabel)), ("type", "decimal"), ("readOnly", true),
                                 ("code", definition.loinc.map { [FHIR.coding(FHIR.System.loinc, $0)] })])
        return FHIRRecord(.questionnaire, header, members: [
            ("url", .string(canonical(definition))), ("name", .string(definition.id)), ("title", .string(definition.title)), ("status", "active"),
            ("subjectType", ["Patient"]), ("copyright", .string(definition.attribution)),
            ("description", shipped ? definition.instructions.map(JSONValue.string) : nil),
            ("item", .array(items + [total])),
        ], texts: ["name": [definition.id, definition.title]])
    }

    private static func enableWhen(_ test: ItemCondition.Test) -> JSONValue {
        switch test.op {
        case .exists: ["question": .string(test.linkId), "operator": "exists", "answerBoolean": .bool(test.value == 1)]
        case .equal, .notEqual: ["question": .string(test.linkId), "operator": .string(test.op.rawValue), "answerCoding": ["code": .string(String(test.value))]]
        }
    }
}
