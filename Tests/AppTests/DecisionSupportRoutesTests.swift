import Foundation
import ReliefCore
import Testing
import VaporTesting
@testable import App

/// Decision support read from the chart as it stands, through the JSON API.
@Suite struct DecisionSupportRoutesTests {
    /// A patient with left L5 radiculopathy since June, eight weeks of failed physical therapy, an MRI showing a left
    /// L4-5 herniation, and warfarin; returns the patient's API path.
    static func radicularPatient(_ context: TestContext, _ api: APIClient) async throws -> String {
        let patient = try await context.makePatient()
        let base = "/api/v1/patients/\(patient.id)"
        try await api.send(.POST, base + "/diagnoses", .object(["fields": .object(["condition": "M51.16", "laterality": "left", "onsetDate": "2026-06-01",
                                                                                  "status": "active", "certainty": "confirmed"])]))
        try await api.send(.POST, base + "/prior-treatments", .object(["fields": .object(["kind": "physical-therapy", "weeks": 8, "result": "no-relief"])]))
        try await api.send(.POST, base + "/medications", .object(["fields": .object(["drug": "warfarin", "strength": 5, "unit": "mg", "frequency": "daily",
                                                                                    "status": "active"])]))
        let order = try await api.send(.POST, base + "/workup-orders", .object(["fields": APINotesAndWorkupTests.mri]))
        let path = base + "/workup-orders/" + (try #require(order.json["id"].string))
        try await api.send(.POST, path + "/result", .object(["version": 1, "fields": .object([
            "report": "L4-5 left paracentral protrusion.", "resultedOn": "2026-11-10", "finding.1.kind": "disc-herniation",
            "finding.1.level": "L4-5", "finding.1.side": "left"])]))
        return base
    }

    @Test(arguments: TestDatabase.available)
    func aCandidateIsCheckedAgainstTheChartWithHoldsDatedFromThePlannedDay(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let api = try await APIClient.make(try await context.signedIn(.physician))
            let base = try await Self.radicularPatient(context, api)
            let coordinator = try await APIClient.make(try await context.signedIn(.coordinator), name: "coordinator")
            let check = base + "/decision-support?intervention=esi-transforaminal-lumbar&region=lumbar&levels=L4-L5&side=left&date=2026-11-30"
            // act
            let decision = try await api.get(check)
            let wrongLevel = try await api.get(base + "/decision-support?intervention=esi-transforaminal-lumbar&region=lumbar&levels=C5-C6")
            let hostile = try await api.get(base + "/decision-support?intervention=%00&region=lumbar&date=2026-13-01")
            let refused = try await coordinator.get(check)
            let candidates = try await api.get(base + "/decision-support/candidates?date=2026-11-30")
            // check
            #expect(decision.status == .ok && decision.json["verdict"] == "appropriate-with-precautions")
            var outcomes: [String: String] = [:]
            for rule in decision.json["rules"].items { outcomes[rule["id"].string ?? ""] = rule["outcome"].string }
            #expect(outcomes["indication"] == "met" && outcomes["esi-imaging"] == "met" && outcomes["esi-conservative-care"] == "met")
            #expect(outcomes["anticoagulant-holds"] == "precaution")
            let warfarin = decision.json["holds"][0]
            #expect(warfarin["medication"] == "Warfarin" && warfarin["holdDays"] == 5 && warfarin["lastDoseOn"] == "2026-11-24")
            #expect(warfarin["restartAfter"] == "2026-12-01" && warfarin["checks"].items.contains("Contact the prescriber before stopping"))
            #expect(wrongLevel.status == .unprocessableEntity && wrongLevel.json["fields"]["levels"] == "C5-C6 is not in the low back (lumbar) region.")
            #expect(hostile.status == .unprocessableEntity && hostile.json["fields"]["intervention"] != .null && hostile.json["fields"]["date"] != .null)
            #expect(refused.status == .forbidden)
            #expect(candidates.status == .ok && candidates.json["candidates"].items.contains { $0["intervention"] == "esi-transforaminal-lumbar" })
            let audited = try await context.auditEvents(.recordView).filter { $0.resourceType == "GuidanceResponse" }
            #expect(audited.count == 2 && audited.contains { $0.detail?.hasSuffix("appropriate-with-precautions") == true })
        }
    }

    @Test(arguments: TestDatabase.available)
    func thePracticesCriteriaChangeTheVerdictAndTheChangeIsAudited(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let physician = try await context.signedIn(.physician)
            let api = try await APIClient.make(physician)
            let base = try await Self.radicularPatient(context, api)
            let check = base + "/decision-support?intervention=esi-transforaminal-lumbar&region=lumbar&levels=L4-L5&side=left&date=2026-11-30"
            let settings = try await physician.get(SitePath.clinicalSettings())
            // act
            let bad = try await physician.post(SitePath.clinicalCriteria(), pairs: [("version", "1"), ("esi-conservative-weeks", "0x10")])
            let saved = try await physician.post(SitePath.clinicalCriteria(), pairs: [("version", "1"), ("esi-conservative-weeks", "12")])
            let stale = try await physician.post(SitePath.clinicalCriteria(), pairs: [("version", "1"), ("esi-conservative-weeks", "6")])
            let decision = try await api.get(check)
            // check
            #expect(settings.text.contains("Epidural: weeks of failed conservative care") && settings.text.contains("Default 4 (REFERENCE §2 ESI LCD"))
            #expect(bad.status == .unprocessableEntity && bad.text.contains("Enter a whole number from 1 to 520."))
            #expect(saved.status == .seeOther && stale.status == .conflict)
            #expect(decision.json["verdict"] == "prerequisite-missing")
            let care = decision.json["rules"].items.first { $0["id"] == "esi-conservative-care" }
            #expect(care?["source"]["citation"] == "The practice's own setting (clinical settings page)")
            #expect(try await context.auditEvents(.settingsUpdate).first?.detail == #"{"esi-conservative-weeks":12}"#)
        }
    }
}

