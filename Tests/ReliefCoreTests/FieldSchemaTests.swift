import Testing
@testable import ReliefCore

/// The JSON API's view of each form: every field a parser reads is listed with a type, and a record survives the
/// trip form → JSON → form unchanged.
@Suite struct FieldSchemaTests {
    private let today = CalendarDate(year: 2026, month: 11, day: 23)!

    /// The record comes back from JSON exactly, and no field of its form is missing from the schema.
    private func roundTrips(_ fields: FormFields, _ schema: FieldSchema, parse: (FormFields) -> FormFields?) {
        let unknown = Set(fields.pairs.map(\.name)).filter { schema.spec($0) == nil }
        #expect(unknown.isEmpty, "not in the schema: \(unknown.sorted())")
        let (back, problems) = schema.form(schema.json(fields))
        #expect(problems.isEmpty, "\(problems)")
        #expect(parse(back) == parse(fields))
    }

    @Test func everyDemoRecordRoundTripsThroughJSON() {
        // setup
        var checked = 0
        for index in 0..<200 {
            let lists = DemoChartLists.generate(index: index, seed: 4, age: 40 + index % 40, today: today)
            let scores = DemoScores.generate(index: index, seed: 4, today: today, male: index % 2 == 0, onOpioid: index % 3 == 0)
            let diagnoses = DemoChartLists.diagnoses(index: index, seed: 4, today: today)
            let visits = DemoEvaluations.generate(index: index, seed: 4, diagnosis: diagnoses.first, scores: scores, age: 50)
            let workup = DemoWorkup.generate(index: index, seed: 4, diagnosis: diagnoses[0], firstVisit: today.adding(days: -30),
                                             onOpioid: index % 3 == 0, today: today)
            // act / check
            for entry in lists.medications { roundTrips(entry.fields, MedicationEntry.schema) { MedicationEntry.parse($0, today: today).entry?.fields } }
            for entry in lists.allergies { roundTrips(entry.fields, AllergyEntry.schema) { AllergyEntry.parse($0, today: today).entry?.fields } }
            for entry in lists.treatments {
                roundTrips(entry.fields, PriorTreatmentEntry.schema) { PriorTreatmentEntry.parse($0, today: today).entry?.fields }
            }
            for entry in diagnoses { roundTrips(entry.fields, DiagnosisEntry.schema) { DiagnosisEntry.parse($0, today: today).entry?.fields } }
            for visit in visits {
                roundTrips(EvaluationForm.fields(visit.content), EvaluationForm.schema) { EvaluationForm.fields(EvaluationForm.parse($0, today: today).content) }
            }
            for item in workup {
                roundTrips(item.order.fields, WorkupOrder.schema) { WorkupOrder.parse($0, today: today).0?.fields }
                if let result = item.result { roundTrips(result.fields, WorkupResult.schema) { WorkupResult.parse($0, today: today).0?.fields } }
            }
            checked += lists.medications.count + visits.count + workup.count
        }
        #expect(checked > 200)
    }

    @Test func jsonHasRealTypesAndISODates() {
        // setup
        let entry = DiagnosisEntry.parse(FormFields([("condition", "M54.16"), ("onsetDate", "03/14/2025"), ("chronic", "yes"),
                                                     ("status", "active"), ("certainty", "confirmed"), ("painGenerator", "yes"),
                                                     ("evidence", "imaging"), ("evidence", "exam")]), today: today).entry!
        // act
        let json = DiagnosisEntry.schema.json(entry.fields)
        // check
        #expect(json["onsetDate"] == "2025-03-14")
        #expect(json["chronic"] == true && json["painGenerator"] == true)
        #expect(json["evidence"] == ["exam", "imaging"])
        #expect(json["note"] == nil)
    }

