import Foundation
import ReliefCore
import Testing
import Vapor
import VaporTesting
@testable import App

private let questionnaires = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/fhir/questionnaires")

/// A practice's own questionnaire imported through FHIR, then handed out, answered, scored, charted and served.
@Suite struct QuestionnaireImportTests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: questionnaires.path)), arguments: TestDatabase.available)
    func anImportedPHQ9IsAnsweredScoredAndServed(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let json = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: questionnaires.appendingPathComponent("PHQ-9.lhc-forms.R4.json")))
            let physician = try await APIClient.make(try await context.signedIn(.physician))
            let nurseBrowser = try await context.signedIn(.nurse)
            let nurse = try await APIClient.make(nurseBrowser)
            let patient = try await context.makePatient()
            // act
            let created = try await physician.exchange(.POST, SitePath.fhirResources(.questionnaire)(), json, headers: [("Prefer", "return=OperationOutcome")])
            let again = try await physician.exchange(.POST, SitePath.fhirResources(.questionnaire)(), json)
            let byNurse = try await nurse.exchange(.POST, SitePath.fhirResources(.questionnaire)(), json)
            let unscorable = try await physician.exchange(.POST, SitePath.fhirResources(.questionnaire)(),
                                                          ["resourceType": "Questionnaire", "title": "Free text", "item": [["linkId": "a", "type": "string"]]])
            let id = try #require(again.json["id"].string)
            let form = try await nurseBrowser.get(SitePath.newQuestionnaireResponse(patient.id, id))
            let answers = (json["item"].items.compactMap { $0["linkId"].string }.filter { $0 != "/44261-6" && $0 != "/69722-7" }).map { ($0, "2") }
            let saved = try await nurseBrowser.post(SitePath.questionnaireResponses(patient.id, id), pairs: answers + [(QuestionnaireSubmission.completedOnField, "11/18/2026")])
            let served = try await nurse.get(SitePath.fhirResource(.questionnaire)(id))
            let responses = try await nurse.get(SitePath.fhirResources(.questionnaireResponse)() + "?patient=\(patient.id.lowercasedText)")
            let scores = try await nurse.get(SitePath.fhirResources(.observation)() + "?patient=\(patient.id.lowercasedText)&code=http://loinc.org%7C44261-6")
            let alerts = try await EvaluationQueries.openAlerts(patientID: patient.id, on: context.app.db)
            // check
            #expect(created.status == .created && created.json["resourceType"] == "OperationOutcome")
            #expect(created.json["issue"].items.contains { $0["diagnostics"].string?.contains("itemControl is not supported") == true })
            #expect(again.status == .ok && again.json["resourceType"] == "Questionnaire", "imported once; the second is the one there")
            #expect(byNurse.status == .forbidden && unscorable.status == .unprocessableEntity)
            #expect(form.status == .ok && form.text.contains("Optional.") && form.text.contains("Little interest or pleasure"))
            #expect(saved.status == .seeOther, "\(saved.text.prefix(300))")
            #expect(served.status == .ok && served.json["item"].items.last?["code"][0]["code"] == "44261-6")
            #expect(responses.json["total"] == 1 && responses.json["entry"][0]["resource"]["questionnaire"] == .string("urn:relief:questionnaire:\(id)"))
            #expect(scores.json["total"] == 1 && scores.json["entry"][0]["resource"]["valueQuantity"]["value"] == 18)
            #expect(alerts.count == 1 && alerts[0].message.contains("item 9"), "item 9 coded 44260-8 raises the safety alert")
            #expect(try await context.auditEvents(.questionnaireImport).count == 1)
        }
    }
}
