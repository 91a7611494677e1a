import Fluent
import Foundation
import ReliefCore
import SQLKit

/// The database side of FHIR searches.
enum FHIRQueries {
    /// The patients a search finds, in id order after its cursor, one page.
    static func patients(_ search: FHIRPatientSearch, on database: any Database) async throws -> [PatientRecord] {
        var conditions: [SQLQueryString] = ["deleted_at IS NULL"]
        if let id = search.id { conditions.append("id = \(bind: id)") }
        if let after = search.after { conditions.append("id > \(bind: after)") }
        if let mrn = search.mrn { conditions.append("mrn = \(bind: mrn)") }
        if let family = search.family { conditions.append(prefix("family_key", family)) }
        if let given = search.given { conditions.append(prefix("given_key", given)) }
        if let name = search.name { conditions.append("(" + prefix("family_key", name) + " OR " + prefix("given_key", name) + ")") }
        if let sex = search.sexAtBirth { conditions.append("sex_at_birth = \(bind: sex)") }
        if let (comparison, date) = search.birthDate {
            let operators: [FHIRPatientSearch.Comparison: String] = [.eq: "=", .ne: "<>", .lt: "<", .le: "<=", .gt: ">", .ge: ">="]
            conditions.append("birth_date \(unsafeRaw: operators[comparison] ?? "=") \(bind: date.description)")
        }
        let whereClause = conditions.dropFirst().reduce(conditions[0]) { $0 + " AND " + $1 }
        return try await database.sql.raw("SELECT * FROM patients WHERE \(whereClause) ORDER BY id LIMIT \(unsafeRaw: String(search.count))")
            .all(decoding: PatientRecord.self)
    }

    /// A folded prefix as a range on the indexed key.
    private static func prefix(_ column: String, _ folded: String) -> SQLQueryString {
        "(\(unsafeRaw: column) >= \(bind: folded) AND \(unsafeRaw: column) < \(bind: SearchKey.upperBound(ofPrefix: folded)))"
    }
}

extension FHIRQueries {
    /// What a clinical search finds, in id order: the patient's records (or those of the patients `_id` names) that match.
    static func matches(_ search: FHIRSearch, on database: any Database) async throws -> [FHIRRecord] {
        if search.type == .auditEvent { return try await auditEvents(search, on: database) }
        guard search.type.isPatientScoped else { return try await practiceRecords(search.type, on: database).filter(search.matches) }
        var patients: Set<UUID> = search.patientID.map { [$0] } ?? []
        if search.patientID == nil, let ids = search.ids {
            patients = try await self.patients(of: search.type, ids: ids.prefix(FHIRSearch.maximumCount).compactMap(search.type.storedID), on: database)
        }
        return try await records(search.type, patients: Array(patients), on: database).filter(search.matches).sorted { $0.id < $1.id }
    }

    /// The Provenances whose target is one of `records` (`_revinclude=Provenance:target`).
    static func provenance(of records: [FHIRRecord], on database: any Database) async throws -> [FHIRRecord] {
        let targets = Set(records.map { "\($0.type.rawValue)/\($0.id)" })
        return try await self.records(.provenance, patients: Array(Set(records.compactMap(\.patientID))), on: database)
            .filter { ($0.tokens["target"] ?? []).contains { targets.contains($0.code) } }.sorted { $0.id < $1.id }
    }

    /// Patients by id, for `_include`.
    static func patients(ids: Set<UUID>, on database: any Database) async throws -> [PatientRecord] {
        guard !ids.isEmpty else { return [] }
        return try await database.sql.select().column("*").from("patients").where("id", .in, Array(ids)).where("deleted_at", .is, SQLLiteral.null)
            .all(decoding: PatientRecord.self)
    }
}
