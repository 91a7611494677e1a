import Fluent
import SQLKit

/// Registration looks for a likely duplicate by e-mail as typed in any case (`LikelyDuplicate`); an index on the
/// lower-cased address keeps that a lookup, not a scan of every patient. Expression indexes read the same on both
/// databases, which the schema builder cannot express.
struct UpdatePatientEmailIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql.raw("CREATE INDEX patients_email_lower ON patients (LOWER(email))").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "patients_email_lower").run()
    }
}
