import Fluent
import Foundation
import ReliefCore
import SQLKit

/// The patient registry's database work, callable without HTTP (tests, CLI, demo). Reads are hand-written SQL
/// that each index can answer in order, so a search stops after `limit` rows however common the name.
enum PatientQueries {
    // A page of results a front desk reads at a glance on a tablet; "refine your search" beyond that.
    static let searchLimit = 25

    static func search(_ query: PatientSearchQuery, on database: any Database, limit: Int = searchLimit) async throws -> [PatientSummary] {
        var found: [PatientSummary] = []
        var seen = Set<UUID>()
        for statement in searchStatements(query, limit: limit) where found.count < limit {
            let rows = try await database.rows(statement, PatientSummary.init(row:))
            for row in rows where seen.insert(row.id).inserted && found.count < limit { found.append(row) }
        }
        return found
    }

    /// The statements a search runs in turn until the page is full, each a range of one index in display order.
    static func searchStatements(_ query: PatientSearchQuery, limit: Int = searchLimit) -> [SQLQueryString] {
        var branches: [SQLQueryString] = []
        switch query {
        case .birthDate(let date):
            branches = ["birth_date = \(bind: date.description) ORDER BY family_key, given_key"]
        case .number(let mrn, let phonePrefix):
            if let mrn { branches.append("mrn = \(bind: mrn.value)") }
            if let phonePrefix { branches.append(prefix("phone_digits", phonePrefix) + " ORDER BY phone_digits") }
        case .name(let first, nil, let ordered):
            // Family names first, then given names: "smi" lists the Smiths before the Smitas.
            branches.append(prefix("family_key", first) + " ORDER BY family_key, given_key, birth_date")
            if !ordered { branches.append(prefix("given_key", first) + " ORDER BY given_key, family_key, birth_date") }
        case .name(let first, let second?, let ordered):
            if !ordered {  // "Jo Smith": given then family, the usual way round, listed first
                branches.append(prefix("family_key", second) + " AND " + prefix("given_key", first)
                                + " ORDER BY family_key, given_key, birth_date")
            }
            branches.append(prefix("family_key", first) + " AND " + prefix("given_key", second)
                            + " ORDER BY family_key, given_key, birth_date")
        }
        // LIMIT as a literal: SQLite (3.54) plans a bound LIMIT anew every time the value is bound.
        return branches.map {
            "SELECT \(unsafeRaw: PatientSummary.columns) FROM patients WHERE deleted_at IS NULL AND " + $0 + " LIMIT \(literal: limit)"
        }
    }

    /// A range on an indexed key instead of LIKE, so both databases use the index.
    private static func prefix(_ column: String, _ value: String) -> SQLQueryString {
        "\(ident: column) >= \(bind: value) AND \(ident: column) < \(bind: SearchKey.upperBound(ofPrefix: value))"
    }

    static func recent(on database: any Database, limit: Int = 20) async throws -> [PatientSummary] {
        try await database.rows("""
            SELECT \(unsafeRaw: PatientSummary.columns) FROM patients WHERE deleted_at IS NULL ORDER BY created_at DESC LIMIT \(literal: limit)
            """, PatientSummary.init(row:))
    }

    static func find(_ id: UUID, on database: any Database) async throws -> PatientRecord? {
        try await database.sql.raw("SELECT * FROM patients WHERE id = \(bind: id) AND deleted_at IS NULL")
            .first(decoding: PatientRecord.self)
    }

    /// The patients with these ids, in one query (the outbox's reminders of a day).
    static func records(ids: Set<UUID>, on database: any Database) async throws -> [UUID: PatientRecord] {
        guard !ids.isEmpty else { return [:] }
        return try await database.sql.select().column("*").from("patients").where("id", .in, Array(ids)).where("deleted_at", .is, SQLLiteral.null)
            .all(decoding: PatientRecord.self).reduce(into: [:]) { $0[$1.id] = $1 }
    }

