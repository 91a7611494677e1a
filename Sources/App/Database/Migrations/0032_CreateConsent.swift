import Fluent
import SQLKit

/// Informed consents and their files (a drawn signature, a scanned paper). What the patient was asked to agree to
/// never changes once prepared; the patient's answer never changes once given; the co-signature never changes once
/// made; a withdrawn or declined consent never changes again; nothing is removed. Triggers hold this on both databases.
struct CreateConsent: AsyncMigration {
    static let prepared = ["patient_id", "plan_id", "intervention", "region", "levels", "side", "planned_on", "valid_until", "sessions",
                           "title", "document", "catalogue_version", "prepared_at", "prepared_by"]
    static let answer = ["answered_at", "answer_recorded_by", "signer", "signer_name", "relationship", "witness", "signature_method"]
    static let cosignature = ["cosigned_at", "cosigned_by"]

    func prepare(on database: any Database) async throws {
        try await database.schema("consents")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("plan_id", .uuid)
            .field("status", .string, .required)
            .field("intervention", .string, .required)
            .field("region", .string, .required)
            .field("levels", .string, .required)
            .field("side", .string, .required)
            .field("planned_on", .string, .required)
            .field("valid_until", .string, .required)
            .field("sessions", .int, .required)
            .field("title", .string, .required)
            .field("document", .string, .required)
            .field("catalogue_version", .string, .required)
            .field("prepared_at", .datetime, .required)
            .field("prepared_by", .uuid, .required, .references("users", "id"))
            .field("answered_at", .datetime)
            .field("answer_recorded_by", .uuid, .references("users", "id"))
            .field("signer", .string)
            .field("signer_name", .string)
            .field("relationship", .string)
            .field("witness", .string)
            .field("signature_method", .string)
            .field("cosigned_at", .datetime)
            .field("cosigned_by", .uuid, .references("users", "id"))
            .field("withdrawn_at", .datetime)
            .field("withdrawn_by", .uuid, .references("users", "id"))
            .field("reason", .string)
            .field("version", .int, .required)
            .create()
        try await database.schema("consent_files")
            .id()
            .field("consent_id", .uuid, .required, .references("consents", "id"))
            .field("kind", .string, .required)
            .field("media_type", .string, .required)
            .field("bytes", .data, .required)
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid, .required, .references("users", "id"))
            .unique(on: "consent_id", "kind")
            .create()
        let sql = database.sql
        try await sql.createIndex("consents_patient", on: "consents", columns: ["patient_id", "prepared_at"])
        try await sql.refuse("UPDATE", on: "consents", when: sql.anyChanged(Self.prepared), name: "consents_keep_prepared",
                             message: "a consent keeps the text the patient was asked to agree to")
        try await sql.refuse("UPDATE", on: "consents", when: "OLD.status <> 'proposed' AND \(sql.anyChanged(Self.answer))", name: "consents_keep_answer",
                             message: "the answer of the patient to a consent is kept as given")
        try await sql.refuse("UPDATE", on: "consents", when: "OLD.cosigned_at IS NOT NULL AND \(sql.anyChanged(Self.cosignature))",
                             name: "consents_keep_cosignature", message: "the co-signature of a consent is kept as made")
        try await sql.refuse("UPDATE", on: "consents", when: "OLD.status IN ('declined', 'withdrawn')", name: "consents_closed",
                             message: "a declined or withdrawn consent no longer changes")
        try await sql.refuse("DELETE", on: "consents", name: "consents_no_delete", message: "consents are never removed")
        for operation in ["UPDATE", "DELETE"] {
            try await sql.refuse(operation, on: "consent_files", name: "consent_files_no_\(operation.lowercased())",
                                 message: "the signature and scan of a consent are kept as received")
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("consent_files").delete()
        try await database.schema("consents").delete()
        for name in ["consents_keep_prepared", "consents_keep_answer", "consents_keep_cosignature", "consents_closed", "consents_no_delete",
                     "consent_files_no_update", "consent_files_no_delete"] { try await database.sql.dropRefusal(name) }
    }
}
