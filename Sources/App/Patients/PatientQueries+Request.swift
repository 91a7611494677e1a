import Foundation
import ReliefCore
import Vapor

/// The registry's work as a request does it, audited under the signed-in user: the one path pages and the API take
/// to find, search, register and change patients.
extension PatientQueries {
    /// The typed search, `q`.
    static func searchText(_ req: Request) -> String {
        req.queryText("q")?.trimmingCharacters(in: .whitespaces) ?? ""
    }

    /// The search behind the list and the API, audited: the patients found — one more than a page, so a caller can
    /// tell there are more — or, for text that cannot search (no `query`), the recently registered.
    static func search(_ req: Request, text: String, query: PatientSearchQuery?) async throws -> [PatientSummary] {
        let patients = if let query {
            try await search(query, on: req.db, limit: searchLimit + 1)
        } else {
            try await recent(on: req.db)
        }
        try await req.audit(AuditEntry(action: .patientSearch, resourceType: "Patient",
                                       detail: text.isEmpty ? "recent" : "q=\(text.prefix(100)) results=\(patients.count)"))
        return patients
    }

    /// Registers a validated patient with its audit row; for the form and the API.
    static func register(_ req: Request, _ registration: PatientRegistration) async throws -> PatientRecord {
        try await create(registration, by: try req.user.id, now: req.now, on: req.db) { patient, database in
            try await req.audit(AuditEntry(action: .patientCreate, resourceType: "Patient", resourceID: patient.id.uuidString,
                                           patientID: patient.id, detail: "MRN \(patient.mrn)"), on: database)
        }
    }

    /// Saves a validated registration over `version`, audited; a conflict is audited too.
    static func save(_ req: Request, _ id: UUID, from version: Int, _ registration: PatientRegistration) async throws -> UpdateOutcome {
        let outcome = try await update(id, from: version, to: registration, by: try req.user.id,
                                                      now: req.now, on: req.db) { saved, changed, database in
            try await req.audit(AuditEntry(action: .patientUpdate, resourceType: "Patient", resourceID: saved.id.uuidString,
                                           patientID: saved.id, detail: "changed: \(changed.map(\.rawValue).joined(separator: ","))"),
                                on: database)
        }
        if case .conflict(let current, _, _, _) = outcome {
            try await req.audit(AuditEntry(action: .patientUpdateConflict, resourceType: "Patient", resourceID: current.id.uuidString,
                                           patientID: current.id, outcome: .failure))
        }
        return outcome
    }

    /// The patient the route's `:patient` names, or 404; for every chart route, page and API.
    static func patient(_ req: Request) async throws -> PatientRecord {
        guard let id = req.id(.patient), let patient = try await find(id, on: req.db) else {
            throw Abort(.notFound, reason: "No such patient.")
        }
        return patient
    }
}