    @Test func wrongTypesAndUnknownFieldsAreNamedAndNumbersAreExact() {
        // setup
        let schema = MedicationEntry.schema
        // act
        let (fields, problems) = schema.form(["strength": 0.125, "unitsPerDose": 2, "status": 3, "colour": "blue", "route": .null,
                                              "startDate": false, "maxDosesPerDay": .number(1e300)])
        // check
        #expect(fields["strength"] == "0.125" && fields["unitsPerDose"] == "2" && fields["route"] == "")
        #expect(problems == ["status": "Send one of the listed codes.", "colour": "Not a field of this record.",
                             "startDate": "Send a date as YYYY-MM-DD.", "route": "Send a value, or leave this out."])
        #expect(MedicationEntry.parse(fields, today: today).problems["maxDosesPerDay"] != nil)
    }

    @Test func questionnaireSchemasListEachItemAndTheDate() {
        // setup / act
        let schema = QuestionnaireCatalogue.definition("phq-9")!.schema
        // check
        #expect(schema.fields.count == 10)
        #expect(schema.spec(QuestionnaireSubmission.completedOnField)?.kind == .date)
    }

    /// Every schema with the parser that reads its record: the API documents a field's limits from the schema and
    /// enforces them itself, so the parser must take what the schema allows.
    private var parsers: [(String, FieldSchema, (FormFields) -> [String: String])] {
        var all: [(String, FieldSchema, (FormFields) -> [String: String])] = [
            ("medication", MedicationEntry.schema, { MedicationEntry.parse($0, today: today).problems }),
            ("allergy", AllergyEntry.schema, { AllergyEntry.parse($0, today: today).problems }),
            ("prior treatment", PriorTreatmentEntry.schema, { PriorTreatmentEntry.parse($0, today: today).problems }),
            ("diagnosis", DiagnosisEntry.schema, { DiagnosisEntry.parse($0, today: today).problems }),
            ("prior procedure", PriorProcedureEntry.schema, { PriorProcedureEntry.parse($0, today: today).problems }),
            ("treatment plan", CarePlanContent.schema, { CarePlanContent.parse($0, today: today).1 }),
            ("coverage", CoverageEntry.schema, { CoverageEntry.parse($0, today: today).problems }),
            ("prior authorization", PriorAuthorizationEntry.schema, { PriorAuthorizationEntry.parse($0, today: today).problems }),
            ("evaluation", EvaluationForm.schema, { EvaluationForm.parse($0, today: today).problems }),
            ("encounter", EncounterStart.schema, { EncounterStart.parse($0, today: today).1 }),
            ("work-up order", WorkupOrder.schema, { WorkupOrder.parse($0, today: today).1 }),
            ("laboratory result", LabResultEntry.schema, { LabResultEntry.parse($0, today: today).problems }),
            ("visit elsewhere", OutsideVisitEntry.schema, { OutsideVisitEntry.parse($0, today: today).problems }),
            // A measurement is checked in the unit sent; its documented range is what one of its units takes.
            ("vital signs", VitalSignsEntry.schema, { fields in
                let byUnits = [["F", "in", "lb"], ["C", "cm", "kg"]].map { units in
                    var sent = fields
                    for (name, unit) in zip(["temperatureUnit", "heightUnit", "weightUnit"], units) where sent[name].isEmpty { sent.set(name, unit) }
                    return VitalSignsEntry.parse(sent, today: today).problems
                }
                return byUnits[0].filter { byUnits[1][$0.key] != nil }
            }),
            ("patient", PatientRegistration.schema, { fields in
                var registration = PatientRegistration()
                for field in PatientField.allCases { registration[field] = fields[field.rawValue] }
                return Dictionary(uniqueKeysWithValues: registration.problems(today: today).map { ($0.key.rawValue, $0.value) })
            }),
        ]
        all += WorkupStep.Kind.allCases.map { kind in ("work-up \(kind)", kind.schema, { WorkupStep.parse(kind, $0, today: today).1 }) }
        all += QuestionnaireCatalogue.all.map { definition in
            (definition.id, definition.schema, { QuestionnaireSubmission.parse(definition, $0, today: today).1 })
        }
        return all
    }

    @Test func theParsersTakeWhatEachSchemaAllows() {
        for (record, schema, parse) in parsers {
            for spec in schema.fields {
                // setup / act / check: text at its limit is taken, one more character is not; line breaks where multi-line
                // (elsewhere the API refuses them itself, and the patient form folds them into spaces)
                if let limit = spec.limit {
                    #expect(parse(FormFields([(spec.name, String(repeating: "é", count: limit))]))[spec.name]?.hasPrefix("Keep") != true,
                            "\(record).\(spec.name) refuses \(limit) characters")
                    #expect(parse(FormFields([(spec.name, String(repeating: "a", count: limit + 1))]))[spec.name] != nil,
                            "\(record).\(spec.name) takes more than \(limit) characters")
                    let broken = parse(FormFields([(spec.name, "first line\nsecond line")]))[spec.name] == TextRules.lineBreakMessage
                    #expect(!(broken && spec.multiline), "\(record).\(spec.name) refuses line breaks")
                }
                if spec.kind == .text { #expect(spec.limit != nil, "\(record).\(spec.name) has no limit") }
                if spec.required {
                    #expect(parse(FormFields())[spec.name] != nil, "\(record).\(spec.name) is documented as required")
                }
                // the bounds of a documented range are taken
                if let range = spec.range {
                    for bound in [range.lowerBound, range.upperBound] {
                        let text = spec.kind == .integer ? String(Int(bound)) : Figures.text(bound)
                        #expect(parse(FormFields([(spec.name, text)]))[spec.name] == nil, "\(record).\(spec.name) refuses \(text)")
                    }
                }
                if spec.kind == .integer || spec.kind == .number { #expect(spec.range != nil, "\(record).\(spec.name) has no range") }
            }
        }
    }

    @Test func requiredFieldsAreExactlyThoseEachParserAsksFor() {
        for (record, schema, parse) in parsers {
            // setup / act
            let asked = Set(parse(FormFields()).keys)
            // check: every field an empty form is refused for is documented as required, but those asked for one of
            // two ways (a listed drug or its name, a listed diagnosis or its words, the detail of an "other" treatment, a
            // member id unless self-pay, a laboratory value as a number or in words, an
            // approval's number and end)
            // and questionnaires, which ask for answers as a whole ("answer at least one")
            guard !QuestionnaireCatalogue.all.contains(where: { $0.id == record }) else { continue }
            let eitherOr: Set = ["drug", "condition", "detail", "memberID", "reference", "validUntil", "number"]
            let documented = Set(schema.fields.filter(\.required).map(\.name))
            let missing = asked.subtracting(documented).subtracting(eitherOr)
            #expect(missing.isEmpty, "\(record): \(missing.sorted()) not documented as required")
        }
    }
}
