import Fluent
import SQLKit

/// What each imported record was called where it came from (an identifier, or the bundle's `urn:uuid:` full URL), so
/// importing the same data again finds it rather than adding it twice. Never removed: it is also where a record came from.
struct CreateFHIRIdentity: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("fhir_identities")
            .id()
            .field("system", .string, .required)
            .field("value", .string, .required)
            .field("resource_type", .string, .required)
            .field("record_id", .uuid, .required)
            .field("patient_id", .uuid, .references("patients", "id"))
            .field("imported_at", .datetime, .required)
            .field("imported_by", .uuid, .required, .references("users", "id"))
            .unique(on: "system", "value", "resource_type")
            .create()
        try await database.sql.refuse("DELETE", on: "fhir_identities", name: "fhir_identities_no_delete", message: "where a record came from is never removed")
    }

    func revert(on database: any Database) async throws {
        try await database.sql.dropRefusal("fhir_identities_no_delete")
        try await database.schema("fhir_identities").delete()
    }
}
