import Fluent
import Foundation

// @unchecked Sendable: Fluent models are mutable reference types by design; each lives within one request.

/// A letter written from a signed note, kept exactly as printed (FHIR: a Communication whose payload is the text,
/// `about` the note). A trigger refuses changing or removing one.
final class Letter: Model, @unchecked Sendable {
    static let schema = "letters"

    @ID(key: .id) var id: UUID?
    @Field(key: "patient_id") var patientID: UUID
    @Field(key: "document_type") var documentType: String
    @Field(key: "document_id") var documentID: UUID
    @Field(key: "recipient") var recipient: String
    @Field(key: "text") var text: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by") var createdBy: UUID

    init() {}

    init(patientID: UUID, about evaluationID: UUID, recipient: String, text: String, by user: UUID, now: Date) {
        id = UUID()
        self.patientID = patientID
        documentType = "Evaluation"
        documentID = evaluationID
        self.recipient = recipient
        self.text = text
        createdAt = now
        createdBy = user
    }
}

/// Letters' database work: each written in one transaction with its audit row.
enum LetterQueries {
    static func create(_ letter: Letter, on database: any Database, audit: @escaping TransactionalAudit) async throws {
        try await database.writeTransaction { database in
            try await letter.create(on: database)
            try await audit(AuditEntry(action: .letterCreate, resourceType: "Letter", resourceID: (try letter.requireID()).uuidString,
                                       patientID: letter.patientID, detail: "from evaluation \(letter.documentID.uuidString)"), database)
        }
    }

    /// The letters written from one note, oldest first.
    static func letters(about documentID: UUID, on database: any Database) async throws -> [Letter] {
        try await Letter.query(on: database).filter(\.$documentID == documentID).sort(\.$createdAt).all()
    }

    static func find(_ id: UUID, patientID: UUID, on database: any Database) async throws -> Letter? {
        try await Letter.query(on: database).filter(\.$id == id).filter(\.$patientID == patientID).first()
    }
}
