import Fluent
import SQLKit

/// `chart_versions`: a counter per patient that the database itself counts up on every change to what the chart
/// shows, so a cached chart is known to be current from one small read (docs/design.md, "The chart cache"). A narrow
/// table of its own, not a column of `patients`: rewriting the wide patient row on every clinical insert made loading
/// the demo practice a quarter slower.
struct CreateChartVersion: AsyncMigration {
    /// The tables the chart reads. A later table on the chart needs its own migration adding the trigger.
    static let tables = ["encounters", "evaluations", "chart_alerts", "chart_entries", "instrument_responses", "workup_orders"]

    func prepare(on database: any Database) async throws {
        try await database.schema("chart_versions")
            .field("patient_id", .uuid, .identifier(auto: false), .references("patients", "id"))
            .field("version", .int, .required)
            .create()
        if database.isPostgres {
            try await database.sql.raw("""
                CREATE FUNCTION relief_count_chart_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO chart_versions (patient_id, version) VALUES (NEW.patient_id, 1)
                    ON CONFLICT (patient_id) DO UPDATE SET version = chart_versions.version + 1;
                    RETURN NULL;
                END $$
                """).run()
        }
        for table in Self.tables { try await database.sql.countChartVersion(on: table) }
    }

    func revert(on database: any Database) async throws {
        for table in Self.tables {
            if database.isPostgres {
                try await database.sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_chart_version ON \(unsafeRaw: table)").run()
            } else {
                for operation in ["insert", "update"] {
                    try await database.sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_chart_version_\(unsafeRaw: operation)").run()
                }
            }
        }
        if database.isPostgres { try await database.sql.raw("DROP FUNCTION IF EXISTS relief_count_chart_version()").run() }
        try await database.schema("chart_versions").delete()
    }
}
