import Foundation
import Fluent
import ReliefCore
import Testing
import Vapor
import VaporTesting
@testable import App

/// FHIR create and update: through the forms' parsers (the same refusals, at their elements), with `If-Match`
/// (stale → 412, missing → 428), `Location` and `ETag`, audited, behind the one permission check.
@Suite struct FHIRWriteTests {
    private func reference(_ patient: PatientRecord) -> JSONValue { ["reference": .string("Patient/\(patient.id.lowercasedText)")] }

    private func opioid(_ patient: PatientRecord) -> JSONValue {
        [
            "resourceType": "MedicationStatement", "subject": reference(patient), "status": "active",
            "medicationCodeableConcept": ["coding": [["system": .string(FHIR.System.drug), "code": "oxycodone"]], "text": "Oxycodone"],
            "dosage": [["asNeededBoolean": true, "doseAndRate": [["doseQuantity": ["value": 5, "unit": "mg", "system": "http://unitsofmeasure.org", "code": "mg"]]],
                        "maxDosePerPeriod": ["numerator": ["value": 20, "code": "mg"], "denominator": ["value": 1, "code": "d"]]]],
        ]
    }

    @Test(arguments: TestDatabase.available)
    func aMedicationCreatedAndUpdatedThroughFHIRIsOnTheChartWithItsMME(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let api = try await APIClient.make(try await context.signedIn(.nurse))
            // act
            let created = try await api.exchange(.POST, SitePath.fhirResources(.medicationStatement)(), opioid(patient))
            let id = try #require(created.json["id"].string)
            let list = try await api.get("/api/v1/patients/\(patient.id)/medications")
            var changed = created.json
            if case .object(var object) = changed { object["status"] = "stopped"; changed = .object(object) }
            let noPrecondition = try await api.exchange(.PUT, SitePath.fhirResource(.medicationStatement)(id), changed)
            let updated = try await api.exchange(.PUT, SitePath.fhirResource(.medicationStatement)(id), changed, headers: [("If-Match", "W/\"1\"")])
            let stale = try await api.exchange(.PUT, SitePath.fhirResource(.medicationStatement)(id), created.json, headers: [("If-Match", "W/\"1\"")])
            let location = try #require(updated.headers.first(name: .location).flatMap { URL(string: $0)?.path })
            let current = try await api.get(location)
            let former = try await api.get(SitePath.fhirVersion(.medicationStatement)(id, "1"))
            let after = try await api.get("/api/v1/patients/\(patient.id)/medications")
            // check
            #expect(created.status == .created && created.headers.first(name: .eTag) == "W/\"1\"")
            #expect(created.headers.first(name: .location)?.hasSuffix("/fhir/R4/MedicationStatement/\(id)/_history/1") == true)
            #expect(created.json["dosage"][0]["maxDosePerPeriod"]["numerator"]["value"] == 20)
            #expect(list.json["summary"]["totalDailyMME"] == 30, "5 mg, at most 4 a day, oxycodone's factor 1.5")
            #expect(noPrecondition.status == .preconditionRequired && noPrecondition.json["resourceType"] == "OperationOutcome")
            #expect(updated.status == .ok && updated.headers.first(name: .eTag) == "W/\"2\"" && updated.json["status"] == "stopped")
            #expect(stale.status == .preconditionFailed && stale.json["issue"][0]["code"] == "conflict")
            #expect(current.status == .ok && current.json["meta"]["versionId"] == "2" && former.status == .notFound)
            #expect(after.json["summary"]["totalDailyMME"] == 0)
            let writes = try await context.auditEvents(.recordCreate) + (try await context.auditEvents(.recordUpdate))
            #expect(writes.filter { $0.resourceType == "MedicationStatement" && $0.patientID == patient.id }.count == 2)
            #expect(try await context.auditEvents(.recordUpdateConflict).count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theFormsRefusalsComeBackAtTheElementsTheyConcern(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let api = try await APIClient.make(try await context.signedIn(.nurse))
            let contrast: JSONValue = [
                "resourceType": "AllergyIntolerance", "patient": reference(patient),
                "clinicalStatus": ["coding": [["system": .string(FHIR.System.allergyClinical), "code": "active"]]],
                "code": ["coding": [["system": .string(FHIR.System.allergen), "code": "iodinated-contrast"]]],
                "reaction": [["manifestation": [["text": "Hives"]], "severity": "severe"]], "criticality": "high",
            ]
            let path = SitePath.fhirResources(.allergyIntolerance)()
            // act
            let saved = try await api.exchange(.POST, path, contrast, headers: [("Prefer", "return=OperationOutcome")])
            let again = try await api.exchange(.POST, path, contrast)
            let conflicting = try await api.exchange(.POST, SitePath.fhirResources(.condition)(), [
                "resourceType": "Condition", "subject": reference(patient),
                "clinicalStatus": ["coding": [["system": .string(FHIR.System.conditionClinical), "code": "active"]]],
                "code": ["coding": [["system": .string(FHIR.System.icd10CM), "code": "M54.17"]]],
                "bodySite": [["coding": [["system": .string(FHIR.System.laterality), "code": "sideways"]]]], "onsetDateTime": "2026",
            ])
            let nobody = try await api.exchange(.POST, path, ["resourceType": "AllergyIntolerance", "patient": ["reference": .string("Patient/\(UUID().lowercasedText)")]])
            let controlCharacters = try await api.exchange(.POST, path, [
                "resourceType": "AllergyIntolerance", "patient": reference(patient), "code": ["text": "Latex\u{0}"],
                "clinicalStatus": ["coding": [["system": .string(FHIR.System.allergyClinical), "code": "active"]]],
            ])
            // check
            #expect(saved.status == .created && saved.json["resourceType"] == "OperationOutcome")
            #expect(saved.json["issue"].items.compactMap { $0["expression"][0].string } == ["AllergyIntolerance.criticality"], "what was not kept is said")
            #expect(again.status == .unprocessableEntity && again.json["issue"][0]["expression"][0] == "AllergyIntolerance.code", "a duplicate allergy")
            #expect(conflicting.status == .unprocessableEntity)
            #expect(Set(conflicting.json["issue"].items.compactMap { $0["expression"][0].string }) == ["Condition.bodySite[0]", "Condition.onsetDateTime"])
            #expect(nobody.status == .unprocessableEntity && nobody.json["issue"][0]["expression"][0] == "AllergyIntolerance.patient")
            #expect(controlCharacters.status == .unprocessableEntity && controlCharacters.json["issue"][0]["expression"][0] == "AllergyIntolerance.code.text")
            let stored = try await ChartEntryQueries.entries(AllergyEntry.self, patientID: patient.id, on: context.app.db)
            #expect(stored.count == 1, "nothing half-saved")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aPatientIsRegisteredAndCorrectedThroughFHIR(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let registered = try await context.makePatient([.occupation: "Teacher"])
            let api = try await APIClient.make(try await context.signedIn(.coordinator))
            let newcomer: JSONValue = [
                "resourceType": "Patient", "name": [["use": "official", "family": "Okafor", "given": ["Ada"]]], "gender": "female", "birthDate": "1984-07-09",
            ]
            let namesake: JSONValue = ["resourceType": "Patient", "name": [["family": "Müller", "given": ["Zoë"]]], "gender": "female", "birthDate": "1961-03-04"]
            // act
            let created = try await api.exchange(.POST, SitePath.fhirPatients(), newcomer)
            let duplicate = try await api.exchange(.POST, SitePath.fhirPatients(), namesake)
            let confirmed = try await api.exchange(.POST, SitePath.fhirPatients(), namesake, headers: [(FHIRServer.confirmDuplicateHeader, "true")])
            let read = try await api.get(SitePath.fhirPatient(registered.id))
            var moved = read.json
            if case .object(var object) = moved { object["address"] = [["line": ["2 Elm St"], "city": "Urbana", "state": "IL"]]; moved = .object(object) }
            let corrected = try await api.exchange(.PUT, SitePath.fhirPatient(registered.id), moved, headers: [("If-Match", "W/\"\(registered.version)\"")])
            var future = moved
            if case .object(var object) = future { object["birthDate"] = "2999-01-01"; future = .object(object) }
            let refused = try await api.exchange(.PUT, SitePath.fhirPatient(registered.id), future, headers: [("If-Match", "W/\"\(registered.version + 1)\"")])
            let stored = try #require(try await PatientQueries.find(registered.id, on: context.app.db))
            // check
            #expect(created.status == .created && created.json["identifier"][0]["value"].string?.isEmpty == false, "Relief gives the MRN")
            #expect(duplicate.status == .conflict && duplicate.json["issue"][0]["diagnostics"].string?.contains("Patient/\(registered.id.lowercasedText)") == true)
            #expect(confirmed.status == .created)
            #expect(corrected.status == .ok && corrected.json["address"][0]["city"] == "Urbana")
            #expect(stored.registration[.city] == "Urbana" && stored.registration[.occupation] == "Teacher", "what FHIR has no element for is kept")
            #expect(refused.status == .unprocessableEntity && refused.json["issue"][0]["expression"][0] == "Patient.birthDate")
            let creates = try await context.auditEvents(.patientCreate), updates = try await context.auditEvents(.patientUpdate)
            #expect(creates.count == 2 && updates.count == 1, "the two registrations and the correction through FHIR")
        }
    }

    @Test(arguments: TestDatabase.available)
    func writesNeedTheListsPermissionAndAWritingToken(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let frontDesk = try await APIClient.make(try await context.signedIn(.coordinator))
            let readOnly = try await APIClient.make(try await context.signedIn(.nurse), readOnly: true)
            let nurse = try await APIClient.make(try await context.signedIn(.nurse, email: "second-nurse@test.relief"))
            // act
            let byFrontDesk = try await frontDesk.exchange(.POST, SitePath.fhirResources(.medicationStatement)(), opioid(patient))
            let byReadOnly = try await readOnly.exchange(.POST, SitePath.fhirResources(.medicationStatement)(), opioid(patient))
            let notJSON = try await nurse.exchange(.POST, SitePath.fhirResources(.medicationStatement)(), nil, headers: [("Content-Type", "text/plain")])
            let observation = try await nurse.exchange(.POST, SitePath.fhirResources(.observation)(), ["resourceType": "Observation"])
            // check
            #expect(byFrontDesk.status == .forbidden && byFrontDesk.json["issue"][0]["code"] == "forbidden")
            #expect(byReadOnly.status == .forbidden)
            #expect(notJSON.status == .unsupportedMediaType)
            #expect(observation.status == .notFound || observation.status == .methodNotAllowed, "only the listed types are written")
            #expect(try await ChartEntryQueries.entries(MedicationEntry.self, patientID: patient.id, on: context.app.db).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoClientsUpdatingTheSameVersionOneWinsOneIsToldTo(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let first = try await APIClient.make(try await context.signedIn(.nurse))
            let second = try await APIClient.make(try await context.signedIn(.physician))
            let created = try await first.exchange(.POST, SitePath.fhirResources(.medicationStatement)(), opioid(patient))
            let id = try #require(created.json["id"].string)
            var stopped = created.json, held = created.json
            if case .object(var object) = stopped { object["status"] = "stopped"; stopped = .object(object) }
            if case .object(var object) = held { object["status"] = "on-hold"; held = .object(object) }
            // act
            async let one = first.exchange(.PUT, SitePath.fhirResource(.medicationStatement)(id), stopped, headers: [("If-Match", "W/\"1\"")])
            async let two = second.exchange(.PUT, SitePath.fhirResource(.medicationStatement)(id), held, headers: [("If-Match", "W/\"1\"")])
            let statuses = [try await one.status, try await two.status]
            // check
            #expect(statuses.sorted { $0.code < $1.code } == [.ok, .preconditionFailed])
        }
    }

    @Test(arguments: TestDatabase.available)
    func aCompletedQuestionnaireResponseIsScoredAsAPaperFormIs(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let api = try await APIClient.make(try await context.signedIn(.nurse))
            let items: [JSONValue] = QuestionnaireCatalogue.phq9.items.enumerated().map { index, item in
                ["linkId": .string(item.linkId), "answer": [index == 8 ? ["valueCoding": ["code": "1"]] : ["valueInteger": 2]]]
            }
            let response: JSONValue = ["resourceType": "QuestionnaireResponse", "questionnaire": "urn:relief:questionnaire:phq-9", "status": "completed",
                                       "subject": reference(patient), "authored": "2026-11-17", "item": .array(items)]
            var unknown = response
            if case .object(var object) = unknown { object["item"] = [["linkId": "phq-9-99", "answer": [["valueInteger": 1]]]]; unknown = .object(object) }
            // act
            let created = try await api.exchange(.POST, SitePath.fhirResources(.questionnaireResponse)(), response)
            let scores = try await api.get(SitePath.fhirResources(.observation)() + "?patient=\(patient.id.lowercasedText)&code=http://loinc.org%7C44261-6")
            let refused = try await api.exchange(.POST, SitePath.fhirResources(.questionnaireResponse)(), unknown)
            let changed = try await api.exchange(.PUT, SitePath.fhirResource(.questionnaireResponse)(created.json["id"].string ?? ""), response,
                                                 headers: [("If-Match", "W/\"1\"")])
            let alerts = try await EvaluationQueries.openAlerts(patientID: patient.id, on: context.app.db)
            // check
            #expect(created.status == .created && created.json["authored"] == "2026-11-17")
            #expect(scores.json["total"] == 1 && scores.json["entry"][0]["resource"]["valueQuantity"]["value"] == 17)
            #expect(refused.status == .unprocessableEntity && refused.json["issue"][0]["expression"][0] == "QuestionnaireResponse.item[0].linkId")
            #expect(changed.status == .methodNotAllowed || changed.status == .notFound, "a response is never changed")
            #expect(alerts.count == 1, "item 9 answered above 0 raises the alert")
        }
    }
}
