import Fluent
import Foundation
import ReliefCore

/// The patient registry's database work, callable without HTTP (tests, CLI, demo).
enum PatientQueries {
    static let searchLimit = 50

    static func search(_ query: PatientSearchQuery, on database: any Database, limit: Int = searchLimit) async throws -> [Patient] {
        let builder = Patient.query(on: database)
        switch query {
        case .birthDate(let date):
            builder.filter(\.$birthDate == date.description)
        case .number(let mrn, let phonePrefix):
            builder.group(.or) { or in
                if let mrn { or.filter(\.$mrn == mrn.value) }
                if let phonePrefix {
                    or.group(.and) { prefix(\.$phoneDigits, phonePrefix, $0) }
                }
            }
        case .name(let first, let second, let ordered):
            builder.group(.or) { or in
                guard let second else {
                    or.group(.and) { prefix(\.$familyKey, first, $0) }
                    if !ordered { or.group(.and) { prefix(\.$givenKey, first, $0) } }
                    return
                }
                // "Family, Given" when ordered; otherwise either way round.
                or.group(.and) { prefix(\.$familyKey, first, $0); prefix(\.$givenKey, second, $0) }
                if !ordered {
                    or.group(.and) { prefix(\.$givenKey, first, $0); prefix(\.$familyKey, second, $0) }
                }
            }
        }
        return try await builder.sort(\.$familyKey).sort(\.$givenKey).sort(\.$birthDate).limit(limit).all()
    }

    /// A range on an indexed key instead of LIKE, so both databases use the index.
    private static func prefix(_ field: KeyPath<Patient, FieldProperty<Patient, String>>, _ value: String,
                               _ builder: QueryBuilder<Patient>) {
        builder.filter(field >= value).filter(field < SearchKey.upperBound(ofPrefix: value))
    }

    private static func prefix(_ field: KeyPath<Patient, OptionalFieldProperty<Patient, String>>, _ value: String,
                               _ builder: QueryBuilder<Patient>) {
        builder.filter(field >= value).filter(field < SearchKey.upperBound(ofPrefix: value))
    }

    static func recent(on database: any Database, limit: Int = 20) async throws -> [Patient] {
        try await Patient.query(on: database).sort(\.$createdAt, .descending).limit(limit).all()
    }

    /// Patients with the same name and date of birth: probably the same person registered before.
    static func possibleDuplicates(of registration: PatientRegistration, excluding id: UUID? = nil,
                                   on database: any Database) async throws -> [Patient] {
        guard let birth = registration.birthDate else { return [] }
        let query = Patient.query(on: database)
            .filter(\.$familyKey == SearchKey.fold(registration[.familyName]))
            .filter(\.$givenKey == SearchKey.fold(registration[.givenName]))
            .filter(\.$birthDate == birth.description)
        if let id { query.filter(\.$id != id) }
        return try await query.limit(10).all()
    }

    static func find(_ id: UUID, on database: any Database) async throws -> Patient? {
        try await Patient.find(id, on: database)
    }

    /// Registers a patient with a new MRN, its first revision and its audit row, all or nothing.
    static func create(_ registration: PatientRegistration, by userID: UUID?, now: Date, on database: any Database,
                       audit: @escaping @Sendable (Patient, any Database) async throws -> Void) async throws -> Patient {
        try await database.transaction { transaction in
            let patient = Patient()
            patient.mrn = MedicalRecordNumber(sequence: try await Counter.reserve("mrn", on: transaction)).value
            patient.apply(registration)
            patient.version = 1
            patient.createdBy = userID
            try await patient.create(on: transaction)
            try await saveRevision(of: patient, by: userID, now: now, on: transaction)
            try await audit(patient, transaction)
            return patient
        }
    }

    enum UpdateOutcome: Sendable {
        case saved(Patient, changed: [PatientField])
        /// Someone saved since `baseVersion`: what they changed, and the record as it is now.
        case conflict(current: Patient, base: PatientRegistration?, changedBy: UUID?, changedAt: Date?)
        case notFound
    }

    static func update(_ id: UUID, from baseVersion: Int, to registration: PatientRegistration, by userID: UUID?,
                       now: Date, on database: any Database,
                       audit: @escaping @Sendable (Patient, [PatientField], any Database) async throws -> Void) async throws -> UpdateOutcome {
        let outcome: UpdateOutcome = try await database.transaction { transaction in
            guard try await RecordVersion.claim(Patient.schema, id: id, expected: baseVersion, on: transaction),
                  let patient = try await Patient.find(id, on: transaction) else {
                return .notFound
            }
            let changed = registration.changedFields(comparedTo: patient.registration)
            patient.apply(registration)
            patient.version = baseVersion + 1
            try await patient.save(on: transaction)
            try await saveRevision(of: patient, by: userID, now: now, on: transaction)
            try await audit(patient, changed, transaction)
            return .saved(patient, changed: changed)
        }
        guard case .notFound = outcome, let current = try await Patient.find(id, on: database) else { return outcome }
        let latest = try await revision(of: id, version: current.version, on: database)
        let base = try await revision(of: id, version: baseVersion, on: database)
        return .conflict(current: current, base: base.map(registration(from:)), changedBy: latest?.changedBy,
                         changedAt: latest?.changedAt)
    }

    static func saveRevision(of patient: Patient, by userID: UUID?, now: Date, on database: any Database) async throws {
        try await RecordRevision(resourceType: Patient.schema, resourceID: patient.requireID(), version: patient.version,
                                 data: try revisionData(patient), changedBy: userID, changedAt: now).create(on: database)
    }

    static func revisionData(_ patient: Patient) throws -> String {
        let values = Dictionary(uniqueKeysWithValues: patient.registration.values.map { ($0.key.rawValue, $0.value) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(values), as: UTF8.self)
    }

    static func revision(of id: UUID, version: Int, on database: any Database) async throws -> RecordRevision? {
        try await RecordRevision.query(on: database)
            .filter(\.$resourceType == Patient.schema).filter(\.$resourceID == id).filter(\.$version == version)
            .first()
    }

    static func registration(from revision: RecordRevision) -> PatientRegistration {
        let values = (try? JSONDecoder().decode([String: String].self, from: Data(revision.data.utf8))) ?? [:]
        return PatientRegistration(values: Dictionary(uniqueKeysWithValues: values.compactMap { key, value in
            PatientField(rawValue: key).map { ($0, value) }
        }))
    }
}
