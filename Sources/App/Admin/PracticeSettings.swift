import Fluent
import Foundation
import ReliefCore
import SQLKit

/// The practice's clinical settings, each one row of JSON with a version, so two people editing at once get a
/// conflict rather than a silent overwrite.
enum PracticeSettings {
    /// Minimal important differences by questionnaire (`DifferenceSettings`).
    static let differences = "instrument-differences"
    /// The practice's choices about shipped rules (`PracticeRules`).
    static let rules = "practice-rules"
    /// The practice's decision-support criteria (`DecisionCriteria`), by criterion.
    static let criteria = "decision-criteria"
    /// The practice's fee schedule (`FeeSchedule`), cents by CPT code.
    static let fees = "fee-schedule"
    /// Payers' own criteria (`[PayerCriteria]`), by payer.
    static let payerCriteria = "payer-criteria"
    /// Rooms, appointment lengths and providers' hours (`ScheduleSettings`).
    static let schedule = "schedule"
    /// When procedures are followed up, and after how many unreached calls a follow-up is lost (`FollowUpSchedule`).
    static let followUp = "follow-up"
    /// Questionnaires the practice imported from FHIR (`[ImportedQuestionnaire]`).
    static let questionnaires = "imported-questionnaires"
    /// Who the practice is (`PracticeProfile`, as its fields).
    static let profile = "practice-profile"

    private struct Row: Decodable { let name: String; let value: String; let version: Int }

    /// Both settings with their versions, in one read (the chart needs both).
    struct Snapshot {
        var differences = DifferenceSettings()
        var differencesVersion = 0
        var rules = PracticeRules()
        var rulesVersion = 0
        var criteria = DecisionCriteria()
        var criteriaVersion = 0
        var fees = FeeSchedule()
        var feesVersion = 0
        var payersVersion = 0
        var schedule = ScheduleSettings()
        var scheduleVersion = 0
        var followUp = FollowUpSchedule()
        var followUpVersion = 0
        var questionnaires: [ImportedQuestionnaire] = []
        var questionnairesVersion = 0
        var profile = PracticeProfile()
        var profileVersion = 0

        func version(of form: SettingsController.Form) -> Int {
            switch form {
            case .differences: differencesVersion
            case .rules: rulesVersion
            case .criteria: criteriaVersion
            case .fees: feesVersion
            case .payers: payersVersion
            }
        }
    }

    static func criteria(on database: any Database) async throws -> DecisionCriteria { try await snapshot(on: database).criteria }

    static func snapshot(on database: any Database) async throws -> Snapshot {
        var snapshot = Snapshot()
        for row in try await database.sql.select().columns("name", "value", "version").from("practice_settings").all(decoding: Row.self) {
            switch row.name {
            case differences:
                snapshot.differences = DifferenceSettings(try JSONCoding.decode([String: Double].self, row.value))
                snapshot.differencesVersion = row.version
            case rules:
                snapshot.rules = try JSONCoding.decode(PracticeRules.self, row.value)
                snapshot.rulesVersion = row.version
            case criteria:
                let payers = snapshot.criteria.payers
                snapshot.criteria = DecisionCriteria(stored: try JSONCoding.decode([String: Int].self, row.value))
                snapshot.criteria.payers = payers
                snapshot.criteriaVersion = row.version
            case payerCriteria:
                snapshot.criteria.payers = try JSONCoding.decode([PayerCriteria].self, row.value)
                snapshot.payersVersion = row.version
            case fees:
                snapshot.fees = FeeSchedule(try JSONCoding.decode([String: Int].self, row.value).mapValues { Money(cents: $0) })
                snapshot.feesVersion = row.version
            case schedule:
                snapshot.schedule = try JSONCoding.decode(ScheduleSettings.self, row.value)
                snapshot.scheduleVersion = row.version
            case followUp:
                snapshot.followUp = try JSONCoding.decode(FollowUpSchedule.self, row.value)
                snapshot.followUpVersion = row.version
            case questionnaires:
                snapshot.questionnaires = try JSONCoding.decode([ImportedQuestionnaire].self, row.value)
                snapshot.questionnairesVersion = row.version
            case profile:
                snapshot.profile = PracticeProfile(stored: try JSONCoding.decode([String: String].self, row.value))
                snapshot.profileVersion = row.version
            default: continue
            }
        }
        return snapshot
    }

    /// One setting's value with its version and when it last changed (what FHIR serves as `meta`); nil when absent.
    static func stored<T: Decodable>(_ name: String, as type: T.Type, on database: any Database) async throws -> (value: T, version: Int, updated: Date)? {
        guard let row = try await database.sql.select().columns("value", "version", "updated_at").from("practice_settings")
            .where("name", .equal, name).first(decoding: StoredRow.self) else { return nil }
        return (try JSONCoding.decode(T.self, row.value), row.version, row.updated_at ?? Date(timeIntervalSince1970: 0))
    }

