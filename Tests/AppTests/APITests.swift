import Fluent
import Foundation
import ReliefCore
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import App

/// The JSON API: tokens and their permissions, records through the forms' checks, and the OpenAPI description kept true.
@Suite struct APITests {
    private let oxycodone: JSONValue = .object([
        "drug": "oxycodone", "strength": 10, "unit": "mg", "unitsPerDose": 1, "frequency": "q6h", "route": "oral",
        "startDate": "2026-06-01", "status": "active",
    ])

    private func registration(_ family: String = "Okafor", birthDate: String = "1970-05-17") -> JSONValue {
        .object(["fields": .object(["familyName": .string(family), "givenName": "Ada", "birthDate": .string(birthDate), "sexAtBirth": "F"])])
    }

    @Test(arguments: TestDatabase.available)
    func aDisabledAccountsTokenIsRefusedAndATokenNeedsNoCSRFButItsRolesPermission(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let coordinator = try await APIClient.make(try await context.signedIn(.coordinator))
            let physicianBrowser = try await context.signedIn(.physician)
            let physician = try await APIClient.make(physicianBrowser)
            // act
            let registered = try await coordinator.send(.POST, "/api/v1/patients", registration())
            let medications = try await coordinator.get("/api/v1/patients/\(patient.id)/medications")
            let withoutCSRF = try await physicianBrowser.send(.POST, "/api/v1/patients/\(patient.id)/medications",
                                                              headers: ["Content-Type": "application/json", "Accept": "application/json"],
                                                              body: ByteBuffer(string: #"{"fields":{}}"#))
            let user = try #require(try await User.query(on: context.app.db).filter(\.$role == Role.coordinator.rawValue).first())
            let admin = try await context.signedIn(.admin)
            try await admin.get(SitePath.user(user.id!))
            try await admin.post(SitePath.userDisable(user.id!))
            let afterDisable = try await coordinator.get("/api/v1/me")
            try await admin.post(SitePath.userEnable(user.id!))
            let afterEnable = try await coordinator.get("/api/v1/me")
            // check
            #expect(registered.status == .created)
            #expect(medications.status == .forbidden)
            #expect(withoutCSRF.status == .forbidden, "a browser session still needs its CSRF token")
            #expect(afterDisable.status == .unauthorized)
            #expect(afterEnable.status == .unauthorized, "disabling revokes the tokens for good")
            #expect(try await context.auditEvents(.userDisable).map(\.detail) == ["1 API token(s) revoked"])
            #expect(try await context.auditEvents(.permissionDenied).count == 1)
            _ = physician
        }
    }

    @Test(arguments: TestDatabase.available)
    func patientsGoThroughTheRegistrationChecksAndAStaleVersionIsAConflict(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let api = try await APIClient.make(try await context.signedIn(.coordinator))
            // act
            let created = try await api.send(.POST, "/api/v1/patients", registration())
            let id = try #require(created.json["id"].string)
            let duplicate = try await api.send(.POST, "/api/v1/patients", registration())
            let future = try await api.send(.POST, "/api/v1/patients", registration("Future", birthDate: "2031-01-01"))
            let mistyped = try await api.send(.POST, "/api/v1/patients", .object(["fields": .object(["familyName": 12, "nickname": "A"])]))
            var fields = try #require(created.json["fields"].object)
            fields["phone"] = "(217) 555-0199"
            let updated = try await api.send(.PUT, "/api/v1/patients/\(id)", .object(["version": 1, "fields": .object(fields)]))
            let stale = try await api.send(.PUT, "/api/v1/patients/\(id)", .object(["version": 1, "fields": .object(fields)]))
            let found = try await api.get("/api/v1/patients?q=okaf")
            // check
            #expect(created.status == .created && created.json["mrn"] != .null && created.json["fields"]["birthDate"] == "1970-05-17")
            #expect(duplicate.status == .conflict && duplicate.json["duplicates"].count == 1)
            #expect(future.status == .unprocessableEntity && future.json["fields"]["birthDate"] == "Date of birth cannot be in the future.")
            #expect(mistyped.json["fields"]["familyName"] == "Send text." && mistyped.json["fields"]["nickname"] == "Not a field of this record.")
            #expect(updated.status == .ok && updated.json["version"] == 2 && updated.json["fields"]["phone"] == "(217) 555-0199")
            #expect(stale.status == .conflict)
            #expect(found.json["patients"].count == 1)
            #expect(try await context.patientCount() == 1)
            #expect(try await context.auditEvents(.patientCreate).count == 1)
            #expect(try await context.auditEvents(.patientUpdateConflict).count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func medicationsCarryTheirDailyMMEAndTheListItsTotalAndAlerts(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let api = try await APIClient.make(try await context.signedIn(.physician))
            let path = "/api/v1/patients/\(patient.id)/medications"
            // act
            let added = try await api.send(.POST, path, .object(["fields": oxycodone]))
            let benzo = try await api.send(.POST, path, .object(["fields": .object(["drug": "alprazolam", "strength": 0.5, "unit": "mg",
                                                                                  "frequency": "bid", "status": "active"])]))
            let badDose = try await api.send(.POST, path, .object(["fields": .object(["drug": "oxycodone", "strength": "ten", "unit": "mg",
                                                                                    "frequency": "q6h", "status": "active"])]))
            let list = try await api.get(path)
            let alerts = try await api.get("/api/v1/patients/\(patient.id)/alerts")
            let id = try #require(added.json["id"].string)
            let retracted = try await api.send(.POST, "\(path)/\(id)/entered-in-error", .object(["version": 1, "reason": "wrong patient"]))
            let after = try await api.get(path)
            // check
            #expect(added.status == .created && added.json["computed"]["dailyMME"] == 60 && added.json["computed"]["mme"] == "computed")
            #expect(added.json["computed"]["mmeSource"]["citation"].string?.contains("CDC 2022") == true)
            #expect(benzo.json["computed"]["drugClasses"] == ["benzodiazepine"])
            #expect(badDose.status == .unprocessableEntity && badDose.json["fields"]["strength"] != .null)
            #expect(list.json["summary"]["totalDailyMME"] == 60 && list.json["entries"].count == 2)
            #expect(alerts.json["medication"].count == 2)
            #expect(retracted.status == .ok && retracted.json["enteredInError"] == true)
            #expect(after.json["summary"]["totalDailyMME"] == 0 && after.json["entries"].count == 1)
            #expect(try await ChartEntryQueries.mmeHistory(patientID: patient.id, on: context.app.db).map(\.total) == [60, 0])
        }
    }

