import Foundation
import Testing
@testable import ReliefCore

/// Resources read back into Relief's entries: what Relief writes reads back equal (the round trip), other senders'
/// shapes are read or named as issues at their element, and what Relief keeps nothing for is a warning.
@Suite struct FHIRReadingTests {
    private let patient = UUID()
    private let today = CalendarDate("2026-11-18")!

    private func header() -> FHIRRecordHeader {
        FHIRRecordHeader(id: UUID(), patientID: patient, version: 1, recorded: Date(timeIntervalSince1970: 1_790_000_000), updated: Date(timeIntervalSince1970: 1_790_000_000))
    }

    /// The resource read as `C`, then through the form's parser, as a create or update would.
    private func readBack<C: FHIRWritable>(_ resource: JSONValue, as type: C.Type, base: C? = nil) -> (entry: C?, issues: [FHIRIssue], problems: [String: String]) {
        var reader = FHIRResourceReader(resource, as: C.fhirType, id: nil)
        _ = reader.patientID()
        let entry = C.entry(&reader, base: base)
        let (parsed, problems) = C.parse(entry.fields, today: today)
        return (parsed, reader.issues, problems)
    }

    private func edited(_ resource: JSONValue, _ change: (inout [String: JSONValue]) -> Void) -> JSONValue {
        var object = resource.object ?? [:]
        change(&object)
        return .object(object)
    }

    @Test(arguments: [
        AllergyEntry(substance: .iodinatedContrast, type: .allergy, reactions: [.hives, .bronchospasm], reactionNote: "worse each time", severity: .severe,
                     note: "Premedicate.\n\nSee 2019 letter."),
        AllergyEntry(substance: .drug, drugID: "morphine", reactions: [.nauseaVomiting], status: .inactive),
        AllergyEntry(substance: .other, otherName: "Bee venom"),
        AllergyEntry(substance: .noKnownAllergies),
    ])
    func anAllergyReadsBackAsItWasWritten(entry: AllergyEntry) {
        // act
        let result = readBack(FHIRAllergyIntolerance.record(entry, header()).resource, as: AllergyEntry.self)
        // check
        #expect(result.entry == entry && result.issues.isEmpty && result.problems.isEmpty, "\(result)")
    }

    @Test(arguments: [
        MedicationEntry(drugID: "oxycodone", dosage: Dosage(strength: 5, unit: .milligram, frequency: .asNeeded, maxDosesPerDay: 4), route: .oral,
                        instructions: "With food", startDate: CalendarDate("2026-01-05"), endDate: CalendarDate("2026-06-30"), prescriber: "Dr Ames",
                        indication: "Low back pain", status: .completed),
        MedicationEntry(drugID: "fentanyl-transdermal", dosage: Dosage(strength: 25, unit: .microgramPerHour, frequency: .every72Hours), route: .transdermal),
        MedicationEntry(drugID: "gabapentin", dosage: Dosage(strength: 300, unit: .milligram, unitsPerDose: 2, frequency: .atBedtime)),
        MedicationEntry(drugID: "duloxetine", dosage: Dosage(strength: 60, unit: .milligram, frequency: .daily)),
        MedicationEntry(otherName: "Turmeric capsules", status: .onHold),
    ])
    func aMedicationReadsBackWithTheSameDoseAndMME(entry: MedicationEntry) throws {
        // setup
        let resource = FHIRMedicationStatement.record(entry, header(), timeZone: .current).resource
        // act
        let fresh = readBack(resource, as: MedicationEntry.self)
        let update = readBack(resource, as: MedicationEntry.self, base: entry)
        // check
        let read = try #require(fresh.entry, "\(fresh.problems) \(fresh.issues)")
        #expect(fresh.issues.isEmpty && read.dailyMME.amount == entry.dailyMME.amount && read.dosage?.dosesPerDay == entry.dosage?.dosesPerDay)
        #expect(update.entry == entry, "an update keeps the stored strength and units when the amount is the same")
    }

    @Test func aSolutionsAmountIsReadAsMilligramsWithTheSameMME() throws {
        // setup
        let entry = MedicationEntry(drugID: "methadone", dosage: Dosage(strength: 10, unit: .milligramPerMillilitre, unitsPerDose: 0.5, frequency: .twiceDaily))
        // act
        let read = try #require(readBack(FHIRMedicationStatement.record(entry, header(), timeZone: .current).resource, as: MedicationEntry.self).entry)
        // check
        #expect(read.dosage == Dosage(strength: 5, unit: .milligram, frequency: .twiceDaily))
        #expect(read.dailyMME.amount == entry.dailyMME.amount)
    }

    @Test(arguments: [
        DiagnosisEntry(conditionCode: "M54.16", laterality: .left, onsetDate: CalendarDate("2026-05-01"), chronic: true, status: .active, certainty: .confirmed,
                       painGenerator: true, evidence: [.history, .imaging], note: "After a fall."),
        DiagnosisEntry(conditionCode: nil, text: "Sacroiliitis, post-partum", status: .resolved, certainty: .differential),
        DiagnosisEntry(conditionCode: "M47.816", status: .inactive, certainty: .provisional, painGenerator: true),
    ])
    func aDiagnosisReadsBackWithItsSideAndPainGenerator(entry: DiagnosisEntry) {
        // act
        let result = readBack(FHIRCondition.record(entry, header(), timeZone: .current).resource, as: DiagnosisEntry.self)
        // check
        #expect(result.entry == entry && result.issues.isEmpty, "\(result)")
    }

