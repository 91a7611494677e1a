/// A chart list FHIR resources are read into, by a write or an import: the entry read is checked by the list's own
/// parser, the same refusals as the form, reported at the elements `expressions` names.
public protocol FHIRReadable: ChartEntryContent, SourceCoded {
    static var fhirType: FHIRResourceType { get }
    /// The element of the resource each form field comes from.
    static var expressions: [String: String] { get }
}

/// A chart list whose entries a FHIR client may create and update: the resource is read into an entry built on the
/// stored one, so what FHIR has no element for is kept.
public protocol FHIRWritable: FHIRReadable {
    static func entry(_ reader: inout FHIRResourceReader, base: Self?) -> Self
}

extension FHIRReadable {
    /// The entry a resource was read into, checked as the form checks it, with the sender's other codes; or its
    /// problems, at their elements.
    public static func parsed(_ entry: Self, today: CalendarDate) -> Result<Self, FHIRFailures> {
        let (parsed, problems) = parse(entry.fields, today: today)
        guard var content = parsed else { return .failure(FHIRFailures(issues(problems))) }
        content.sourceCodings = entry.sourceCodings
        return .success(content)
    }

    /// The parser's problems as issues at the elements they concern.
    public static func issues(_ problems: [String: String]) -> [FHIRIssue] {
        problems.sorted { $0.key < $1.key }.map { field, message in
            FHIRIssue("\(fhirType.rawValue).\(expressions[field] ?? field)", message)
        }
    }
}

extension AllergyEntry: FHIRWritable {
    public static let fhirType = FHIRResourceType.allergyIntolerance
    public static let expressions = [
        "substance": "code", "drug": "code.coding", "otherName": "code.text", "type": "type", "reaction": "reaction.manifestation",
        "reactionNote": "reaction.manifestation", "severity": "reaction.severity", "status": "clinicalStatus", "note": "note",
    ]

    public static func entry(_ reader: inout FHIRResourceReader, base: AllergyEntry?) -> AllergyEntry {
        FHIRAllergyIntolerance.entry(&reader)
    }
}

extension MedicationEntry: FHIRWritable {
    public static let fhirType = FHIRResourceType.medicationStatement
    public static let expressions = [
        "drug": "medicationCodeableConcept", "otherName": "medicationCodeableConcept.text", "strength": "dosage.doseAndRate.doseQuantity",
        "unit": "dosage.doseAndRate.doseQuantity", "unitsPerDose": "dosage.doseAndRate.doseQuantity", "frequency": "dosage.timing",
        "frequencyCount": "dosage.timing", "maxDosesPerDay": "dosage.maxDosePerPeriod", "route": "dosage.route",
        "instructions": "dosage.patientInstruction", "startDate": "effectivePeriod.start", "endDate": "effectivePeriod.end",
        "prescriber": "informationSource", "indication": "reasonCode", "status": "status",
    ]

    public static func entry(_ reader: inout FHIRResourceReader, base: MedicationEntry?) -> MedicationEntry {
        FHIRMedicationStatement.entry(&reader, base: base)
    }
}

extension DiagnosisEntry: FHIRWritable {
    public static let fhirType = FHIRResourceType.condition
    public static let expressions = [
        "condition": "code", "text": "code.text", "laterality": "bodySite", "onsetDate": "onsetDateTime", "chronic": "note",
        "status": "clinicalStatus", "certainty": "verificationStatus", "painGenerator": "note", "evidence": "note", "note": "note",
    ]

    public static func entry(_ reader: inout FHIRResourceReader, base: DiagnosisEntry?) -> DiagnosisEntry {
        FHIRCondition.entry(&reader, base: base)
    }
}

extension PriorProcedureEntry: FHIRReadable {
    public static let fhirType = FHIRResourceType.procedure
    public static let expressions = [
        "intervention": "code", "region": "bodySite", "levels": "bodySite", "side": "bodySite", "performedOn": "performedDateTime",
        "facility": "location", "peakReliefPercent": "outcome", "reliefWeeks": "outcome", "note": "note",
    ]
}

extension PriorTreatmentEntry: FHIRReadable {
    public static let fhirType = FHIRResourceType.procedure
    public static let expressions = [
        "kind": "code", "detail": "code.text", "startDate": "performedPeriod.start", "weeks": "performedPeriod", "sessions": "note",
        "reliefPercent": "outcome", "reliefWeeks": "outcome", "result": "outcome", "note": "note",
    ]
}

extension VitalSignsEntry: FHIRReadable {
    public static let fhirType = FHIRResourceType.observation
    public static let expressions = [
        "takenOn": "effectiveDateTime", "takenAt": "effectiveDateTime", "systolic": "component.valueQuantity", "diastolic": "component.valueQuantity",
        "heartRate": "valueQuantity", "respiratoryRate": "valueQuantity", "temperature": "valueQuantity", "temperatureUnit": "valueQuantity.code",
        "oxygenSaturation": "valueQuantity", "height": "valueQuantity", "heightUnit": "valueQuantity.code", "weight": "valueQuantity",
        "weightUnit": "valueQuantity.code", "bmi": "valueQuantity", "note": "note",
    ]
}

extension OutsideVisitEntry: FHIRReadable {
    public static let fhirType = FHIRResourceType.encounter
    public static let expressions = [
        "setting": "class", "what": "type", "startOn": "period.start", "endOn": "period.end", "reason": "reasonCode", "facility": "serviceProvider",
        "clinician": "participant.individual", "note": "note",
    ]
}

extension LabResultEntry: FHIRReadable {
    public static let fhirType = FHIRResourceType.observation
    public static let expressions = [
        "test": "code.text", "loinc": "code.coding", "number": "valueQuantity.value", "unit": "valueQuantity.unit", "text": "valueString",
        "referenceRange": "referenceRange.text", "flag": "interpretation", "resultedOn": "effectiveDateTime", "note": "note",
    ]
}

/// Issues that refuse a resource, as an error a `Result` can carry.
public struct FHIRFailures: Error, Sendable {
    public let issues: [FHIRIssue]
    public init(_ issues: [FHIRIssue]) { self.issues = issues }
}