    @Test(arguments: TestDatabase.available)
    func everyDocumentedOperationAnswersAsDocumented(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let document = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: try await context.app.testing()
                .sendRequest(.GET, SitePath.openAPI()).body))
            let validator = SchemaValidator(document: document)
            let api = try await APIClient.make(try await context.signedIn(.physician))
            var exercised: Set<String> = []
            var problems: [String] = []
            func call(_ method: HTTPMethod, _ template: String, _ parameters: [String: String] = [:], query: String = "",
                      _ body: JSONValue? = nil) async throws -> JSONValue {
                let path = parameters.reduce(template) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
                let (status, json) = try await api.send(method, path + query, body)
                let operation = document["paths"][template][method.rawValue.lowercased()]
                exercised.insert("\(method.rawValue) \(template)")
                let documented = operation["responses"][String(status.code)]
                if case .object = documented {
                    problems += validator.problems(json, documented["content"]["application/json"]["schema"], at: "\(method.rawValue) \(path) \(status.code)")
                } else {
                    problems.append("\(method.rawValue) \(template) answered \(status.code), which is not documented")
                }
                return json
            }
            // act
            _ = try await call(.GET, "/api/v1/me")
            _ = try await call(.GET, "/api/v1/interventions")
            _ = try await call(.GET, "/api/v1/interventions/{intervention}", ["intervention": "facet-rfa-lumbar"])
            _ = try await call(.GET, "/api/v1/interventions/{intervention}", ["intervention": "no-such-thing"])
            let patient = try await call(.POST, "/api/v1/patients", [:], registration())
            _ = try await call(.POST, "/api/v1/patients", [:], registration())
            _ = try await call(.POST, "/api/v1/patients", [:], registration("Later", birthDate: "2099-01-01"))
            let id = try #require(patient["id"].string)
            _ = try await call(.GET, "/api/v1/patients", query: "?q=oka")
            _ = try await call(.GET, "/api/v1/patients", query: "?q=%21")
            _ = try await call(.GET, "/api/v1/patients/{patient}", ["patient": id])
            _ = try await call(.GET, "/api/v1/patients/{patient}", ["patient": UUID().uuidString])
            _ = try await call(.PUT, "/api/v1/patients/{patient}", ["patient": id], .object(["version": 1, "fields": patient["fields"]]))
            _ = try await call(.PUT, "/api/v1/patients/{patient}", ["patient": id], .object(["version": 1, "fields": patient["fields"]]))
            let alert = ChartAlert(patientID: UUID(uuidString: id)!, kind: "red-flag", code: "fever", message: "Fever: rule out infection",
                                   sourceType: "Evaluation", sourceID: UUID(), by: nil, now: context.clock.now)
            try await alert.create(on: context.app.db)
            _ = try await call(.GET, "/api/v1/patients/{patient}/alerts", ["patient": id])
            _ = try await call(.POST, "/api/v1/patients/{patient}/alerts/{alert}/resolve", ["patient": id, "alert": alert.id!.uuidString],
                               .object(["reason": "Afebrile on exam"]))
            _ = try await call(.POST, "/api/v1/patients/{patient}/alerts/{alert}/resolve", ["patient": id, "alert": alert.id!.uuidString],
                               .object(["reason": "Again"]))
            let samples: [(String, JSONValue)] = [
                ("medications", oxycodone),
                ("allergies", .object(["substance": "latex", "reaction": ["hives"], "status": "active"])),
                ("prior-treatments", .object(["kind": "physical-therapy", "weeks": 8, "result": "no-relief"])),
                ("coverage", .object(["payerKind": "medicare", "payer": "Medicare Part B", "memberID": "1EG4-TE5-MK72", "status": "active",
                                      "checkedOn": "2026-11-10", "deductibleRemaining": 120.5, "coinsurancePercent": 20])),
                ("prior-authorizations", .object(["payer": "Acme Health", "status": "approved", "reference": "PA-7731", "codes": "64483",
                                                  "units": 1, "validUntil": "2027-02-28"])),
                ("prior-procedures", .object(["intervention": "esi-transforaminal-lumbar", "region": "lumbar", "levels": "L4-L5", "side": "left",
                                              "performedOn": "2026-03-02", "peakReliefPercent": 70, "reliefWeeks": 10])),
                ("diagnoses", .object(["condition": "M54.50", "chronic": true, "status": "active", "certainty": "provisional"])),
                ("vital-signs", .object(["takenOn": "2026-11-12", "takenAt": "09:40", "systolic": 138, "diastolic": 84, "weight": 81.5, "weightUnit": "kg"])),
                ("lab-results", .object(["test": "INR", "loinc": "6301-6", "number": 1.1, "resultedOn": "2026-11-10", "referenceRange": "0.8–1.2"])),
                ("outside-visits", .object(["setting": "emergency", "what": "Emergency visit", "startOn": "2026-10-02", "reason": "Low back pain"])),
            ]
            for (segment, fields) in samples {
                let list = "/api/v1/patients/{patient}/\(segment)", one = list + "/{entry}"
                let entry = try await call(.POST, list, ["patient": id], .object(["fields": fields]))
                _ = try await call(.POST, list, ["patient": id], .object(["fields": .object(["status": "maybe"])]))
                let entryID = try #require(entry["id"].string, "\(segment): \(entry)")
                _ = try await call(.GET, list, ["patient": id])
                _ = try await call(.GET, one, ["patient": id, "entry": entryID])
                _ = try await call(.PUT, one, ["patient": id, "entry": entryID], .object(["version": 1, "fields": entry["fields"]]))
                _ = try await call(.PUT, one, ["patient": id, "entry": entryID], .object(["version": 1, "fields": entry["fields"]]))
                _ = try await call(.POST, one + "/entered-in-error", ["patient": id, "entry": entryID], .object(["version": 2, "reason": "duplicate"]))
            }
            let questionnaires = "/api/v1/patients/{patient}/questionnaire-responses"
            let phq9 = JSONValue.object(Dictionary(uniqueKeysWithValues: (1...9).map { ("phq-9-\($0)", JSONValue.number(Double($0 % 3))) }))
            let response = try await call(.POST, questionnaires, ["patient": id], .object(["questionnaire": "phq-9", "fields": phq9]))
            _ = try await call(.POST, questionnaires, ["patient": id], .object(["questionnaire": "phq-9", "fields": .object(["phq-9-1": 7])]))
            _ = try await call(.GET, questionnaires, ["patient": id])
            let responseID = try #require(response["id"].string, "\(response)")
            _ = try await call(.GET, questionnaires + "/{response}", ["patient": id, "response": responseID])
            _ = try await call(.POST, questionnaires + "/{response}/entered-in-error", ["patient": id, "response": responseID],
                               .object(["version": 1, "reason": "another patient's form"]))
            _ = try await call(.POST, questionnaires + "/{response}/entered-in-error", ["patient": id, "response": UUID().uuidString],
                               .object(["version": 1, "reason": "again"]))
            let evaluations = "/api/v1/patients/{patient}/evaluations", evaluation = evaluations + "/{evaluation}"
            let note = try await call(.POST, evaluations, ["patient": id], .object(["fields": .object([:])]))
            _ = try await call(.POST, evaluations, ["patient": id], .object(["fields": .object(["kind": "procedure"])]))
            let noteIDs = ["patient": id, "evaluation": try #require(note["id"].string, "\(note)")]
            _ = try await call(.GET, evaluations, ["patient": id])
            _ = try await call(.GET, evaluation, noteIDs)
            _ = try await call(.PUT, evaluation, noteIDs, .object(["version": 1, "fields": APINotesAndWorkupTests.draft]))
            _ = try await call(.PUT, evaluation, noteIDs, .object(["version": 1, "fields": APINotesAndWorkupTests.draft]))
            _ = try await call(.POST, evaluation + "/addenda", noteIDs, .object(["text": "Too early"]))
            _ = try await call(.POST, evaluation + "/sign", noteIDs, .object(["version": 2, "fields": .object(["painNow": 12])]))
            _ = try await call(.POST, evaluation + "/sign", noteIDs, .object(["version": 2, "fields": APINotesAndWorkupTests.draft]))
            _ = try await call(.POST, evaluation + "/addenda", noteIDs, .object(["text": "Reviewed the imaging with the patient."]))
            let orders = "/api/v1/patients/{patient}/workup-orders", order = orders + "/{order}"
            let placed = try await call(.POST, orders, ["patient": id], .object(["fields": APINotesAndWorkupTests.mri]))
            _ = try await call(.POST, orders, ["patient": id], .object(["fields": .object(["test": "x-ray"])]))
            let orderIDs = ["patient": id, "order": try #require(placed["id"].string, "\(placed)")]
            _ = try await call(.GET, orders, ["patient": id])
            _ = try await call(.GET, order, orderIDs)
            _ = try await call(.POST, order + "/review", orderIDs, .object(["version": 1, "fields": .object([:])]))
            _ = try await call(.POST, order + "/schedule", orderIDs, .object(["version": 1, "fields": .object(["scheduledFor": "2026-12-01"])]))
            _ = try await call(.POST, order + "/result", orderIDs, .object(["version": 2, "fields": .object(["report": "Normal study."])]))
            let check = "?intervention=esi-transforaminal-lumbar&region=lumbar&levels=L4-L5&side=left&date=2026-12-01&steroid=dexamethasone&steroidMg=10"
            _ = try await call(.GET, "/api/v1/patients/{patient}/decision-support", ["patient": id], query: check)
            _ = try await call(.GET, "/api/v1/patients/{patient}/decision-support", ["patient": id], query: "?intervention=idet&region=cervical")
            _ = try await call(.GET, "/api/v1/patients/{patient}/decision-support/candidates", ["patient": id], query: "?date=2026-12-01")
            _ = try await call(.GET, "/api/v1/patients/{patient}/decision-support/candidates", ["patient": id], query: "?date=yesterday")
            _ = try await call(.GET, "/api/v1/patients/{patient}/cost-estimate", ["patient": id],
                               query: "?intervention=facet-rfa-lumbar&region=lumbar&levels=L4-L5&side=bilateral")
            _ = try await call(.GET, "/api/v1/patients/{patient}/cost-estimate", ["patient": id], query: "?region=lumbar")
            let plans = "/api/v1/patients/{patient}/care-plans", plan = plans + "/{plan}"
            let planFields: JSONValue = .object(["title": "Left L5 radiculopathy", "phase": "pain-reduction", "startOn": "2026-11-18",
                                                 "goal.1.text": "Walk 30 minutes", "goal.1.measure": "walking-minutes", "goal.1.target": 30,
                                                 "component.1.intervention": "physical-therapy", "component.1.region": "lumbar"])
            let drafted = try await call(.POST, plans, ["patient": id], .object(["fields": planFields]))
            _ = try await call(.POST, plans, ["patient": id], .object(["fields": .object(["title": "Old", "phase": "relief", "startOn": "2026-01-01"])]))
            let planIDs = ["patient": id, "plan": try #require(drafted["id"].string, "\(drafted)")]
            _ = try await call(.GET, plans, ["patient": id])
            _ = try await call(.GET, plan, planIDs)
            _ = try await call(.PUT, plan, planIDs, .object(["version": 1, "fields": planFields]))
            _ = try await call(.PUT, plan, planIDs, .object(["version": 1, "fields": planFields]))
            _ = try await call(.POST, plan + "/activate", planIDs, .object(["version": 2]))
            _ = try await call(.POST, plan + "/activate", planIDs, .object(["version": 2]))
            let revision = try await call(.POST, plan + "/revise", planIDs, .object(["version": 3]))
            _ = try await call(.POST, plan + "/revise", planIDs, .object(["version": 3]))
            #expect(revision["number"] == 2 && revision["status"] == "draft")
            let activities = plan + "/activities"
            let session: JSONValue = .object(["intervention": "physical-therapy", "occurredOn": "2026-11-18", "attendance": "attended",
                                              "detail": "Core stability", "measure": "walking-minutes", "value": 12, "goal": 1])
            let done = try await call(.POST, activities, planIDs, .object(["fields": session]))
            _ = try await call(.POST, activities, planIDs, .object(["fields": .object(["intervention": "esi-caudal", "occurredOn": "2026-11-18", "attendance": "attended"])]))
            _ = try await call(.GET, activities, planIDs)
            let activityIDs = planIDs.merging(["activity": try #require(done["id"].string, "\(done)")]) { first, _ in first }
            let retracted = try await call(.POST, activities + "/{activity}/entered-in-error", activityIDs, .object(["version": 1, "reason": "Wrong day"]))
            _ = try await call(.POST, activities + "/{activity}/entered-in-error", activityIDs, .object(["version": 1, "reason": "Wrong day"]))
            #expect(done["kind"] == "therapy-session" && done["fields"]["value"] == 12 && retracted["status"] == "entered-in-error")
            let consents = "/api/v1/patients/{patient}/consents", consent = consents + "/{consent}"
            let terms: JSONValue = .object(["intervention": "trigger-point-injection", "region": "lumbar", "plannedOn": "2026-11-20",
                                            "validUntil": "2027-02-18", "sessions": 3, "plan": drafted["planID"]])
            let prepared = try await call(.POST, consents, ["patient": id], .object(["fields": terms]))
            _ = try await call(.POST, consents, ["patient": id], .object(["fields": .object(["intervention": "physical-therapy", "region": "lumbar",
                                                                                           "plannedOn": "2026-11-20", "validUntil": "2026-11-19", "sessions": 9])]))
            let consentIDs = ["patient": id, "consent": try #require(prepared["id"].string, "\(prepared)")]
            let proxy: JSONValue = .object(["signer": "representative", "name": "Kenji Okafor", "relationship": "Husband, health-care proxy", "attest": true])
            _ = try await call(.GET, consents, ["patient": id])
            _ = try await call(.POST, consent + "/patient-signature", consentIDs, .object(["version": 1, "fields": .object(["signer": "patient", "name": "X"])]))
            _ = try await call(.POST, consent + "/patient-signature", consentIDs, .object(["version": 1, "fields": proxy]))
            _ = try await call(.POST, consent + "/patient-signature", consentIDs, .object(["version": 1, "fields": proxy]))
            let cosigned = try await call(.POST, consent + "/cosign", consentIDs, .object(["version": 2, "attest": true]))
            _ = try await call(.GET, consent, consentIDs)
            _ = try await call(.POST, consent + "/decline", consentIDs, .object(["version": 3, "reason": "Too late to decline"]))
            _ = try await call(.POST, consent + "/withdraw", consentIDs, .object(["version": 3, "reason": ""]))
            let withdrawn = try await call(.POST, consent + "/withdraw", consentIDs, .object(["version": 3, "reason": "Moved away"]))
            #expect(prepared["status"] == "proposed" && prepared["sections"].count == 8 && prepared["planID"] == drafted["planID"])
            #expect(cosigned["status"] == "active" && cosigned["fhirStatus"] == "active" && cosigned["signature"]["method"] == "screen")
            #expect(withdrawn["fhirStatus"] == "inactive" && withdrawn["reason"] == "Moved away")
            let me = try await call(.GET, "/api/v1/me")
            let appointments = "/api/v1/patients/{patient}/appointments", appointment = appointments + "/{appointment}"
            func phoneCall(at start: String) -> JSONValue {
                .object(["kind": "phone-follow-up", "provider": me["id"], "date": "2026-11-18", "start": .string(start)])
            }
            let booked = try await call(.POST, appointments, ["patient": id], .object(["fields": phoneCall(at: "09:00")]))
            _ = try await call(.POST, appointments, ["patient": id], .object(["fields": phoneCall(at: "09:05")]))
            let appointmentIDs = ["patient": id, "appointment": booked["id"].string ?? ""]
            _ = try await call(.GET, appointments, ["patient": id])
            _ = try await call(.GET, appointment, appointmentIDs)
            _ = try await call(.POST, appointment + "/move", appointmentIDs, .object(["version": 1, "fields": phoneCall(at: "10:00")]))
            _ = try await call(.POST, appointment + "/move", appointmentIDs, .object(["version": 1, "fields": phoneCall(at: "11:00")]))
            _ = try await call(.POST, appointment + "/status", appointmentIDs, .object(["version": 2, "status": "confirmed"]))
            _ = try await call(.GET, "/api/v1/appointments", query: "?from=2026-11-18")
            _ = try await call(.GET, "/api/v1/appointments", query: "?from=2026-11-18&to=2027-11-18")
            #expect(booked["kind"] == "phone-follow-up" && booked["roomID"] == .null)
            _ = try await call(.GET, "/api/v1/inbox", query: "?mine=false")
            _ = try await call(.POST, "/api/v1/inbox/{item}/acknowledge", ["item": orderIDs["order"]!], .object(["note": "Seen"]))
            _ = try await call(.POST, "/api/v1/inbox/{item}/acknowledge", ["item": orderIDs["order"]!], .object([:]))
            _ = try await call(.POST, order + "/review", orderIDs, .object(["version": 3, "fields": .object(["reviewComment": "Normal."])]))
            _ = try await call(.POST, order + "/cancel", orderIDs, .object(["version": 4, "fields": .object(["cancelReason": "Done"])]))
            // check
            #expect(response["score"] == 9 && response["fields"]["phq-9-9"] == 0)
            var documented: Set<String> = []
            for (path, operations) in document["paths"].object ?? [:] {
                for method in (operations.object ?? [:]).keys { documented.insert("\(method.uppercased()) \(path)") }
            }
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
            #expect(documented == exercised, "not exercised: \(documented.subtracting(exercised).sorted())")
            #expect(document["openapi"] == "3.0.3")
        }
    }
}

extension APITests {
    @Test(arguments: TestDatabase.available)
    func questionnairesAreScoredByTheEngineAndShowTheirCourseAndItem9RaisesTheAlert(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let api = try await APIClient.make(try await context.signedIn(.therapist))
            let path = "/api/v1/patients/\(patient.id)/questionnaire-responses"
            func peg(_ values: [Int], on day: String) -> JSONValue {
                var fields = Dictionary(uniqueKeysWithValues: values.enumerated().map { ("peg-\($0.offset + 1)", JSONValue.number(Double($0.element))) })
                fields[QuestionnaireSubmission.completedOnField] = .string(day)
                return .object(["questionnaire": "peg", "fields": .object(fields)])
            }
            // act
            let baseline = try await api.send(.POST, path, peg([8, 8, 8], on: "2026-09-01"))
            let later = try await api.send(.POST, path, peg([4, 4, 5], on: "2026-11-01"))
            let outOfRange = try await api.send(.POST, path, peg([11, 4, 4], on: "2026-11-02"))
            let phq9 = try await api.send(.POST, path, .object(["questionnaire": "phq-9", "fields": .object(Dictionary(uniqueKeysWithValues:
                (1...9).map { ("phq-9-\($0)", JSONValue.number($0 == 9 ? 1 : 0)) }))]))
            let list = try await api.get(path)
            let alerts = try await api.get("/api/v1/patients/\(patient.id)/alerts")
            // check
            #expect(baseline.status == .created && baseline.json["score"] == 8)
            #expect(later.json["score"] == 4.3, "the engine rounds the mean to one decimal")
            #expect(outOfRange.status == .unprocessableEntity && outOfRange.json["fields"]["peg-1"] != .null)
            #expect(phq9.status == .created)
            let course = try #require(list.json["courses"].items.first { $0["questionnaire"] == "peg" })
            #expect(course["baseline"] == 8 && course["latest"] == 4.3 && course["verdict"] == "notJudged", "PEG has no MID: \(course)")
            #expect(course["change"].number.map { $0 < -3 } == true)
            #expect(list.json["responses"].count == 3)
            #expect(alerts.json["open"].items.map { $0["code"] } == ["phq-9-9"])
        }
    }
}
