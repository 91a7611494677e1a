import Fluent
import Foundation
import ReliefCore
import SQLKit
import Testing
import VaporTesting
@testable import App

/// Questionnaires entered by staff: scores, bands, change since baseline, the PHQ-9 safety alert, immutability,
/// entered in error, licensed wording.
@Suite struct QuestionnairesTests {
    private func answers(_ definition: QuestionnaireDefinition, _ values: [Int], on date: String) -> [(String, String)] {
        zip(definition.items, values).map { ($0.linkId, String($1)) } + [(QuestionnaireSubmission.completedOnField, date)]
    }

    @Test(arguments: TestDatabase.available)
    func scoresShowTheirBandTrendAndChangeAgainstTheMinimalImportantDifference(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let phq9 = QuestionnaireCatalogue.phq9
            let path = SitePath.questionnaireResponses(patient.id, phq9.id)
            try await nurse.get(SitePath.newQuestionnaireResponse(patient.id, phq9.id))
            // act: 16 (moderately severe) in September, 8 (mild) in November
            let first = try await nurse.post(path, pairs: answers(phq9, [2, 2, 2, 2, 2, 2, 2, 2, 0], on: "09/01/2026"))
            try await nurse.post(path, pairs: answers(phq9, [1, 1, 1, 1, 1, 1, 1, 1, 0], on: "11/10/2026"))
            let list = try await nurse.get(SitePath.questionnaires(patient.id))
            let chart = try await nurse.get(SitePath.patient(patient.id))
            // check
            #expect(first.status == .seeOther)
            #expect(list.text.contains("8 (total 0–27) — Mild"))
            #expect(list.text.contains("-8 since 09/01/2026: improved"))
            #expect(list.text.contains("Minimal important difference 5") && list.text.contains("verify against current guideline"))
            #expect(list.text.contains("<svg") && list.text.contains("Moderately severe"))
            #expect(chart.text.contains("PHQ-9 (depression)") && chart.text.contains("-8 since 09/01/2026: improved"))
            #expect(chart.text.contains("aria-label=\"PHQ-9 (depression): 09/01/2026 16, 11/10/2026 8\""), "the trend on the chart, readable")
            // 16 of 27 sits higher on the small line (smaller y) than 8 of 27
            #expect(chart.text.contains("points=\"3,10.33 93,15.67\""))
            #expect(try await context.auditEvents(.recordCreate).allSatisfy { $0.resourceType == "QuestionnaireResponse" })
            #expect(try await context.auditEvents(.recordView).contains { $0.resourceType == "QuestionnaireResponse" })
        }
    }

    @Test(arguments: TestDatabase.available)
    func aPositiveItemNineRaisesAnAlertForThePhysician(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let therapist = try await context.signedIn(.therapist)
            let phq9 = QuestionnaireCatalogue.phq9
            try await therapist.get(SitePath.newQuestionnaireResponse(patient.id, phq9.id))
            // act
            let saved = try await therapist.post(SitePath.questionnaireResponses(patient.id, phq9.id),
                                                 pairs: answers(phq9, [0, 1, 0, 0, 0, 0, 0, 0, 1], on: ""))
            let physician = try await context.signedIn(.physician)
            let chart = try await physician.get(SitePath.patient(patient.id))
            // check
            #expect(saved.status == .seeOther)
            #expect(chart.text.contains("PHQ-9 item 9 is positive"))
            let alert = try #require(try await ChartAlert.query(on: context.app.db).first())
            #expect(alert.kind == ChartAlertKind.questionnaire && alert.sourceType == "QuestionnaireResponse")
            #expect(try await context.auditEvents(.alertRaise).count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func blankAndImpossibleAnswersAreRefusedOnTheirQuestionAndNothingIsSaved(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            try await nurse.get(SitePath.newQuestionnaireResponse(patient.id, "peg"))
            // act
            let response = try await nurse.post(SitePath.questionnaireResponses(patient.id, "peg"),
                                                pairs: [("peg-1", "7"), ("peg-2", "11"), (QuestionnaireSubmission.completedOnField, "01/02/2027")])
            // check
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Choose one of the answers.") && response.text.contains("Answer this question."))
            #expect(response.text.contains("The date completed cannot be after today."))
            #expect(response.text.contains("value=\"7\" checked"))
            #expect(try await QuestionnaireResponse.query(on: context.app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aResponseCannotBeChangedOnlyMarkedEnteredInError(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            try await nurse.get(SitePath.newQuestionnaireResponse(patient.id, "pain-intensity"))
            try await nurse.post(SitePath.questionnaireResponses(patient.id, "pain-intensity"), pairs: [("pain-intensity-1", "7")])
            let response = try #require(try await QuestionnaireResponse.query(on: context.app.db).first())
            // act
            var tampered = false
            do {
                try await context.app.db.sql.raw("UPDATE instrument_responses SET score = 2 WHERE id = \(bind: response.id!)").run()
                tampered = true
            } catch {}
            let page = try await nurse.get(SitePath.questionnaireResponse(patient.id, response.id!))
            let tooLong = try await nurse.post(SitePath.questionnaireResponseInError(patient.id, response.id!),
                                               pairs: [("version", "1"), ("reason", String(repeating: "wrong ", count: 100))])
            let marked = try await nurse.post(SitePath.questionnaireResponseInError(patient.id, response.id!),
                                              pairs: [("version", "1"), ("reason", "Entered for the wrong patient")])
            let stale = try await nurse.post(SitePath.questionnaireResponseInError(patient.id, response.id!),
                                             pairs: [("version", "1"), ("reason", "Again")])
            let list = try await nurse.get(SitePath.questionnaires(patient.id))
            // check
            #expect(!tampered)
            #expect(page.text.contains("7 — ") || page.text.contains("1. How bad has your pain been"))
            #expect(tooLong.status == .unprocessableEntity && tooLong.text.contains("Keep this under 500 characters.")
                    && tooLong.text.contains("wrong wrong"))
            #expect(marked.status == .seeOther)
            #expect(stale.status == .conflict)
            #expect(list.text.contains("No questionnaires recorded yet."))
            #expect(try await QuestionnaireResponse.query(on: context.app.db).count() == 1)
            #expect(try await context.auditEvents(.recordEnteredInError).count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aPaperFormIsTypedInAsAGridOneRowPerItem(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let phq9 = QuestionnaireCatalogue.phq9
            let path = SitePath.questionnaireResponses(patient.id, phq9.id)
            // act
            let grid = try await nurse.get(SitePath.newQuestionnaireResponse(patient.id, phq9.id) + "?layout=grid")
            let typos = try await nurse.post(path, pairs: [("layout", "grid")] + answers(phq9, [1, 1, 1, 1, 1, 1, 1, 1, 0], on: "")
                .map { $0.0 == "phq-9-2" ? ($0.0, "4") : $0.0 == "phq-9-3" ? ($0.0, "0x1") : $0 }.filter { $0.0 != "phq-9-4" })
            let saved = try await nurse.post(path, pairs: [("layout", "grid")] + answers(phq9, [1, 1, 1, 1, 1, 1, 1, 1, 0], on: ""))
            // check
            #expect(grid.text.contains("class=\"answer-grid\"") && grid.text.contains("<input type=\"text\" id=\"phq-9-1\" name=\"phq-9-1\""))
            #expect(grid.text.components(separatedBy: "0 = Not at all").count == 2, "the answers' meanings once, above the grid")
            #expect(!grid.text.contains("type=\"radio\""))
            #expect(typos.status == .unprocessableEntity && typos.text.contains("class=\"answer-grid\""), "the grid comes back")
            #expect(typos.text.contains("href=\"#phq-9-2\"") && typos.text.contains("Question 3: Choose one of the answers."))
            #expect(typos.text.contains("Question 4: Answer this question.") && typos.text.contains("value=\"0x1\""))
            #expect(saved.status == .seeOther)
            #expect(try await QuestionnaireResponse.query(on: context.app.db).first()?.score == 8)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aLicensedQuestionnaireShowsThePracticesImportedWording(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let before = try await nurse.get(SitePath.newQuestionnaireResponse(patient.id, "dn4"))
            let items = (1...10).map {
                #"{"linkId": "dn4-\#($0)", "text": "Licensed question \#($0)", "options": [{"value": 0, "text": "No"}, {"value": 1, "text": "Yes"}]}"#
            }
            let wording = #"{"questionnaire": "dn4", "copyright": "© Licensed to the test practice", "items": [\#(items.joined(separator: ","))]}"#
            // act
            let title = try await QuestionnaireQueries.importFromCommandLine(Data(wording.utf8), on: context.app)
            let after = try await nurse.get(SitePath.newQuestionnaireResponse(patient.id, "dn4"))
            let saved = try await nurse.post(SitePath.questionnaireResponses(patient.id, "dn4"),
                                             pairs: (1...10).map { ("dn4-\($0)", $0 <= 4 ? "1" : "0") })
            // check
            #expect(before.text.contains("1. Item 1") && !before.text.contains("Licensed question"))
            #expect(title == "DN4 (neuropathic pain)")
            #expect(after.text.contains("1. Licensed question 1") && after.text.contains("© Licensed to the test practice"))
            #expect(saved.status == .seeOther)
            let response = try #require(try await QuestionnaireResponse.query(on: context.app.db).first())
            #expect(response.score == 4 && response.band == "positive")
            #expect(try await context.auditEvents(.wordingImport).count == 1)
        }
    }
}

