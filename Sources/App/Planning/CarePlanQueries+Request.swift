import ReliefCore
import Vapor

extension CarePlanQueries {
    /// The patient and the plan version the route's `:patient` and `:plan` name, or 404.
    static func plan(_ req: Request) async throws -> (PatientRecord, CarePlanRecord) {
        let patient = try await PatientQueries.patient(req)
        guard let id = req.id(.plan), let record = try await find(id, patientID: patient.id, on: req.db) else {
            throw Abort(.notFound, reason: "No such treatment plan.")
        }
        return (patient, record)
    }
}