    /// The patient with the versions the chart cache keys on: the patient's chart version and the sum of the
    /// practice settings' versions (both only ever count up), in the same read. PostgreSQL sums BIGINTs as NUMERIC:
    /// the cast keeps it an integer on both databases.
    static func findForChart(_ id: UUID, on database: any Database) async throws -> (PatientRecord, chartVersion: Int, settingsVersion: Int)? {
        guard let row = try await database.sql.raw("""
            SELECT p.*, (SELECT CAST(SUM(s.version) AS BIGINT) FROM practice_settings s) AS settings_version
            FROM patients p WHERE p.id = \(bind: id) AND p.deleted_at IS NULL
            """).first() else { return nil }
        return (try row.decode(model: PatientRecord.self), try row.decode(column: "chart_version", as: Int.self),
                try row.decode(column: "settings_version", as: Int?.self) ?? 0)
    }

    /// The versions the chart cache keys on, as `findForChart` reads them, for a page that has the patient already.
    static func chartVersions(_ id: UUID, on database: any Database) async throws -> (chartVersion: Int, settingsVersion: Int) {
        let row = try await database.sql.raw("""
            SELECT p.chart_version, (SELECT CAST(SUM(s.version) AS BIGINT) FROM practice_settings s) AS settings_version
            FROM patients p WHERE p.id = \(bind: id)
            """).first()
        return (try row?.decode(column: "chart_version", as: Int.self) ?? 0, try row?.decode(column: "settings_version", as: Int?.self) ?? 0)
    }

