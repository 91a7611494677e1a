import Foundation
import Testing
@testable import ReliefCore

private let recordedAt = Date(timeIntervalSince1970: 1_790_000_000)

private func mappingHeader(_ patient: UUID, inError: Bool) -> FHIRRecordHeader {
    FHIRRecordHeader(id: UUID(), patientID: patient, version: 2, recorded: recordedAt, updated: recordedAt, enteredInError: inError)
}

/// The clinical resources' mappings: US Core's required elements, the codes, entries marked in error, and the values
/// searches compare.
@Suite struct FHIRClinicalMappingTests {
    private let patient = UUID()
    private let eastern = TimeZone(identifier: "America/New_York")!
    private let recorded = recordedAt

    private func header(inError: Bool = false) -> FHIRRecordHeader { mappingHeader(patient, inError: inError) }

    private func member(_ record: FHIRRecord, _ path: String...) -> JSONValue? {
        path.reduce(Optional(record.resource)) { value, key in
            if let index = Int(key), case .array(let items)? = value { return items.indices.contains(index) ? items[index] : nil }
            return value?.object?[key]
        }
    }

    @Test func aCodedDiagnosisIsAUSCoreProblemWithItsSideAndOnset() {
        // setup
        let entry = DiagnosisEntry(conditionCode: "M54.16", laterality: .left, onsetDate: CalendarDate("2026-05-01"), status: .active, certainty: .confirmed,
                                   painGenerator: true, evidence: [.imaging])
        // act
        let record = FHIRCondition.record(entry, header(), timeZone: eastern)
        // check
        #expect(member(record, "meta", "profile", "0") == "http://hl7.org/fhir/us/core/StructureDefinition/us-core-condition-problems-health-concerns")
        #expect(member(record, "code", "coding", "0", "system") == .string(FHIR.System.icd10CM) && member(record, "code", "coding", "0", "code") == "M54.16")
        #expect(member(record, "clinicalStatus", "coding", "0", "code") == "active" && member(record, "verificationStatus", "coding", "0", "code") == "confirmed")
        #expect(member(record, "category", "0", "coding", "0", "code") == "problem-list-item")
        #expect(member(record, "subject", "reference") == .string("Patient/\(patient.lowercasedText)"))
        #expect(member(record, "bodySite", "0", "text")?.string?.hasSuffix(", Left") == true)
        #expect(member(record, "onsetDateTime") == "2026-05-01")
        #expect(member(record, "note", "0", "text") == "Suspected pain generator; evidence: imaging.")
        #expect(record.tokens["code"] == [FHIRToken(FHIR.System.icd10CM, "M54.16")])
        // The onset day runs from midnight in New York (UTC−4 in May).
        #expect(record.periods["onset-date"]?.start == ISO8601DateFormatter().date(from: "2026-05-01T04:00:00Z"))
    }

    @Test func aDiagnosisMarkedInErrorKeepsOnlyItsVerificationStatus() {
        // act
        let record = FHIRCondition.record(DiagnosisEntry(conditionCode: nil, text: "Piriformis syndrome"), header(inError: true), timeZone: eastern)
        // check: US Core forbids a clinical status beside entered-in-error
        #expect(member(record, "clinicalStatus") == nil && member(record, "verificationStatus", "coding", "0", "code") == "entered-in-error")
        #expect(member(record, "code", "text") == "Piriformis syndrome" && member(record, "code", "coding") == nil)
        #expect(record.tokens["clinical-status"] == nil)
    }

    @Test func noKnownAllergiesIsSNOMEDsAndADrugAllergyNamesTheCatalogueDrug() {
        // act
        let none = FHIRAllergyIntolerance.record(AllergyEntry(substance: .noKnownAllergies), header())
        let drug = FHIRAllergyIntolerance.record(AllergyEntry(substance: .drug, drugID: "ibuprofen", type: .allergy, reactions: [.hives], severity: .moderate), header())
        let latex = FHIRAllergyIntolerance.record(AllergyEntry(substance: .latex), header())
        // check
        #expect(member(none, "code", "coding", "0", "code") == "716186003" && member(none, "category") == nil)
        #expect(member(drug, "code", "coding", "0", "system") == .string(FHIR.System.drug) && member(drug, "code", "text") == "Ibuprofen")
        #expect(member(drug, "category", "0") == "medication" && member(drug, "reaction", "0", "severity") == "moderate")
        #expect(member(drug, "reaction", "0", "manifestation", "0", "text") == "Hives" && member(drug, "patient", "reference") != nil)
        #expect(member(latex, "category", "0") == "environment" && member(latex, "verificationStatus", "coding", "0", "code") == "confirmed")
    }

