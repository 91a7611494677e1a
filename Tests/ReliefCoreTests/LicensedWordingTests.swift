import Foundation
import Testing
@testable import ReliefCore

@Suite struct LicensedWordingTests {
    private func file(_ questionnaire: String = "odi", items: Int = 10, values: [Int] = Array(0...5), copyright: String = "© Owner") -> Data {
        let itemList = (1...items).map { index in
            let options = values.map { #"{"value": \#($0), "text": "Option \#($0)"}"# }.joined(separator: ",")
            return #"{"linkId": "\#(questionnaire)-\#(index)", "text": "Section \#(index)", "options": [\#(options)]}"#
        }.joined(separator: ",")
        return Data(#"{"questionnaire": "\#(questionnaire)", "copyright": "\#(copyright)", "items": [\#(itemList)]}"#.utf8)
    }

    @Test func matchingWordingIsAppliedWithoutChangingTheScoring() throws {
        // act
        let wording = try LicensedWording.read(file())
        let worded = QuestionnaireCatalogue.oswestry.applying(wording)
        // check
        #expect(worded.items.map(\.text) == (1...10).map { "Section \($0)" })
        #expect(worded.items[0].options.map(\.value) == Array(0...5))
        #expect(worded.attribution.hasSuffix("© Owner"))
        #expect(try QuestionnaireScorer.score(worded, ["odi-1": 5]).score == 100)
    }

    @Test func wordingThatDoesNotMatchTheScoringIsRefused() {
        // check
        #expect(throws: LicensedWording.Problem.unknownQuestionnaire("xyz")) { try LicensedWording.read(file("xyz")) }
        #expect(throws: LicensedWording.Problem.wordingShipped("phq-9")) { try LicensedWording.read(file("phq-9", items: 9, values: [0, 1, 2, 3])) }
        #expect(throws: LicensedWording.Problem.itemMismatch(missing: ["odi-10"], unexpected: [])) { try LicensedWording.read(file(items: 9)) }
        #expect(throws: LicensedWording.Problem.optionMismatch(linkId: "odi-1", expected: Array(0...5), found: Array(0...4))) {
            try LicensedWording.read(file(values: Array(0...4)))
        }
        #expect(throws: LicensedWording.Problem.missingCopyright) { try LicensedWording.read(file(copyright: " ")) }
        #expect(throws: LicensedWording.Problem.self) { try LicensedWording.read(Data("not json".utf8)) }
    }
}
