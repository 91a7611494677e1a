/// Every record's fields as the JSON API reads and writes them, next to nothing but each other so the API's
/// documentation and its conversions come from one list. Names are the forms' own (tests check each parser's
/// fields are all listed).
extension MedicationEntry {
    public static let schema = FieldSchema([
        FieldSpec("drug", .choice(DrugCatalogue.all.map(\.id))), .text("otherName", limit: nameLimit), .number("strength", 0.001...100_000),
        .choice("unit", StrengthUnit.self), .number("unitsPerDose", 0.01...100), .choice("frequency", DoseFrequencyChoice.self),
        .integer("frequencyCount", DoseFrequency.timesDailyRange.lowerBound...DoseFrequency.everyHoursRange.upperBound),
        .number("maxDosesPerDay", 0.1...48), .choice("route", MedicationRoute.self), .text("instructions", limit: 500, multiline: true),
        FieldSpec("startDate", .date), FieldSpec("endDate", .date), .text("prescriber", limit: nameLimit), .text("indication", limit: 300),
        .choice("status", MedicationStatus.self, required: true),
    ])
}

extension AllergyEntry {
    public static let schema = FieldSchema([
        .choice("substance", AllergySubstance.self, required: true), FieldSpec("drug", .choice(DrugCatalogue.all.map(\.id))),
        .text("otherName", limit: MedicationEntry.nameLimit),
        .choice("type", AllergyType.self), .choices("reaction", AllergyReaction.self), .text("reactionNote", limit: 500),
        .choice("severity", ReactionSeverity.self), .choice("status", AllergyStatus.self, required: true), .text("note", limit: 1000, multiline: true),
    ])
}

extension PriorTreatmentEntry {
    public static let schema = FieldSchema([
        .choice("kind", PriorTreatmentKind.self, required: true), .text("detail", limit: 300), FieldSpec("startDate", .date),
        .integer("weeks", 0...2600), .integer("sessions", 0...1000), .integer("reliefPercent", 0...100), .integer("reliefWeeks", 0...2600),
        .choice("result", TreatmentResult.self), .text("note", limit: 1000, multiline: true),
    ])
}

extension PriorProcedureEntry {
    public static let schema = FieldSchema([
        FieldSpec("intervention", .choice(InterventionCatalogue.all.filter(\.isProcedure).map(\.id)), required: true),
        .choice("region", BodyArea.self, required: true), .text("levels", limit: 100), .choice("side", Laterality.self),
        FieldSpec("performedOn", .date, required: true), .text("facility", limit: 200), .integer("peakReliefPercent", 0...100),
        .integer("reliefWeeks", 0...reliefWeeksLimit), .text("note", limit: 1000, multiline: true),
    ])
}

extension CoverageEntry {
    public static let schema = FieldSchema([
        .choice("payerKind", PayerKind.self, required: true), .text("payer", limit: 120, required: true), .text("plan", limit: 120),
        .text("memberID", limit: 40), .text("groupID", limit: 40), .text("subscriber", limit: 120), .choice("relationship", SubscriberRelationship.self),
        FieldSpec("startOn", .date), FieldSpec("endOn", .date), .choice("priority", CoveragePriority.self),
        .choice("status", CoverageStatus.self, required: true), FieldSpec("checkedOn", .date), .text("checkedBy", limit: 120),
    ] + moneyFields.map { .number($0, 0...1_000_000) } + [.integer("coinsurancePercent", 0...100), .text("note", limit: 1000, multiline: true)])
}

extension PriorAuthorizationEntry {
    public static let schema = FieldSchema([
        .text("payer", limit: 120, required: true), .text("reference", limit: 60), .choice("status", AuthorizationStatus.self, required: true),
        FieldSpec("intervention", .choice(InterventionCatalogue.all.filter(\.isProcedure).map(\.id))), .text("codes", limit: 120),
        .integer("units", 1...99), FieldSpec("requestedOn", .date), FieldSpec("validFrom", .date), FieldSpec("validUntil", .date),
        .text("note", limit: 1000, multiline: true),
    ])
}