    @Test func aMedicationCarriesItsDoseInStructureAndAnUnlistedDrugKeepsItsId() {
        // setup
        let oxycodone = MedicationEntry(drugID: "oxycodone", dosage: Dosage(strength: 5, unit: .milligram, unitsPerDose: 2, frequency: .every6Hours), route: .oral,
                                        startDate: CalendarDate("2026-01-02"), endDate: CalendarDate("2026-02-01"), status: .stopped)
        let unlisted = MedicationEntry(drugID: "no-such-drug", dosage: Dosage(strength: 1, unit: .percent, frequency: .asNeeded))
        // act
        let record = FHIRMedicationStatement.record(oxycodone, header(), timeZone: eastern)
        let other = FHIRMedicationStatement.record(unlisted, header(), timeZone: eastern)
        // check
        #expect(member(record, "status") == "stopped" && member(record, "medicationCodeableConcept", "coding", "0", "code") == "oxycodone")
        #expect(member(record, "dosage", "0", "doseAndRate", "0", "doseQuantity", "value") == 10)
        #expect(member(record, "dosage", "0", "timing", "repeat", "period") == 6 && member(record, "dosage", "0", "timing", "repeat", "periodUnit") == "h")
        #expect(member(record, "effectivePeriod", "end") == "2026-02-01")
        #expect(record.periods["effective"]?.end == ISO8601DateFormatter().date(from: "2026-02-02T05:00:00Z"))
        #expect(member(other, "medicationCodeableConcept", "text") == "no-such-drug")
        #expect(member(other, "dosage", "0", "doseAndRate") == nil && member(other, "dosage", "0", "asNeededBoolean") == true)
    }

    @Test func aProcedureDoneHereCarriesItsBillingCodesTimesAndSite() throws {
        // setup
        var fields = FormFields([("intervention", "esi-transforaminal-lumbar"), ("region", "lumbar"), ("levels", "L4-L5, L5-S1"), ("side", "left"),
                                 ("start", "8:05"), ("end", "8:31"), ("guidance", "fluoroscopy"), ("fluoroscopySeconds", "42"), ("sedation", "local"),
                                 ("painBefore", "7"), ("painAfter", "2"), ("disposition", "home-with-escort")])
        fields.set("events", "vasovagal")
        let note = try #require(ProcedureNote.parse(fields, today: CalendarDate("2026-12-07")!).0)
        // act
        let record = FHIRProcedure.performed(note, on: CalendarDate("2026-12-07")!, header(), timeZone: eastern)
        // check
        let codes = (member(record, "code", "coding")?.array ?? []).compactMap { $0.object?["code"]?.string }
        #expect(codes == ["64483", "64484", "esi-transforaminal-lumbar"])
        #expect(member(record, "performedPeriod", "start") == "2026-12-07T13:05:00.000Z" && member(record, "performedPeriod", "end") == "2026-12-07T13:31:00.000Z")
        #expect(member(record, "bodySite", "0", "text") == "Low back (lumbar), L4-L5, L5-S1, left")
        #expect(member(record, "complication", "0", "text") == "Vasovagal reaction" && member(record, "status") == "completed")
        #expect(record.tokens["code"]?.contains(FHIRToken(FHIR.System.cpt, "64484")) == true)
    }

    @Test func aTreatmentTriedWithoutADateSaysHowLongInstead() {
        // setup
        let entry = PriorTreatmentEntry(kind: .physicalTherapy, weeks: 8, sessions: 12, result: .partial)
        // act
        let record = FHIRProcedure.treatment(entry, header(), timeZone: eastern)
        // check
        #expect(member(record, "performedString") == "8 weeks, 12 sessions" && member(record, "performedPeriod") == nil)
        #expect(member(record, "code", "coding", "0", "system") == .string(FHIR.System.treatment) && record.periods["date"] == nil)
    }

