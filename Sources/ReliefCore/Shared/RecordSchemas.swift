/// Every record's fields as the JSON API reads and writes them, next to nothing but each other so the API's
/// documentation and its conversions come from one list. Names are the forms' own (tests check each parser's
/// fields are all listed).
extension MedicationEntry {
    public static let schema = FieldSchema([
        FieldSpec("drug", .choice(DrugCatalogue.all.map(\.id))), FieldSpec("otherName", .text), FieldSpec("strength", .number),
        .choice("unit", StrengthUnit.self), FieldSpec("unitsPerDose", .number), .choice("frequency", DoseFrequencyChoice.self), FieldSpec("frequencyCount", .integer),
        FieldSpec("maxDosesPerDay", .number), .choice("route", MedicationRoute.self), FieldSpec("instructions", .text),
        FieldSpec("startDate", .date), FieldSpec("endDate", .date), FieldSpec("prescriber", .text), FieldSpec("indication", .text),
        .choice("status", MedicationStatus.self),
    ])
}

extension AllergyEntry {
    public static let schema = FieldSchema([
        .choice("substance", AllergySubstance.self), FieldSpec("drug", .choice(DrugCatalogue.all.map(\.id))), FieldSpec("otherName", .text),
        .choice("type", AllergyType.self), .choices("reaction", AllergyReaction.self), FieldSpec("reactionNote", .text),
        .choice("severity", ReactionSeverity.self), .choice("status", AllergyStatus.self), FieldSpec("note", .text),
    ])
}

extension PriorTreatmentEntry {
    public static let schema = FieldSchema([
        .choice("kind", PriorTreatmentKind.self), FieldSpec("detail", .text), FieldSpec("startDate", .date), FieldSpec("weeks", .integer),
        FieldSpec("sessions", .integer), FieldSpec("reliefPercent", .integer), FieldSpec("reliefWeeks", .integer),
        .choice("result", TreatmentResult.self), FieldSpec("note", .text),
    ])
}

extension DiagnosisEntry {
    public static let schema = FieldSchema([
        FieldSpec("condition", .choice(ConditionCatalogue.all.map(\.code) + [uncodedChoice])), FieldSpec("text", .text),
        .choice("laterality", Laterality.self), FieldSpec("onsetDate", .date), FieldSpec("chronic", .flag),
        .choice("status", DiagnosisStatus.self), .choice("certainty", DiagnosisCertainty.self), FieldSpec("painGenerator", .flag),
        .choices("evidence", GeneratorEvidence.self), FieldSpec("note", .text),
    ])
}

extension PatientRegistration {
    public static let schema = FieldSchema(PatientField.allCases.map { field in
        switch field {
        case .birthDate: FieldSpec(field.rawValue, .date)
        case .sexAtBirth: FieldSpec(field.rawValue, .choice(SexAtBirth.allCases.map(\.rawValue)))
        case .genderIdentity: FieldSpec(field.rawValue, .choice(GenderIdentity.allCases.map(\.rawValue)))
        default: FieldSpec(field.rawValue, .text)
        }
    })
}

extension WorkupOrder {
    public static let schema = FieldSchema([
        .choice("test", WorkupTest.self), .choice("region", ImagingRegion.self), .choice("laterality", Laterality.self),
        .choice("contrast", Contrast.self), FieldSpec("specialty", .text), FieldSpec("reason", .text), .choice("priority", OrderPriority.self),
    ])
}

extension WorkupResult {
    public static let schema = FieldSchema([FieldSpec("report", .text), FieldSpec("resultedOn", .date), FieldSpec("abnormal", .flag)]
        + (1...findingRows).flatMap { row in
            [.choice("finding.\(row).kind", FindingKind.self), .choice("finding.\(row).level", SpinalLevel.self),
             .choice("finding.\(row).side", Laterality.self), .choice("finding.\(row).grade", FindingGrade.self)]
        })
}

extension InstrumentDefinition {
    /// Each item by its `linkId` with the value of the chosen answer, and the date completed.
    public var schema: FieldSchema {
        FieldSchema([FieldSpec(InstrumentSubmission.completedOnField, .date)] + items.map { FieldSpec($0.linkId, .integer) })
    }
}

extension EvaluationForm {
    public static let schema: FieldSchema = {
        var specs: [FieldSpec] = [
            FieldSpec("chiefComplaint", .text), FieldSpec("onsetDate", .date), .choice("onsetMechanism", OnsetMechanism.self),
            .choices("character", PainCharacter.self), FieldSpec("radiation", .text), .choice("pattern", PainPattern.self),
            .choices("aggravating", PainFactor.self), .choices("relieving", PainFactor.self),
        ]
        specs += painFields.map { FieldSpec($0, .integer) }
        specs += BodyMap.regions.flatMap { region in BodySide.allCases.map { FieldSpec(mapField(region.id, $0), .integer) } }
        specs += [
            .choice("sleep", SleepImpact.self), .choice("workStatus", WorkStatus.self), FieldSpec("activitiesGivenUp", .text),
            FieldSpec("mood", .text), .choices("goal", PatientGoal.self), FieldSpec("goalOther", .text), FieldSpec("concerns", .text),
            .choices("history", ProcedureRelevantHistory.self), FieldSpec("historyNotes", .text), .choice("smoking", SmokingStatus.self),
            .choice("alcohol", AlcoholUse.self), FieldSpec("substanceUse", .text), .choices("familySubstance", Substance.self),
            FieldSpec("inspection", .text), FieldSpec("rangeOfMotion", .text), .choices("tender", TenderSite.self),
            FieldSpec("tendernessNotes", .text),
        ]
        for root in NerveRoot.allCases {
            for side in BodySide.allCases { specs += neuroAspects.map { .choice(neuroField(root, side, $0), NeuroFinding.self) } }
        }
        for test in ProvocationTest.allCases { specs += BodySide.allCases.map { .choice(testField(test, $0), TestResult.self) } }
        specs += [FieldSpec("examNotes", .text), .choices("redFlag", RedFlag.self), FieldSpec("redFlagNotes", .text),
                  FieldSpec("assessment", .text), FieldSpec("plan", .text)]
        return FieldSchema(specs)
    }()
}
