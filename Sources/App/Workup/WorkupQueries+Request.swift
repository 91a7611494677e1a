import Foundation
import Vapor

extension WorkupQueries {
    /// The patient and the order the route's `:patient` and `:order` name, or 404; for pages and the API.
    static func order(_ req: Request) async throws -> (PatientRecord, WorkupRecord) {
        let patient = try await PatientQueries.patient(req)
        guard let id = req.id(.order), let record = try await find(id, patientID: patient.id, on: req.db) else {
            throw Abort(.notFound, reason: "No such order.")
        }
        return (patient, record)
    }
}
