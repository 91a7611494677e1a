import Fluent
import SQLKit

/// A personal API token may be limited to reading: a script that only reads (a registry's FHIR client) cannot change
/// anything even if its token leaks. Existing tokens keep their full reach.
struct UpdateAPITokenReadOnly: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("api_tokens").field("read_only", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("api_tokens").deleteField("read_only").update()
    }
}
