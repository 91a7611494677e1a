import Foundation
import Vapor

extension EvaluationQueries {
    /// The patient and the note the route's `:patient` and `:evaluation` name, or 404; for pages and the API.
    static func evaluation(_ req: Request) async throws -> (PatientRecord, Evaluation) {
        let patient = try await PatientQueries.patient(req)
        guard let id = req.id(.evaluation), let evaluation = try await find(id, patientID: patient.id, on: req.db) else {
            throw Abort(.notFound, reason: "No such evaluation.")
        }
        return (patient, evaluation)
    }
}