extension DecisionSupportRoutesTests {
    @Test(arguments: TestDatabase.available)
    func aPayersOwnCriteriaApplyToItsPatientsAndAreKeptUnderAVersion(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: Aetna waits 10 weeks of conservative care; the patient has 8 on record
            let physician = try await context.signedIn(.physician)
            let api = try await APIClient.make(physician)
            let base = try await Self.radicularPatient(context, api)
            try await api.send(.POST, base + "/coverage", .object(["fields": .object(["payerKind": "commercial", "payer": "Aetna Choice", "memberID": "W123",
                                                                                   "status": "active", "priority": "primary"])]))
            let check = base + "/decision-support?intervention=esi-transforaminal-lumbar&region=lumbar&levels=L4-L5&side=left&date=2026-11-30"
            let before = try await api.get(check)
            let coordinator = try await context.signedIn(.coordinator)
            // act
            let hostile = try await physician.post(SitePath.payerCriteria(), pairs: [("version", "1"), ("payer", "\u{0}"), ("esi-conservative-weeks", "0x10")])
            let punctuation = try await physician.post(SitePath.payerCriteria(), pairs: [("version", "1"), ("payer", "—!"), ("facet-levels", "3")])
            let empty = try await physician.post(SitePath.payerCriteria(), pairs: [("version", "1"), ("payer", "Aetna Choice")])
            let saved = try await physician.post(SitePath.payerCriteria(), pairs: [("version", "1"), ("payer", "aetna  choice"), ("esi-conservative-weeks", "10")])
            let stale = try await physician.post(SitePath.payerCriteria(), pairs: [("version", "1"), ("payer", "Cigna"), ("facet-levels", "3")])
            let after = try await api.get(check)
            let listed = try await physician.get(SitePath.payerCriteria() + "?payer=AETNA%20CHOICE")
            let refused = try await coordinator.post(SitePath.payerCriteria(), pairs: [("version", "2"), ("payer", "Cigna"), ("facet-levels", "3")])
            let removed = try await physician.post(SitePath.removePayerCriteria(), pairs: [("version", "2"), ("payer", "Aetna Choice")])
            let defaults = try await api.get(check)
            // check
            func rule(_ response: (status: HTTPStatus, json: JSONValue), _ id: String) -> JSONValue? { response.json["rules"].items.first { $0["id"].string == id } }
            #expect(rule(before, "payer-criteria")?["message"] == "Aetna Choice has no criteria of its own recorded: checked against the default criteria (Medicare LCDs).")
            #expect(hostile.status == .unprocessableEntity && hostile.text.contains("Remove the control characters")
                    && hostile.text.contains("Enter a whole number from 1 to 520."))
            #expect(punctuation.status == .unprocessableEntity && punctuation.text.contains("with letters or digits"))
            #expect(empty.status == .unprocessableEntity && empty.text.contains("Set at least one number that differs for this payer"))
            #expect(saved.status == .seeOther && stale.status == .conflict && stale.text.contains("Someone else changed the payers"))
            #expect(rule(after, "esi-conservative-care")?["outcome"] == "prerequisite-missing" && after.json["verdict"] == "prerequisite-missing")
            #expect(rule(after, "esi-conservative-care")?["source"]["citation"] == "aetna  choice's own criteria, as the practice recorded them (clinical settings)")
            #expect(listed.text.contains(#"value="10""#) && listed.text.contains("Epidural: weeks of failed conservative care: 10"))
            #expect(refused.status == .forbidden)
            #expect(removed.status == .seeOther && rule(defaults, "esi-conservative-care")?["outcome"] == "met")
            let changes = try await context.auditEvents(.settingsUpdate).filter { $0.resourceID == PracticeSettings.payerCriteria }
            #expect(changes.count == 2 && changes.contains { $0.detail?.contains(#""esi-conservative-weeks":10"#) == true })
        }
    }

    @Test(arguments: TestDatabase.available)
    func thePageRanksCandidatesAndExplainsACheck(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let physician = try await context.signedIn(.physician)
            let base = try await Self.radicularPatient(context, try await APIClient.make(physician))
            let page = String(base.dropFirst("/api/v1".count)) + "/decision-support"
            let therapist = try await context.signedIn(.therapist)
            let coordinator = try await context.signedIn(.coordinator)
            // act
            let options = try await physician.get(page)
            let checked = try await physician.get(page + "?intervention=esi-transforaminal-lumbar&region=lumbar&levels=L4-L5&side=left&date=11/30/2026")
            let bad = try await physician.get(page + "?intervention=facet-rfa-lumbar&region=lumbar&levels=L3-L5&side=left")
            let readOnly = try await therapist.get(page)
            let refused = try await coordinator.get(page)
            // check
            #expect(options.status == .ok && options.text.contains("Candidates for this patient&#39;s diagnoses"))
            #expect(options.text.contains("Lumbar transforaminal epidural steroid injection"))
            #expect(checked.text.contains("Appropriate, with precautions") && checked.text.contains("Warfarin"))
            #expect(checked.text.contains("11/24/2026") && checked.text.contains("Every rule checked"))
            #expect(bad.status == .badRequest && bad.text.contains("is not a spinal level") && bad.text.contains("value=\"L3-L5\""))
            #expect(readOnly.status == .ok && refused.status == .forbidden)
        }
    }
}