extension CarePlanContent {
    public static let schema = FieldSchema([
        .text("title", limit: 120, required: true), .choice("phase", PlanPhase.self, required: true), FieldSpec("startOn", .date, required: true),
        FieldSpec("reviewOn", .date), .text("note", limit: 2000, multiline: true),
    ] + (1...goalRows).flatMap { row -> [FieldSpec] in
        let prefix = goalPrefix(row)
        return [.text(prefix + "text", limit: 300), .choice(prefix + "measure", GoalMeasure.self), .number(prefix + "target", 0...100_000),
                FieldSpec(prefix + "targetDate", .date), .choice(prefix + "status", GoalStatus.self)]
    } + (1...componentRows).flatMap { row -> [FieldSpec] in
        let prefix = componentPrefix(row)
        return [FieldSpec(prefix + "intervention", .choice(InterventionCatalogue.all.map(\.id))), .choice(prefix + "region", BodyArea.self),
                .text(prefix + "levels", limit: 100), .choice(prefix + "side", Laterality.self), .choice(prefix + "phase", PlanPhase.self),
                .integer(prefix + "sequence", 1...99), .text(prefix + "responsible", limit: 120), FieldSpec(prefix + "startOn", .date),
                .choice(prefix + "status", ComponentStatus.self), .text(prefix + "note", limit: 500)]
    })
}

extension DiagnosisEntry {
    public static let schema = FieldSchema([
        FieldSpec("condition", .choice(ConditionCatalogue.all.map(\.code) + [uncodedChoice])), .text("text", limit: 200),
        .choice("laterality", Laterality.self), FieldSpec("onsetDate", .date), FieldSpec("chronic", .flag),
        .choice("status", DiagnosisStatus.self, required: true), .choice("certainty", DiagnosisCertainty.self, required: true),
        FieldSpec("painGenerator", .flag), .choices("evidence", GeneratorEvidence.self), .text("note", limit: 1000, multiline: true),
    ])
}

extension VitalSignsEntry {
    /// A value's range is the widest its units allow; the parser checks it against the unit sent.
    public static let schema = FieldSchema([
        FieldSpec("takenOn", .date, required: true), .text("takenAt", limit: 12), .integer("systolic", 40...300), .integer("diastolic", 20...200),
        .integer("heartRate", 20...250), .integer("respiratoryRate", 4...60), .number("temperature", 30...113), .choice("temperatureUnit", TemperatureUnit.self),
        .integer("oxygenSaturation", 50...100), .number("height", 12...250), .choice("heightUnit", LengthUnit.self), .number("weight", 1...900),
        .choice("weightUnit", WeightUnit.self), .number("bmi", 8...100), .text("note", limit: 500, multiline: true),
    ])
}

extension OutsideVisitEntry {
    public static let schema = FieldSchema([
        .choice("setting", VisitSetting.self, required: true), .text("what", limit: textLimit), FieldSpec("startOn", .date, required: true),
        FieldSpec("endOn", .date), .text("reason", limit: textLimit), .text("facility", limit: textLimit), .text("clinician", limit: textLimit),
        .text("note", limit: 1000, multiline: true),
    ])
}

extension LabResultEntry {
    public static let schema = FieldSchema([
        .text("test", limit: nameLimit, required: true), .text("loinc", limit: 10), .number("number", -1_000_000...1_000_000_000), .text("unit", limit: 30),
        .text("text", limit: 200), .text("referenceRange", limit: 100), .choice("flag", LabFlag.self), FieldSpec("resultedOn", .date, required: true),
        .text("note", limit: 1000, multiline: true),
    ])
}

extension PatientRegistration {
    public static let schema = FieldSchema(PatientField.allCases.map { field in
        switch field {
        case .birthDate: FieldSpec(field.rawValue, .date, required: true)
        case .sexAtBirth: FieldSpec(field.rawValue, .choice(SexAtBirth.allCases.map(\.rawValue)), required: true)
        case .genderIdentity: FieldSpec(field.rawValue, .choice(GenderIdentity.allCases.map(\.rawValue)))
        case .state: FieldSpec(field.rawValue, .choice(USPostalState.codes))
        default: .text(field.rawValue, limit: maximumLength, required: requiredFields.contains(field))
        }
    })
}

extension WorkupOrder {
    public static let schema = FieldSchema([
        .choice("test", WorkupTest.self, required: true), .choice("region", ImagingRegion.self), .choice("laterality", Laterality.self),
        .choice("contrast", Contrast.self), .text("specialty", limit: 100), .text("reason", limit: reasonLimit, multiline: true, required: true),
        .choice("priority", OrderPriority.self),
    ])
}

extension WorkupResult {
    public static let schema = FieldSchema([.text("report", limit: 20_000, multiline: true, required: true), FieldSpec("resultedOn", .date), FieldSpec("abnormal", .flag)]
        + (1...findingRows).flatMap { row in
            [.choice("finding.\(row).kind", FindingKind.self), .choice("finding.\(row).level", SpinalLevel.self),
             .choice("finding.\(row).side", Laterality.self), .choice("finding.\(row).grade", FindingGrade.self)]
        })
}