    private struct StoredRow: Decodable { let value: String, version: Int, updated_at: Date? }

    static func schedule(on database: any Database) async throws -> ScheduleSettings { try await snapshot(on: database).schedule }

    static func followUp(on database: any Database) async throws -> FollowUpSchedule { try await snapshot(on: database).followUp }

    static func differences(on database: any Database) async throws -> DifferenceSettings { try await snapshot(on: database).differences }

    static func rules(on database: any Database) async throws -> PracticeRules { try await snapshot(on: database).rules }

    static func workupDeadlines(on database: any Database) async throws -> WorkupDeadlines { try await rules(on: database).workupDeadlines }

    static func save(_ settings: DifferenceSettings, from version: Int, by user: UUID, now: Date, on database: any Database,
                     audit: @escaping TransactionalAudit) async throws -> Bool {
        try await save(differences, value: try JSONCoding.encode(settings.overrides), from: version, by: user, now: now, on: database, audit: audit)
    }

    static func save(_ settings: PracticeRules, from version: Int, by user: UUID, now: Date, on database: any Database,
                     audit: @escaping TransactionalAudit) async throws -> Bool {
        try await save(rules, value: try JSONCoding.encode(settings), from: version, by: user, now: now, on: database, audit: audit)
    }

    static func save(_ settings: DecisionCriteria, from version: Int, by user: UUID, now: Date, on database: any Database,
                     audit: @escaping TransactionalAudit) async throws -> Bool {
        try await save(criteria, value: try JSONCoding.encode(settings.stored), from: version, by: user, now: now, on: database, audit: audit)
    }

    static func save(_ payers: [PayerCriteria], from version: Int, by user: UUID, now: Date, on database: any Database,
                     audit: @escaping TransactionalAudit) async throws -> Bool {
        try await save(payerCriteria, value: try JSONCoding.encode(payers), from: version, by: user, now: now, on: database, audit: audit)
    }

    static func save(_ settings: ScheduleSettings, from version: Int, by user: UUID, now: Date, on database: any Database,
                     audit: @escaping TransactionalAudit) async throws -> Bool {
        try await save(schedule, value: try JSONCoding.encode(settings), from: version, by: user, now: now, on: database, audit: audit)
    }

    static func save(_ settings: FollowUpSchedule, from version: Int, by user: UUID, now: Date, on database: any Database,
                     audit: @escaping TransactionalAudit) async throws -> Bool {
        try await save(followUp, value: try JSONCoding.encode(settings), from: version, by: user, now: now, on: database, audit: audit)
    }

    static func save(_ imported: [ImportedQuestionnaire], from version: Int, by user: UUID?, now: Date, on database: any Database,
                     audit: @escaping TransactionalAudit) async throws -> Bool {
        // The audit row names what changed; the definitions themselves stay in the setting.
        let detail = "imported questionnaires: " + imported.map { "\($0.id) (\($0.url ?? "no url"))" }.joined(separator: ", ")
        return try await save(questionnaires, value: try JSONCoding.encode(imported), from: version, by: user, now: now, on: database, detail: detail,
                              audit: audit)
    }

    static func save(_ profile: PracticeProfile, from version: Int, by user: UUID, now: Date, on database: any Database,
                     audit: @escaping TransactionalAudit) async throws -> Bool {
        try await save(Self.profile, value: try JSONCoding.encode(profile.stored), from: version, by: user, now: now, on: database, audit: audit)
    }

    static func save(_ schedule: FeeSchedule, from version: Int, by user: UUID, now: Date, on database: any Database,
                     audit: @escaping TransactionalAudit) async throws -> Bool {
        try await save(fees, value: try JSONCoding.encode(schedule.fees.mapValues(\.cents)), from: version, by: user, now: now, on: database, audit: audit)
    }

    /// Saves if still at `version`; false when someone saved in between. The audit row keeps the new value, so who
    /// changed a default to what stays on record.
    private static func save(_ name: String, value: String, from version: Int, by user: UUID?, now: Date, on database: any Database,
                             detail: String? = nil, audit: @escaping TransactionalAudit) async throws -> Bool {
        try await database.writeTransaction { database in
            let rows = try await database.sql.update("practice_settings")
                .set("value", to: value).set("updated_at", to: now).set("updated_by", to: user)
                .set(SQLIdentifier("version"), to: SQLBinaryExpression(SQLIdentifier("version"), .add, SQLLiteral.numeric("1")))
                .where("name", .equal, name).where("version", .equal, version)
                .returning("version").all()
            guard !rows.isEmpty else { return false }
            try await audit(AuditEntry(action: .settingsUpdate, resourceType: "PracticeSetting", resourceID: name, detail: detail ?? value), database)
            return true
        }
    }
}
