import Fluent

struct CreateWorkupOrder: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("workup_orders")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("test", .string, .required)
            .field("status", .string, .required)
            .field("ordered_on", .string, .required)
            .field("scheduled_for", .string)
            // `WorkupOrder` and `WorkupResult` as JSON.
            .field("request", .string, .required)
            .field("result", .string)
            .field("resulted_on", .string)
            .field("reviewed_at", .datetime)
            .field("reviewed_by", .uuid, .references("users", "id"))
            .field("review_comment", .string)
            .field("cancel_reason", .string)
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid, .references("users", "id"))
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid, .references("users", "id"))
            .field("version", .int, .required)
            .create()
        let sql = database.sql
        try await sql.createIndex("workup_orders_patient", on: "workup_orders", columns: ["patient_id", "ordered_on"])
        try await sql.createIndex("workup_orders_status", on: "workup_orders", columns: ["status", "ordered_on"])
        try await sql.refuse("DELETE", on: "workup_orders", name: "workup_orders_no_delete", message: "work-up orders are never deleted; cancel them")
        // A reviewed result is signed; a cancelled order is closed.
        try await sql.refuse("UPDATE", on: "workup_orders", when: "OLD.status IN ('reviewed', 'cancelled')", name: "workup_orders_closed",
                             message: "a reviewed or cancelled work-up order cannot change")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("workup_orders").delete()
        for name in ["workup_orders_no_delete", "workup_orders_closed"] { try await database.sql.dropRefusal(name) }
    }
}
