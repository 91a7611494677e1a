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

    @Test func instrumentSchemasListEachItemAndTheDate() {
        // setup / act
        let schema = InstrumentCatalogue.definition("phq-9")!.schema
        // check
        #expect(schema.fields.count == 10)
        #expect(schema.spec(InstrumentSubmission.completedOnField)?.kind == .date)
    }
}
