import Foundation
import Testing
@testable import ReliefCore

private let questionnaires = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/fhir/questionnaires")

/// FHIR Questionnaires imported as instruments: the published PHQ-9 and GAD-7 score as Relief's own do, SDC's
/// features are honoured, and what is not supported is said.
@Suite struct FHIRQuestionnaireImportTests {
    private func imported(_ file: String) throws -> (ImportedQuestionnaire, [FHIRIssue]) {
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: questionnaires.appendingPathComponent(file)))
        let (read, issues) = FHIRQuestionnaire.importing(json, taken: Set(QuestionnaireCatalogue.all.map(\.id)))
        return (try #require(read, "\(issues)"), issues)
    }

    /// Every answer vector of `count` items over 0–3 that a seeded walk reaches, plus all lowest and all highest.
    private func answerSets(_ count: Int) -> [[Int]] {
        var state: UInt64 = 2026
        let walked = (0..<200).map { _ in
            (0..<count).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int(state >> 62)
            }
        }
        return [Array(repeating: 0, count: count), Array(repeating: 3, count: count)] + walked
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: questionnaires.path)),
          arguments: [("PHQ-9.lhc-forms.R4.json", "phq-9"), ("PHQ-9.stanford-researchkitonfhir.json", "phq-9"), ("GAD-7.stanford-researchkitonfhir.json", "gad-7")])
    func aPublishedQuestionnaireScoresAsReliefsOwn(file: String, builtIn: String) throws {
        // setup
        let definition = try imported(file).0.definition
        let own = try #require(QuestionnaireCatalogue.definition(builtIn))
        let scored = definition.items.filter(\.scored)
        // act
        let pairs = try answerSets(own.items.count).map { values in
            let mine = Dictionary(uniqueKeysWithValues: zip(own.items.map(\.linkId), values))
            let theirs = Dictionary(uniqueKeysWithValues: zip(scored.map(\.linkId), values))
            return (try QuestionnaireScorer.score(own, mine), try QuestionnaireScorer.score(definition, theirs))
        }
        // check
        #expect(scored.count == own.items.count)
        #expect(pairs.allSatisfy { $0.0.score == $0.1.score }, "\(pairs.first { $0.0.score != $0.1.score }.map { "\($0.0.score) vs \($0.1.score)" } ?? "")")
        #expect(definition.scoreRange == own.scoreRange)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: questionnaires.path)))
    func theLOINCCodedPHQ9KeepsItsTotalCodeItsSafetyAlertAndItsUncountedQuestion() throws {
        // act
        let (phq9, issues) = try imported("PHQ-9.lhc-forms.R4.json")
        let definition = phq9.definition
        let positive = try QuestionnaireScorer.score(definition, Dictionary(uniqueKeysWithValues: definition.items.filter(\.scored).map { ($0.linkId, 1) }))
        // check
        #expect(definition.loinc == "44261-6" && phq9.safetyItems == ["/44260-8"])
        #expect(positive.score == 9 && positive.alerts.map(\.linkId) == ["/44260-8"])
        let difficulty = try #require(definition.item("/69722-7"))
        #expect(!difficulty.scored && !difficulty.required && difficulty.options.count == 4)
        #expect(issues.allSatisfy { $0.severity == .warning } && issues.contains { $0.message.contains("itemControl is not supported") })
    }

    @Test func sdcFeaturesAreHonouredAndTheRestListed() throws {
        // setup
        let yesNo: JSONValue = [
            ["valueCoding": ["code": "n", "display": "No"], "extension": [["url": .string(FHIRQuestionnaire.itemWeight), "valueDecimal": 0]]],
            ["valueCoding": ["code": "y", "display": "Yes"], "extension": [["url": .string(FHIRQuestionnaire.itemWeight), "valueDecimal": 2]]],
        ]
        let json: JSONValue = ["resourceType": "Questionnaire", "url": "https://example.org/q/back", "version": "2", "title": "Back screen", "status": "active",
                               "item": [
                                   ["linkId": "g", "type": "group", "text": "About your back", "item": [
                                       ["linkId": "pain", "type": "choice", "required": true, "text": "Pain in the leg?", "answerOption": yesNo,
                                        "initial": [["valueCoding": ["code": "n"]]]],
                                       ["linkId": "below-knee", "type": "choice", "text": "Below the knee?", "answerOption": yesNo,
                                        "enableWhen": [["question": "pain", "operator": "=", "answerCoding": ["code": "y"]]]],
                                   ]],
                                   ["linkId": "note", "type": "display", "text": "Thank you."],
                                   ["linkId": "free", "type": "string", "text": "Anything else?"],
                                   ["linkId": "weight", "type": "decimal", "text": "Your weight"],
                               ]]
        // act
        let (read, issues) = FHIRQuestionnaire.importing(json, taken: [])
        let definition = try #require(read?.definition)
        let withoutPain = try QuestionnaireScorer.score(definition, ["pain": 0])
        let withPain = try QuestionnaireScorer.score(definition, ["pain": 2, "below-knee": 2])
        // check
        #expect(definition.id == "back-screen" && definition.canonical == "https://example.org/q/back|2")
        #expect(definition.instructions == "About your back\n\nThank you." && definition.initialFields["pain"] == "0")
        #expect(withoutPain.score == 0 && withPain.score == 4 && definition.scoreRange == 0...4)
        #expect(definition.condition(of: definition.items[1]) == "Answer only if question 1 is “Yes”.")
        #expect(issues.map(\.expression) == ["Questionnaire.item[2]", "Questionnaire.item[3]", "Questionnaire.item"] && issues.allSatisfy { $0.severity == .warning },
                "a number asked (not a calculated total) is left out and said so")
        let submitted = QuestionnaireSubmission.parse(definition, FormFields([("pain", "0"), ("below-knee", "2")]), today: CalendarDate("2026-11-18")!)
        #expect(submitted.0?.answers == ["pain": 0], "an answer to a question not asked is dropped")
    }

    @Test func answersRelieCannotTellApartOrScoreAreRefused() {
        // setup
        func question(_ weights: [Double]) -> JSONValue {
            ["resourceType": "Questionnaire", "title": "Q", "item": [["linkId": "a", "type": "choice", "answerOption": .array(weights.enumerated().map { index, weight in
                ["valueCoding": ["code": .string(String(index))], "extension": [["url": .string(FHIRQuestionnaire.ordinalValue), "valueDecimal": .number(weight)]]]
            })]]]
        }
        // act
        let fractional = FHIRQuestionnaire.importing(question([0, 0.5]), taken: [])
        let same = FHIRQuestionnaire.importing(question([1, 1]), taken: [])
        let unscored = FHIRQuestionnaire.importing(["resourceType": "Questionnaire", "item": [["linkId": "a", "type": "string"]]], taken: [])
        // check
        #expect(fractional.0 == nil && fractional.1.contains { $0.severity == .error && $0.message.contains("whole ordinal values") })
        #expect(same.0 == nil && same.1.contains { $0.message.contains("same ordinal value") })
        #expect(unscored.0 == nil && unscored.1.last?.message.contains("could not score") == true)
    }

    @Test func aServedQuestionnaireLeavesALicensedOnesWordingOut() throws {
        // act
        let licensed = FHIRQuestionnaire.record(QuestionnaireCatalogue.oswestry, version: 1, updated: Date()).resource
        let shipped = FHIRQuestionnaire.record(QuestionnaireCatalogue.phq9, version: 1, updated: Date()).resource
        // check
        let items = licensed.object?["item"]?.array ?? []
        #expect(items.dropLast().allSatisfy { $0.object?["text"] == nil } && licensed.object?["description"] == nil)
        #expect(shipped.object?["item"]?.array?.first?.object?["text"] != nil && shipped.object?["url"] == "urn:relief:questionnaire:phq-9")
    }
}
