import Fluent
import SQLKit

/// Who acknowledged an open alert or a result awaiting review in the inbox, when, and what they are doing about it:
/// one row per item, never changed (a FHIR Task, completed). The item stays open until a physician resolves or
/// reviews it. Partial indexes let every page count the inbox's open items without reading closed ones.
struct CreateInboxAcknowledgement: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("inbox_acknowledgements")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("item_type", .string, .required)
            .field("item_id", .uuid, .required)
            .field("note", .string, .required)
            .field("acknowledged_at", .datetime, .required)
            .field("acknowledged_by", .uuid, .required, .references("users", "id"))
            .unique(on: "item_id", name: "inbox_acknowledgements_item")
            .create()
        let sql = database.sql
        for operation in ["UPDATE", "DELETE"] {
            try await sql.refuse(operation, on: "inbox_acknowledgements", name: "inbox_acknowledgements_no_\(operation.lowercased())",
                                 message: "acknowledgements are append-only")
        }
        try await sql.raw("CREATE INDEX chart_alerts_open ON chart_alerts (raised_at) WHERE resolved_at IS NULL").run()
        try await sql.raw("CREATE INDEX workup_orders_resulted ON workup_orders (resulted_on) WHERE status = 'resulted'").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        try await sql.drop(index: "workup_orders_resulted").run()
        try await sql.drop(index: "chart_alerts_open").run()
        try await database.schema("inbox_acknowledgements").delete()
        for operation in ["update", "delete"] { try await sql.dropRefusal("inbox_acknowledgements_no_\(operation)") }
    }
}