extension QuestionnairesTests {
    @Test func storedAnswersAreTheJSONAnEncoderWouldWrite() throws {
        // setup
        let answers: QuestionnaireAnswers = ["phq-9-2": 3, "phq-9-1": 0, "odd\"key\\": 1]
        // act
        let written = QuestionnaireResponse.json(answers)
        // check
        #expect(written == (try JSONCoding.encode(answers)))
        #expect(try JSONCoding.decode(QuestionnaireAnswers.self, written) == answers)
    }
}

extension QuestionnairesTests {
    @Test(arguments: TestDatabase.available)
    func aPracticeDifferenceReplacesTheDefaultAndAStaleSaveConflicts(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: pain 7 → 5 is "improved" against the default 2
            let patient = try await context.makePatient()
            let physician = try await context.signedIn(.physician)
            let pain = SitePath.questionnaireResponses(patient.id, "pain-intensity")
            try await physician.get(SitePath.newQuestionnaireResponse(patient.id, "pain-intensity"))
            try await physician.post(pain, pairs: [("pain-intensity-1", "7"), (QuestionnaireSubmission.completedOnField, "10/01/2026")])
            try await physician.post(pain, pairs: [("pain-intensity-1", "5")])
            let before = try await physician.get(SitePath.questionnaires(patient.id))
            let form = try await physician.get(SitePath.clinicalSettings())
            // act
            let bad = try await physician.post(SitePath.clinicalSettings(), pairs: [("version", "1"), ("mid.pain-intensity", "eleven")])
            let saved = try await physician.post(SitePath.clinicalSettings(), pairs: [("version", "1"), ("mid.pain-intensity", "3")])
            let stale = try await physician.post(SitePath.clinicalSettings(), pairs: [("version", "1"), ("mid.pain-intensity", "4")])
            let after = try await physician.get(SitePath.questionnaires(patient.id))
            // check
            #expect(before.text.contains("-2 since 10/01/2026: improved"))
            #expect(form.text.contains("Default 2") && form.text.contains("verify against current guideline"))
            #expect(bad.status == .unprocessableEntity && bad.text.contains("Enter a number from 0.1 to 10."))
            #expect(saved.status == .seeOther)
            #expect(stale.status == .conflict && stale.text.contains("value=\"4\""))
            #expect(after.text.contains("-2 since 10/01/2026: within the minimal important difference"))
            #expect(after.text.contains("Minimal important difference 3 (practice setting)"))
            #expect(try await context.auditEvents(.settingsUpdate).count == 1)
        }
    }
}