    @Test func aScoreIsAScreeningObservationUnderItsLOINCCodeWithItsItems() throws {
        // setup
        let phq9 = try #require(QuestionnaireCatalogue.definition("phq-9"))
        let answers = Dictionary(uniqueKeysWithValues: phq9.items.map { ($0.linkId, 2) })
        // act
        let record = FHIRObservation.score(phq9, score: 18, band: "moderately-severe", answers: answers, completedOn: CalendarDate("2026-11-18")!, header(),
                                           timeZone: eastern)
        let odi = FHIRObservation.score(try #require(QuestionnaireCatalogue.definition("odi")), score: 42, band: nil, answers: [:],
                                        completedOn: CalendarDate("2026-11-18")!, header(), timeZone: eastern)
        // check
        #expect(member(record, "meta", "profile", "0") == .string(FHIRObservation.screeningAssessment))
        #expect(member(record, "code", "coding", "0", "code") == "44261-6" && member(record, "category", "0", "coding", "0", "code") == "survey")
        #expect(member(record, "valueQuantity", "value") == 18 && member(record, "component")?.array?.count == 9)
        #expect(member(odi, "code", "coding", "0", "system") == .string(FHIR.System.instrument) && member(odi, "valueQuantity", "unit") == "%")
        #expect(member(odi, "component") == nil)
    }

    @Test func anMMETotalIsItsOwnObservationInMMEPerDay() {
        // act
        let record = FHIRObservation.mme(total: 67.5, incomplete: true, detail: "Oxycodone 45", header())
        // check
        #expect(member(record, "valueQuantity", "value") == 67.5 && member(record, "valueQuantity", "code") == "{MME}/d")
        #expect(member(record, "note", "1", "text")?.string?.hasPrefix("Incomplete") == true && member(record, "meta", "profile") == nil)
    }
}

/// The administrative and scheduling resources: each with the elements its profile requires.
@Suite struct FHIRAdministrativeMappingTests {
    private let patient = UUID()
    private let eastern = TimeZone(identifier: "America/New_York")!
    private let recorded = recordedAt

    private func header(inError: Bool = false) -> FHIRRecordHeader { mappingHeader(patient, inError: inError) }

    @Test func aLicensedQuestionnairesResponseCarriesValuesButNoWording() throws {
        // setup
        let odi = try #require(QuestionnaireCatalogue.definition("odi"))
        let phq9 = QuestionnaireCatalogue.phq9
        // act
        let licensed = FHIRQuestionnaireResponse.record(odi, answers: [odi.items[0].linkId: 3], completedOn: CalendarDate("2026-11-18")!, byPatient: true,
                                                        author: nil, header(), timeZone: eastern).resource
        let shipped = FHIRQuestionnaireResponse.record(phq9, answers: [phq9.items[0].linkId: 2], completedOn: CalendarDate("2026-11-18")!, byPatient: false,
                                                       author: UUID(), header(), timeZone: eastern).resource
        // check
        #expect(licensed["item"]?[0]?["answer"]?[0]?["valueCoding"]?["code"] == "3")
        #expect(licensed["item"]?[0]?["text"] == nil && licensed["item"]?[0]?["answer"]?[0]?["valueCoding"]?["display"] == nil)
        #expect(licensed["source"]?["reference"] == .string("Patient/\(patient.lowercasedText)") && licensed["authored"] == "2026-11-18")
        #expect(shipped["item"]?[0]?["text"] != nil && shipped["item"]?[0]?["answer"]?[0]?["valueCoding"]?["display"] != nil)
        #expect(shipped["author"]?["reference"]?.string?.hasPrefix("Practitioner/") == true && shipped["questionnaire"] == "urn:relief:questionnaire:phq-9")
    }

    @Test func coverageNamesItsPayerMemberAndOrderAndSelfPayIsThePatient() {
        // setup
        var insured = CoverageEntry(payerKind: .commercial, payer: "Aetna", plan: "PPO", memberID: "W123", groupID: "G9")
        insured.priority = .secondary
        // act
        let coverage = FHIRCoverage.record(insured, header(), timeZone: eastern).resource
        let selfPay = FHIRCoverage.record(CoverageEntry(payerKind: .selfPay, payer: "", plan: "", memberID: "", groupID: ""), header(), timeZone: eastern).resource
        // check
        #expect(coverage["beneficiary"]?["reference"] != nil && coverage["payor"]?[0]?["display"] == "Aetna" && coverage["subscriberId"] == "W123")
        #expect(coverage["order"] == 2 && coverage["class"]?.array?.count == 2 && coverage["status"] == "active")
        #expect(selfPay["type"]?["coding"]?[0]?["code"] == "pay" && selfPay["payor"]?[0]?["reference"] == .string("Patient/\(patient.lowercasedText)"))
        #expect(selfPay["subscriberId"] == nil && selfPay["identifier"] == nil)
    }

