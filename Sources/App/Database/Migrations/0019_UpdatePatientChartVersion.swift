import Fluent
import SQLKit

/// `patients.chart_version`: counted up by the database on every change to what the chart shows, so a cached
/// chart is known to be current from the patient row alone (docs/design.md, "The chart cache"). A column of the
/// patient row rather than a narrow table of its own: the upsert such a table needs made loading slower still.
struct UpdatePatientChartVersion: AsyncMigration {
    /// The tables the chart reads. A later table on the chart needs its own migration adding the trigger.
    static let tables = ["encounters", "evaluations", "chart_alerts", "chart_entries", "instrument_responses", "workup_orders"]

    func prepare(on database: any Database) async throws {
        try await database.schema("patients").field("chart_version", .int, .required, .sql(.default(0))).update()
        if database.isPostgres {
            try await database.sql.raw("""
                CREATE FUNCTION relief_count_chart_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN UPDATE patients SET chart_version = chart_version + 1 WHERE id = NEW.patient_id; RETURN NULL; END $$
                """).run()
        }
        for table in Self.tables { try await database.sql.countChartVersion(on: table) }
    }

    func revert(on database: any Database) async throws {
        for table in Self.tables { try await database.sql.stopCountingChartVersion(on: table) }
        if database.isPostgres { try await database.sql.raw("DROP FUNCTION IF EXISTS relief_count_chart_version()").run() }
        try await database.schema("patients").deleteField("chart_version").update()
    }
}
