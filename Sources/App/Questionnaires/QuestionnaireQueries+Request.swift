import Foundation
import ReliefCore
import Vapor

extension QuestionnaireQueries {
    /// The patient and the questionnaire the route's `:patient` and `:questionnaire` name, or 404.
    static func questionnaire(_ req: Request) async throws -> (PatientRecord, QuestionnaireDefinition) {
        let patient = try await PatientQueries.patient(req)
        guard let id = req.text(.questionnaire), let definition = try await definition(id, on: req.db) else {
            throw Abort(.notFound, reason: "No such questionnaire.")
        }
        return (patient, definition)
    }

    /// The patient and the response the route's `:patient` and `:response` name, or 404; `current` leaves out one
    /// entered in error (the API's), where the page shows it marked.
    static func response(_ req: Request, current: Bool) async throws -> (PatientRecord, QuestionnaireResponse, QuestionnaireDefinition) {
        let patient = try await PatientQueries.patient(req)
        guard let id = req.id(.response), let response = try await find(id, patientID: patient.id, on: req.db),
              !current || response.deletedAt == nil,
              let definition = try await definition(response.questionnaire, on: req.db) else {
            throw Abort(.notFound, reason: "No such questionnaire response.")
        }
        return (patient, response, definition)
    }
}
