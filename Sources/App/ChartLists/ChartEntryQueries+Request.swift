import Foundation
import ReliefCore
import Vapor

extension ChartEntryQueries {
    /// The patient and the entry of `kind` the route's `:patient` and `:entry` name, or 404; a write also finds an
    /// entry entered in error, so a change racing the retraction gets its conflict. For pages and the API.
    static func entry(_ req: Request, kind: ChartEntryKind, forWrite: Bool = false) async throws -> (PatientRecord, ChartEntry) {
        let patient = try await PatientQueries.patient(req)
        let entry = try await require(req.id(.entry), kind: kind, patientID: patient.id, forWrite: forWrite, on: req.db)
        return (patient, entry)
    }
}
