import Fluent
import Foundation
import ReliefCore

// @unchecked Sendable: Fluent models are mutable reference types by design; each lives within one request.

/// A completed questionnaire (FHIR QuestionnaireResponse) with the score the engine computed from it. Never
/// changed once saved (a trigger refuses it); a wrong one is marked entered in error.
final class QuestionnaireResponse: Model, @unchecked Sendable {
    static let schema = "instrument_responses"

    enum EnteredVia: String {
        /// Typed by the signed-in user, from a paper form or an interview.
        case staff
        /// Answered by the patient on a tablet.
        case kiosk
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "patient_id") var patientID: UUID
    @Field(key: "instrument") var questionnaire: String
    @Field(key: "answers") var answers: String
    @Field(key: "score") var score: Double
    @OptionalField(key: "band") var band: String?
    @Field(key: "subscores") var subscores: String
    @Field(key: "answered") var answered: Int
    @Field(key: "missing") var missing: Int
    @Field(key: "completed_on") var completedOn: String
    @Field(key: "entered_via") var enteredVia: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "version") var version: Int
    @OptionalField(key: "deleted_at") var deletedAt: Date?
    @OptionalField(key: "deleted_by") var deletedBy: UUID?
    @OptionalField(key: "deleted_reason") var deletedReason: String?

    init() {}

    init(patientID: UUID, _ submission: QuestionnaireSubmission, via: EnteredVia, by user: UUID?, now: Date) throws {
        id = UUID()
        self.patientID = patientID
        questionnaire = submission.questionnaire
        answers = Self.json(submission.answers)
        score = submission.score.score
        band = submission.score.band?.id
        subscores = try JSONCoding.encode(submission.score.subscores)
        answered = submission.score.answered
        missing = submission.score.missing
        completedOn = submission.completedOn.description
        enteredVia = via.rawValue
        createdAt = now
        createdBy = user
        version = 1
    }

    /// Answers as a JSON object with sorted keys, written directly: JSONEncoder's generic path was most of the demo
    /// generator's time for hundreds of thousands of responses. Keys are item linkIds; any that needs escaping goes
    /// through the encoder.
    static func json(_ answers: QuestionnaireAnswers) -> String {
        var text = "{"
        for (key, value) in answers.sorted(by: { $0.key < $1.key }) {
            if text.utf8.count > 1 { text += "," }
            let plain = !key.utf8.contains { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }
            text += plain ? "\"" + key + "\":" : (try? JSONCoding.encode(key)).map { $0 + ":" } ?? "\"\":"
            text += String(value)
        }
        return text + "}"
    }

    func decodedAnswers() throws -> QuestionnaireAnswers { try JSONCoding.decode(QuestionnaireAnswers.self, answers) }
}
