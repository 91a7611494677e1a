import Testing
@testable import ReliefCore

@Suite struct VisitLetterTests {
    private let facts = VisitLetter.Facts(recipient: "Dr. Lena Park", patientName: "Kim Miller", birthDate: "03/14/1961",
                                          visit: .newPatientEvaluation, visitDate: CalendarDate("2026-11-23")!, author: "Dr. Ana Ortiz")

    private var content: EvaluationContent {
        var content = EvaluationContent()
        content.chiefComplaint = "Low back pain into the left leg"
        content.onsetDate = PartialDate("2026-01-15")
        content.painNow = 6
        content.painWorst = 9
        content.examNotes = "Antalgic gait"
        content.provocation = [ProvocationResult(test: ProvocationTest.straightLegRaise.rawValue, side: "left", result: TestResult.positive.rawValue),
                               ProvocationResult(test: ProvocationTest.faber.rawValue, side: "left", result: TestResult.negative.rawValue)]
        content.assessment = "Left L5 radiculopathy."
        content.plan = "Transforaminal epidural steroid injection."
        return content
    }

    @Test func theDraftSaysWhatTheSignedNoteFoundInOrder() {
        // act
        let letter = VisitLetter.draft(facts, content: content)
        // check
        let paragraphs = letter.components(separatedBy: "\n\n")
        #expect(paragraphs.first == "Dear Dr. Lena Park,")
        #expect(paragraphs[1] == "Thank you for referring Kim Miller (born 03/14/1961), whom I saw on 11/23/2026 for a first evaluation.")
        #expect(paragraphs[2] == "Presenting problem: Low back pain into the left leg, for 10 months. Pain 6/10 now, 9/10 at worst.")
        #expect(paragraphs[3] == "Findings: Antalgic gait. Positive tests: Straight leg raise (left).")
        #expect(paragraphs[4] == "Assessment: Left L5 radiculopathy.")
        #expect(paragraphs[5] == "Plan: Transforaminal epidural steroid injection.")
        #expect(letter.hasSuffix("Yours sincerely,\n\nDr. Ana Ortiz"))
        #expect(!letter.contains("Red flags"))
    }

    @Test func aPartialOnsetSaysAtLeastAndAMissingReferrerIsAColleague() {
        // setup
        var facts = facts
        facts.recipient = ""
        var content = content
        content.onsetDate = PartialDate("2026-01")
        content.redFlags = [RedFlag.newPainOver50.rawValue]
        // act
        let letter = VisitLetter.draft(facts, content: content)
        // check
        #expect(letter.hasPrefix("Dear colleague,"))
        #expect(letter.contains("for at least 9 months"))
        #expect(letter.contains("Red flags: \(RedFlag.newPainOver50.title)."))
    }

    @Test func emptySectionsAreLeftOut() {
        // act
        let letter = VisitLetter.draft(facts, content: EvaluationContent())
        // check
        #expect(!letter.contains("Presenting problem") && !letter.contains("Findings") && !letter.contains("Plan:"))
        #expect(letter.count < VisitLetter.textLimit)
    }
}