    @Test func anExplantedDeviceIsInactiveWithItsDatesInNotes() {
        // setup
        let implant = Implant(kind: .spinalCordStimulator, manufacturer: "Abbott", model: "Proclaim XR", udi: "(01)00812345678901", implantedOn: CalendarDate("2025-03-02")!,
                              explantedOn: CalendarDate("2026-10-01"), explantReason: "Infection")
        // act
        let device = FHIRDevice.record(implant, header()).resource
        // check
        #expect(device["status"] == "inactive" && device["udiCarrier"]?[0]?["carrierHRF"] == "(01)00812345678901" && device["patient"] != nil)
        #expect(device["note"]?[0]?["text"] == "Implanted 2025-03-02; explanted 2026-10-01 (Infection).")
    }

    @Test func anAppointmentHasItsParticipantsAndClockTimes() throws {
        // setup
        let provider = UUID()
        let appointment = Appointment(patientID: patient, providerID: provider, roomID: "suite-1", kind: .procedure, date: CalendarDate("2026-12-07")!,
                                      time: try #require(ClockRange(ClockTime("9:00")!, ClockTime("9:45")!)), status: .checkedIn)
        // act
        let resource = FHIRAppointment.record(appointment, header(), timeZone: eastern).resource
        // check
        #expect(resource["status"] == "checked-in" && resource["start"] == "2026-12-07T14:00:00.000Z" && resource["minutesDuration"] == 45)
        let actors = resource["participant"]?.array?.compactMap { $0["actor"]?["reference"]?.string } ?? []
        #expect(actors == ["Patient/\(patient.lowercasedText)", "Practitioner/\(provider.lowercasedText)", "Location/suite-1"])
    }

    @Test func aDeclinedConsentDeniesAndAPhoneCallIsAVirtualEncounter() {
        // setup
        let signing = FHIRConsent.Signing(status: .declined, answeredAt: recorded, signerName: "Zoë Müller", byPatient: true)
        // act
        let consent = FHIRConsent.record(title: "Consent", site: nil, plannedOn: nil, validUntil: nil, catalogueVersion: "7", signing: signing, header(),
                                         timeZone: eastern).resource
        let call = FHIREncounter.record(kind: .phone, status: "signed", on: CalendarDate("2026-12-07")!, clinician: nil, header(), timeZone: eastern).resource
        // check
        #expect(consent["status"] == "rejected" && consent["provision"]?["type"] == "deny" && consent["scope"]?["coding"]?[0]?["code"] == "treatment")
        #expect(consent["performer"]?[0]?["reference"] != nil && consent["policy"]?[0]?["uri"] == "urn:relief:consent-document:7")
        #expect(call["class"]?["code"] == "VR" && call["status"] == "finished" && call["subject"] != nil)
    }

    @Test func staffAndRoomsAreThePracticesAndFoundByName() throws {
        // act
        let practitioner = FHIRPractitioner.record(id: UUID(), name: "Ana María López", role: .physician, active: true, version: 3, updated: recorded)
        let room = FHIRLocation.record(Room(id: "suite-1", name: "Suite 1", location: "Main", kind: .procedureSuite, retired: true), version: 2, updated: recorded)
        let search = try FHIRSearch.parse(.practitioner, [("name", "maria")], timeZone: eastern).get()
        // check
        #expect(practitioner.resource["name"]?[0]?["family"] == "López" && practitioner.resource["subject"] == nil && practitioner.patientID == nil)
        #expect(search.matches(practitioner), "a name matches from any part's start, ignoring accents")
        #expect(room.id == "suite-1" && room.resource["status"] == "inactive" && room.resource["meta"]?["versionId"] == "2")
    }
}

extension JSONValue {
    fileprivate subscript(key: String) -> JSONValue? { object?[key] }
    fileprivate subscript(index: Int) -> JSONValue? { array.flatMap { $0.indices.contains(index) ? $0[index] : nil } }
}