extension QuestionnaireDefinition {
    /// Each item by its `linkId` with the value of the chosen answer, and the date completed.
    public var schema: FieldSchema {
        FieldSchema([FieldSpec(QuestionnaireSubmission.completedOnField, .date)] + items.map { .integer($0.linkId, $0.valueRange) })
    }
}

extension EvaluationForm {
    public static let schema: FieldSchema = {
        func area(_ name: String) -> FieldSpec { .text(name, limit: textLimit, multiline: true) }
        var specs: [FieldSpec] = [
            .text("chiefComplaint", limit: 300, required: true), FieldSpec("onsetDate", .partialDate), .choice("onsetMechanism", OnsetMechanism.self),
            .choices("character", PainCharacter.self), .text("radiation", limit: 300), .choice("pattern", PainPattern.self),
            .choices("aggravating", PainFactor.self), .choices("relieving", PainFactor.self),
        ]
        specs += painFields.map { .integer($0, PainMark.intensityRange) }
        specs += BodyMap.regions.flatMap { region in BodySide.allCases.map { .integer(mapField(region.id, $0), PainMark.intensityRange) } }
        specs += [
            .choice("sleep", SleepImpact.self), .choice("workStatus", WorkStatus.self), area("activitiesGivenUp"),
            area("mood"), .choices("goal", PatientGoal.self), .text("goalOther", limit: 300), area("concerns"),
            .choices("history", ProcedureRelevantHistory.self), area("historyNotes"), .choice("smoking", SmokingStatus.self),
            .choice("alcohol", AlcoholUse.self), .text("substanceUse", limit: textLimit), .choices("familySubstance", Substance.self),
            area("inspection"), area("rangeOfMotion"), .choices("tender", TenderSite.self),
            .text("tendernessNotes", limit: textLimit),
        ]
        for root in NerveRoot.allCases {
            for side in BodySide.allCases { specs += neuroAspects.map { .choice(neuroField(root, side, $0), NeuroFinding.self) } }
        }
        for test in ProvocationTest.allCases { specs += BodySide.allCases.map { .choice(testField(test, $0), TestResult.self) } }
        specs += [area("examNotes"), .choices("redFlag", RedFlag.self), area("redFlagNotes"), area("assessment"), area("plan"),
                  area("patientInstructions")]
        return FieldSchema(specs)
    }()
}

extension ConsentTerms {
    /// `plan`: the treatment plan (its `planID`) the consent is prepared under, if any.
    public static let schema = FieldSchema([
        FieldSpec("intervention", .choice(InterventionCatalogue.all.filter(\.isProcedure).map(\.id)), required: true),
        .choice("region", BodyArea.self, required: true), .text("levels", limit: 100), .choice("side", Laterality.self),
        FieldSpec("plannedOn", .date, required: true), FieldSpec("validUntil", .date, required: true), .integer("sessions", 1...sessionLimit, required: true),
        .text("plan", limit: 36),
    ])
}

extension PatientSignature {
    /// `signatureImage`: the drawn signature as a PNG data address ("data:image/png;base64,…"), optional.
    public static let schema = FieldSchema([
        .choice("signer", ConsentSigner.self, required: true), .text("name", limit: 120, required: true), .text("relationship", limit: 60),
        .text("witness", limit: 120), FieldSpec(attestField, .flag, required: true),
        .text("signatureImage", limit: SignatureImage.byteLimit * 4 / 3 + 32),
    ])
}

extension PlanActivity {
    public static let schema = FieldSchema([
        .text("intervention", limit: 60, required: true), FieldSpec("occurredOn", .date, required: true),
        .choice("attendance", Attendance.self, required: true), .text("detail", limit: 1000, multiline: true), .choice("measure", GoalMeasure.self),
        .number("value", 0...100_000), .integer("goal", 1...CarePlanContent.goalRows), .text("note", limit: 1000, multiline: true),
    ])
}

extension Appointment {
    /// `provider`: a provider's id; `room`: a room's id (none for a phone call); `start`: the time as 08:30 or
    /// 8:30 AM; `minutes`: the kind's length when empty; the site fields for a procedure, and `plan` (its plan's
    /// `planID`) when booked from one.
    public static let schema = FieldSchema([
        .choice("kind", AppointmentKind.self, required: true), .text("provider", limit: 40, required: true), .text("room", limit: 60),
        FieldSpec("date", .date, required: true), .text("start", limit: 12, required: true), .integer("minutes", 5...720),
        .text("intervention", limit: 60), .choice("region", BodyArea.self), .text("levels", limit: 100), .choice("side", Laterality.self),
        .text("plan", limit: 40), .text("note", limit: 500, multiline: true),
    ])
}
