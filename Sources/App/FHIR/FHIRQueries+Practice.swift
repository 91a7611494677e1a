import Fluent
import Foundation
import ReliefCore
import SQLKit

/// The practice's own resources — who it is, its staff, rooms and cohorts — read from its settings and accounts.
extension FHIRQueries {
    /// The practice's Organization id, once the practice is named.
    static func practiceOrganization(on database: any Database) async throws -> String? {
        try await PracticeSettings.stored(PracticeSettings.profile, as: [String: String].self, on: database).flatMap { PracticeProfile(stored: $0.value).isEmpty ? nil : FHIROrganization.id }
    }

    /// The practice's own resources of a type: who it is, the staff who see patients, the rooms.
    static func practiceRecords(_ type: FHIRResourceType, on database: any Database) async throws -> [FHIRRecord] {
        switch type {
        case .practitioner:
            let staff = try await User.query(on: database).filter(\.$role !~ [Role.admin.rawValue, Role.patient.rawValue]).all()
            return try staff.map { user in
                FHIRPractitioner.record(id: try user.requireID(), name: user.name, role: Role(rawValue: user.role) ?? .nurse, active: user.disabledAt == nil,
                                        version: user.version, updated: user.updatedAt ?? user.createdAt ?? Date(timeIntervalSince1970: 0))
            }.sorted { $0.id < $1.id }
        case .organization:
            guard let (profile, version, updated) = try await PracticeSettings.stored(PracticeSettings.profile, as: [String: String].self, on: database).map({
                (PracticeProfile(stored: $0.value), $0.version, $0.updated) }), !profile.isEmpty else { return [] }
            return [FHIROrganization.record(profile, version: version, updated: updated)]
        case .location:
            guard let (settings, version, updated) = try await PracticeSettings.stored(PracticeSettings.schedule, as: ScheduleSettings.self, on: database) else { return [] }
            let organization = try await practiceOrganization(on: database)
            // A room's id is the practice's own; one that is not a FHIR id is left out rather than renamed.
            return settings.rooms.filter { FHIR.isID($0.id) }
                .map { FHIRLocation.record($0, version: version, updated: updated, organization: organization) }.sorted { $0.id < $1.id }
        case .group:
            struct Row: Decodable { let intervention: String, members: Int, updated: Date? }
            let counts = try await database.sql.raw("""
                SELECT intervention, COUNT(DISTINCT patient_id) AS members, MAX(signed_at) AS updated FROM procedure_records WHERE status = 'signed'
                GROUP BY intervention
                """).all(decoding: Row.self)
            let byIntervention = Dictionary(counts.map { ($0.intervention, $0) }, uniquingKeysWith: { first, _ in first })
            // A procedure nobody has had here is no cohort yet.
            return FHIRGroup.interventions.compactMap { intervention in
                byIntervention[intervention.id].map { FHIRGroup.record(intervention, members: $0.members, updated: $0.updated ?? Date(timeIntervalSince1970: 0)) }
            }.sorted { $0.id < $1.id }
        case .questionnaire:
            let (definitions, version, updated) = try await QuestionnaireQueries.definitionsWithVersion(on: database)
            return definitions.map { FHIRQuestionnaire.record($0, version: version, updated: updated) }.sorted { $0.id < $1.id }
        default: return []
        }
    }
}
