import Fluent
import Foundation
import ReliefCore
import SQLKit

/// The practice's clinical settings, each one row of JSON with a version, so two people editing at once get a
/// conflict rather than a silent overwrite.
enum PracticeSettings {
    /// Minimal important differences by instrument (`DifferenceSettings`).
    static let differences = "instrument-differences"

    private struct Row: Decodable { let value: String; let version: Int }

    static func differences(on database: any Database) async throws -> (settings: DifferenceSettings, version: Int) {
        guard let row = try await database.sql.select().columns("value", "version").from("practice_settings")
            .where("name", .equal, differences).first(decoding: Row.self) else { return (DifferenceSettings(), 0) }
        return (DifferenceSettings(try JSONCoding.decode([String: Double].self, row.value)), row.version)
    }

    /// Saves if still at `version`; false when someone saved in between.
    static func save(_ settings: DifferenceSettings, from version: Int, by user: UUID, now: Date, on database: any Database,
                     audit: @escaping TransactionalAudit) async throws -> Bool {
        let value = try JSONCoding.encode(settings.overrides)
        return try await database.transaction { database in
            let rows = try await database.sql.update("practice_settings")
                .set("value", to: value).set("updated_at", to: now).set("updated_by", to: user)
                .set(SQLIdentifier("version"), to: SQLBinaryExpression(SQLIdentifier("version"), .add, SQLLiteral.numeric("1")))
                .where("name", .equal, differences).where("version", .equal, version)
                .returning("version").all()
            guard !rows.isEmpty else { return false }
            try await audit(AuditEntry(action: .settingsUpdate, resourceType: "PracticeSetting", resourceID: differences, detail: value), database)
            return true
        }
    }
}