    @Test func aBlocksEvidenceIsNeverReadFromANote() throws {
        // setup
        let entry = DiagnosisEntry(conditionCode: "M47.816", status: .active, certainty: .confirmed, painGenerator: true, evidence: [.imaging])
        let served = FHIRCondition.record(entry.withBlockEvidence([]), header(), timeZone: .current).resource
        let withBlock = edited(served) { $0["note"] = [["text": "Suspected pain generator; evidence: imaging, diagnostic block."]] }
        // act
        let read = try #require(readBack(withBlock, as: DiagnosisEntry.self).entry)
        // check
        #expect(read.evidence == [.imaging])
    }

    @Test func aPatientReadsBackAndKeepsWhatFHIRHasNoElementFor() throws {
        // setup
        var stored = PatientRegistration()
        for (field, value) in [(PatientField.familyName, "Müller"), (.givenName, "Zoë"), (.middleName, "Anna Maria"), (.preferredName, "Zo"),
                               (.birthDate, "03/04/1961"), (.sexAtBirth, "F"), (.phone, "555-0100"), (.email, "zoe@example.org"),
                               (.addressLine1, "1 Main St"), (.addressLine2, "Apt 2"), (.city, "Springfield"), (.state, "IL"), (.postalCode, "62701"),
                               (.preferredLanguage, "German"), (.emergencyName, "Max Müller"), (.emergencyRelationship, "Husband"),
                               (.emergencyPhone, "555-0101"), (.occupation, "Teacher"), (.referringName, "Dr Lee")] {
            stored[field] = value
        }
        let resource = FHIRPatient(id: patient, mrn: "R000042", registration: stored, version: 3, updated: Date()).resource
        // act
        var reader = FHIRResourceReader(resource, as: .patient, id: patient.lowercasedText)
        let asUpdate = FHIRPatient.registration(&reader, base: stored, mrn: "R000042")
        var fresh = FHIRResourceReader(resource, as: .patient, id: nil)
        let asCreate = FHIRPatient.registration(&fresh, base: PatientRegistration(), mrn: "R000099")
        // check
        #expect(asUpdate == stored)
        #expect(reader.issues.isEmpty, "\(reader.issues)")
        #expect(asCreate[.occupation].isEmpty && asCreate[.familyName] == "Müller")
        #expect(fresh.errors.map(\.expression) == ["Patient.identifier"], "Relief gives the MRN")
    }

    @Test func anotherSendersPatientIsReadByAdministrativeGender() {
        // setup
        let resource: JSONValue = [
            "resourceType": "Patient", "gender": "male", "birthDate": "1970-02-03", "name": [["family": "Ng", "given": ["Al"]]],
            "telecom": [["system": "phone", "value": "555-0102"], ["system": "fax", "value": "555-0103"]], "maritalStatus": ["text": "Married"],
        ]
        // act
        var reader = FHIRResourceReader(resource, as: .patient, id: nil)
        let registration = FHIRPatient.registration(&reader, base: PatientRegistration(), mrn: nil)
        // check
        #expect(registration[.sexAtBirth] == "M" && registration[.birthDate] == "02/03/1970" && registration[.phone] == "555-0102")
        #expect(reader.errors.isEmpty)
        #expect(reader.issues.map(\.expression) == ["Patient.telecom[1]", "Patient.maritalStatus"] && reader.issues.allSatisfy { $0.severity == .warning })
    }

    @Test func shapesRelievesCannotReadAreIssuesAtTheirElement() {
        // setup
        let resource: JSONValue = [
            "resourceType": "MedicationStatement", "id": "other", "subject": ["reference": "Group/1"], "status": "intended",
            "medicationCodeableConcept": ["text": "Ibuprofen"], "effectivePeriod": ["start": "2026-03"],
            "dosage": [["timing": ["repeat": ["frequency": 3, "period": 2, "periodUnit": "wk"]], "doseAndRate": [["doseQuantity": ["value": 400, "unit": "mg"]]],
                        "site": ["text": "mouth"]]],
            "note": [["text": "x"]],
        ]
        // act
        var reader = FHIRResourceReader(resource, as: .medicationStatement, id: "mine")
        _ = reader.patientID()
        _ = MedicationEntry.entry(&reader, base: nil)
        // check
        #expect(reader.errors.map(\.expression) == [
            "MedicationStatement.id", "MedicationStatement.subject", "MedicationStatement.status", "MedicationStatement.effectivePeriod.start",
            "MedicationStatement.dosage[0].timing.repeat", "MedicationStatement.dosage[0].timing",
        ], "\(reader.errors)")
        #expect(reader.issues.filter { $0.severity == .warning }.map(\.expression) == ["MedicationStatement.dosage[0].site", "MedicationStatement.note"])
    }

    @Test func theFormsRefusalsAreReportedAtTheElementsTheyConcern() {
        // setup
        let allergy = FHIRAllergyIntolerance.record(AllergyEntry(substance: .latex), header()).resource
        let unknownDrug = edited(allergy) { $0["code"] = ["coding": [["system": .string(FHIR.System.drug), "code": "no-such-drug"]]] }
        // act
        let result = readBack(unknownDrug, as: AllergyEntry.self)
        // check
        #expect(result.entry == nil && AllergyEntry.issues(result.problems).map(\.expression) == ["AllergyIntolerance.code.coding"])
    }

    @Test func aResourceOfAnotherTypeOrNotAnObjectIsRefused() {
        // act
        let wrongType = FHIRResourceReader(["resourceType": "Patient"], as: .condition, id: nil)
        let notObject = FHIRResourceReader([1, 2], as: .condition, id: nil)
        // check
        #expect(wrongType.errors.map(\.expression) == ["resourceType"] && notObject.errors.map(\.expression) == ["Condition"])
    }
}
