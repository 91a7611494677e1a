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
