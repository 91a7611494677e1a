import Foundation
import ReliefCore
import Vapor

/// Patient create and update through FHIR: the registration's own checks, its duplicate check, its audit.
extension FHIRWriteController {
    static func createPatient(req: Request) async throws -> Response {
        try FHIRController.acceptsJSON(req)
        var reader = FHIRResourceReader(try body(req), as: .patient, id: nil)
        let registration = try checked(FHIRPatient.registration(&reader, base: PatientRegistration(), mrn: nil), &reader, req)
        if req.headers.first(name: FHIRServer.confirmDuplicateHeader)?.lowercased() != "true" {
            let duplicates = try await PatientQueries.possibleDuplicates(of: registration, on: req.db)
            if !duplicates.isEmpty {
                let named = duplicates.map { "Patient/\($0.patient.id.lowercasedText) (\($0.reasons.map(\.text).joined(separator: ", ")))" }.joined(separator: "; ")
                throw Abort(.conflict, reason: "Likely a patient registered already: \(named). Send \(FHIRServer.confirmDuplicateHeader): true to register another.")
            }
        }
        let patient = try await PatientQueries.register(req, registration)
        return answer(patient.fhirResource, type: .patient, id: patient.id.lowercasedText, version: patient.version, updated: patient.updatedAt,
                      reader.issues, status: .created, req)
    }

    static func updatePatient(req: Request) async throws -> Response {
        try FHIRController.acceptsJSON(req)
        let version = try expectedVersion(req)
        guard let id = req.id(.patient), let patient = try await PatientQueries.find(id, on: req.db) else {
            throw Abort(.notFound, reason: "No Patient with this id; Relief gives ids on create.")
        }
        var reader = FHIRResourceReader(try body(req), as: .patient, id: req.text(.patient))
        let registration = try checked(FHIRPatient.registration(&reader, base: patient.registration, mrn: patient.mrn), &reader, req)
        switch try await PatientQueries.save(req, id, from: version, registration) {
        case .saved(let saved, _):
            return answer(saved.fhirResource, type: .patient, id: id.lowercasedText, version: saved.version, updated: saved.updatedAt,
                          reader.issues, status: .ok, req)
        case .notFound: throw Abort(.notFound, reason: "No Patient with this id.")
        case .conflict: throw Abort(.preconditionFailed, reason: "This Patient changed since version \(version); read it again.")
        }
    }

    /// The registration read, with the form's checks; 422 with every issue at its element.
    private static func checked(_ registration: PatientRegistration, _ reader: inout FHIRResourceReader, _ req: Request) throws -> PatientRegistration {
        guard reader.errors.isEmpty else { throw FHIRFailure(reader.errors) }
        let problems = registration.problems(today: req.today).sorted { $0.key.rawValue < $1.key.rawValue }
        guard problems.isEmpty else {
            throw FHIRFailure(problems.map { FHIRIssue("Patient.\(FHIRPatient.expressions[$0.key] ?? $0.key.rawValue)", $0.value) })
        }
        return registration
    }
}
