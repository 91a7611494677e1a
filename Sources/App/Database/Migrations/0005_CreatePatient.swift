import Fluent

struct CreatePatient: AsyncMigration {
    static let optionalText = [
        "middle_name", "preferred_name", "gender_identity", "phone", "email", "address_line1", "address_line2",
        "city", "state", "postal_code", "preferred_language", "emergency_name", "emergency_relationship",
        "emergency_phone", "primary_care_name", "primary_care_practice", "primary_care_phone", "referring_name",
        "referring_practice", "referring_phone", "occupation", "phone_digits",
    ]

    func prepare(on database: any Database) async throws {
        var schema = database.schema("patients")
            .id()
            .field("mrn", .string, .required)
            .field("family_name", .string, .required)
            .field("given_name", .string, .required)
            .field("birth_date", .string, .required)
            .field("sex_at_birth", .string, .required)
            .field("family_key", .string, .required)
            .field("given_key", .string, .required)
            .field("version", .int, .required)
            .field("created_by", .uuid, .references("users", "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("deleted_at", .datetime)
            .unique(on: "mrn")
        for column in Self.optionalText {
            schema = schema.field(.definition(name: .key(.init(stringLiteral: column)), dataType: .string, constraints: []))
        }
        try await schema.create()
        let sql = database.sql
        // Search is by prefix of a folded name, date of birth or phone: each has an index in the order results
        // are listed, so a search reads only the rows it shows (PatientQueries.search).
        try await sql.createIndex("patients_family_key", on: "patients", columns: ["family_key", "given_key", "birth_date"])
        try await sql.createIndex("patients_given_key", on: "patients", columns: ["given_key", "family_key", "birth_date"])
        try await sql.createIndex("patients_birth_date", on: "patients", columns: ["birth_date", "family_key", "given_key"])
        try await sql.createIndex("patients_phone_digits", on: "patients", columns: ["phone_digits"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("patients").delete()
    }
}