    /// The list columns of these patients, removed ones included (the audit trail names them).
    static func summaries(ids: Set<UUID>, on database: any Database) async throws -> [UUID: PatientSummary] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await database.sql.raw("""
            SELECT \(unsafeRaw: PatientSummary.columns) FROM patients WHERE id IN \(SQLGroupExpression(ids.map { SQLBind($0) }))
            """).all()
        return Dictionary(try rows.map { try PatientSummary(row: SQLRowReader(row: $0)) }.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// By MRN, soft-deleted patients included: the audit trail still names them.
    static func find(mrn: MedicalRecordNumber, on database: any Database) async throws -> PatientRecord? {
        try await database.sql.raw("SELECT * FROM patients WHERE mrn = \(bind: mrn.value)")
            .first(decoding: PatientRecord.self)
    }

    /// A registered patient who is probably the one being registered, with the reasons the front desk reads.
    struct DuplicateCandidate: Sendable {
        let patient: PatientSummary
        let reasons: [LikelyDuplicate.Reason]
    }

    /// Patients registered under the same or a day-and-month-swapped birth date, phone or e-mail, kept when
    /// `LikelyDuplicate` finds their name alike too. Each lookup is one index range.
    static func possibleDuplicates(of registration: PatientRegistration, on database: any Database) async throws -> [DuplicateCandidate] {
        let new = LikelyDuplicate.Person(registration)
        var lookups: [SQLQueryString] = (new.birthDate.map(LikelyDuplicate.birthDates(around:)) ?? []).map { "birth_date = \(bind: $0.description)" }
        if new.phone.count >= 7 { lookups.append("phone_digits = \(bind: new.phone)") }
        if new.email.contains("@") { lookups.append("LOWER(email) = \(bind: new.email)") }
        var found: [UUID: DuplicateCandidate] = [:]
        for lookup in lookups {
            let rows = try await database.rows("""
                SELECT \(unsafeRaw: PatientSummary.columns), email FROM patients WHERE deleted_at IS NULL AND \(lookup) LIMIT 200
                """) { row in (try PatientSummary(row: row), try row.optionalText("email") ?? "") }
            for (patient, email) in rows where found[patient.id] == nil {
                let existing = LikelyDuplicate.Person(familyName: patient.familyName, givenNames: [patient.givenName, patient.preferredName ?? ""],
                                                      birthDate: CalendarDate(patient.birthDate), phone: patient.phone ?? "", email: email)
                let reasons = LikelyDuplicate.reasons(new, existing)
                if !reasons.isEmpty { found[patient.id] = DuplicateCandidate(patient: patient, reasons: reasons) }
            }
        }
        return found.values.sorted { ($0.reasons.count, $1.patient.mrn) > ($1.reasons.count, $0.patient.mrn) }.prefix(10).map { $0 }
    }

    static func insert(_ records: [PatientRecord], on database: any Database) async throws {
        guard !records.isEmpty else { return }
        try await database.sql.insert(into: PatientRecord.table)
            .models(records, nilEncodingStrategy: .asNil).run()
    }

    /// Registers a patient with a new MRN, its first revision and its audit row, all or nothing.
    static func create(_ registration: PatientRegistration, by userID: UUID?, now: Date, on database: any Database,
                       audit: @escaping @Sendable (PatientRecord, any Database) async throws -> Void) async throws -> PatientRecord {
        try await database.writeTransaction { transaction in
            let mrn = MedicalRecordNumber(sequence: try await Counter.reserve("mrn", on: transaction))
            let patient = PatientRecord(mrn: mrn, registration: registration, createdBy: userID, now: now)
            try await insert([patient], on: transaction)
            try await revision(of: patient, by: userID, now: now).create(on: transaction)
            try await audit(patient, transaction)
            return patient
        }
    }

    enum UpdateOutcome: Sendable {
        case saved(PatientRecord, changed: [PatientField])
        /// Someone saved since `baseVersion`: what they changed, and the record as it is now.
        case conflict(current: PatientRecord, base: PatientRegistration?, changedBy: UUID?, changedAt: Date?)
        case notFound
    }

    static func update(_ id: UUID, from baseVersion: Int, to registration: PatientRegistration, by userID: UUID?,
                       now: Date, on database: any Database,
                       audit: @escaping @Sendable (PatientRecord, [PatientField], any Database) async throws -> Void) async throws -> UpdateOutcome {
        let outcome: UpdateOutcome = try await database.writeTransaction { transaction in
            guard try await RecordVersion.claim(PatientRecord.table, id: id, expected: baseVersion, on: transaction),
                  var patient = try await find(id, on: transaction) else {
                return .notFound
            }
            let changed = registration.changedFields(comparedTo: patient.registration)
            patient.apply(registration)
            patient.version = baseVersion + 1
            patient.updatedAt = now
            try await transaction.sql.update(PatientRecord.table)
                .set(model: patient, nilEncodingStrategy: .asNil)
                .where("id", .equal, id).run()
            try await revision(of: patient, by: userID, now: now).create(on: transaction)
            try await audit(patient, changed, transaction)
            return .saved(patient, changed: changed)
        }
        guard case .notFound = outcome, let current = try await find(id, on: database) else { return outcome }
        let latest = try await revision(of: id, version: current.version, on: database)
        let base = try await revision(of: id, version: baseVersion, on: database)
        return .conflict(current: current, base: base.map(registration(from:)), changedBy: latest?.changedBy,
                         changedAt: latest?.changedAt)
    }

    static func revision(of patient: PatientRecord, by userID: UUID?, now: Date) throws -> RecordRevision {
        let values = Dictionary(uniqueKeysWithValues: patient.registration.values.map { ($0.key.rawValue, $0.value) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return RecordRevision(resourceType: PatientRecord.table, resourceID: patient.id, version: patient.version,
                              data: String(decoding: try encoder.encode(values), as: UTF8.self), changedBy: userID, changedAt: now)
    }

    static func revision(of id: UUID, version: Int, on database: any Database) async throws -> RecordRevision? {
        try await RecordRevision.query(on: database)
            .filter(\.$resourceType == PatientRecord.table).filter(\.$resourceID == id).filter(\.$version == version)
            .first()
    }

    static func registration(from revision: RecordRevision) -> PatientRegistration {
        let values = (try? JSONDecoder().decode([String: String].self, from: Data(revision.data.utf8))) ?? [:]
        return PatientRegistration(values: Dictionary(uniqueKeysWithValues: values.compactMap { key, value in
            PatientField(rawValue: key).map { ($0, value) }
        }))
    }
}
