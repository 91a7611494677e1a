import Foundation
import ReliefCore
import SQLKit

/// A row of `patients` (FHIR Patient): read and written through SQLKit as a plain `Codable` value. Not a Fluent
/// model: Fluent decodes models by reflecting over every property several times per row, which made search and
/// the chart several times slower (docs/benchmarks.md). Soft-deleted only; every saved version is kept in
/// `record_revisions`.
struct PatientRecord: Codable, Sendable, Equatable {
    static let table = "patients"

    var id: UUID
    var mrn: String
    /// The registration's fields, each in its own column (`PatientField.column`): the one list of a patient's data.
    private(set) var registration: PatientRegistration
    // Search keys: folded names and phone digits, indexed for prefix search (see `SearchKey`).
    var familyKey: String
    var givenKey: String
    var phoneDigits: String?
    var version: Int
    var createdBy: UUID?
    var createdAt: Date
    var updatedAt: Date
    var deletedAt: Date?

    /// A new patient from a validated registration.
    init(id: UUID = UUID(), mrn: MedicalRecordNumber, registration: PatientRegistration, createdBy: UUID?, now: Date) {
        self.id = id
        self.mrn = mrn.value
        self.registration = PatientRegistration()
        familyKey = ""
        givenKey = ""
        version = 1
        self.createdBy = createdBy
        createdAt = now
        updatedAt = now
        apply(registration)
    }

    var displayName: String {
        PatientRegistration.displayName(family: registration[.familyName], given: registration[.givenName],
                                        middle: registration[.middleName], preferred: registration[.preferredName])
    }

    /// "Zoë Anna Müller": the name as a sentence says it (a letter), where lists say "Müller, Zoë Anna".
    var fullName: String {
        [registration[.givenName], registration[.middleName], registration[.familyName]].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// "03/14/1961", as printed on paper about the patient.
    var birthDateText: String { registration.birthDate?.display ?? registration[.birthDate] }

    /// Copies a validated registration in, with the date of birth as ISO 8601 and the derived search keys.
    mutating func apply(_ registration: PatientRegistration) {
        self.registration = registration
        if let birth = registration.birthDate { self.registration[.birthDate] = birth.description }
        familyKey = SearchKey.fold(registration[.familyName])
        givenKey = SearchKey.fold(registration[.givenName])
        let digits = SearchKey.phoneDigits(registration[.phone])
        phoneDigits = digits.isEmpty ? nil : digits
    }

    // Keys spelled out: SQLKit's snake-case key strategy re-derives every key for every row and cost 40% of a search.
    private struct Column: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }

        static let id = Column("id"), mrn = Column("mrn"), familyKey = Column("family_key"), givenKey = Column("given_key")
        static let phoneDigits = Column("phone_digits"), version = Column("version"), createdBy = Column("created_by")
        static let createdAt = Column("created_at"), updatedAt = Column("updated_at"), deletedAt = Column("deleted_at")
        /// Each registration field's column, worked out once (not for every row: a Bulk export reads every patient).
        static let fields = PatientField.allCases.map { ($0, Column($0.column)) }
    }

    init(from decoder: any Decoder) throws {
        let row = try decoder.container(keyedBy: Column.self)
        id = try row.decode(UUID.self, forKey: .id)
        mrn = try row.decode(String.self, forKey: .mrn)
        registration = PatientRegistration()
        for (field, column) in Column.fields {
            registration[field] = try row.decodeIfPresent(String.self, forKey: column) ?? ""
        }
        familyKey = try row.decode(String.self, forKey: .familyKey)
        givenKey = try row.decode(String.self, forKey: .givenKey)
        phoneDigits = try row.decodeIfPresent(String.self, forKey: .phoneDigits)
        version = try row.decode(Int.self, forKey: .version)
        createdBy = try row.decodeIfPresent(UUID.self, forKey: .createdBy)
        createdAt = try row.decode(Date.self, forKey: .createdAt)
        updatedAt = try row.decode(Date.self, forKey: .updatedAt)
        deletedAt = try row.decodeIfPresent(Date.self, forKey: .deletedAt)
    }

    /// Every column, an empty optional field as NULL so that clearing it in an edit clears the column.
    func encode(to encoder: any Encoder) throws {
        var row = encoder.container(keyedBy: Column.self)
        try row.encode(id, forKey: .id)
        try row.encode(mrn, forKey: .mrn)
        for field in PatientField.allCases {
            let value = registration[field]
            if value.isEmpty && !PatientRegistration.requiredFields.contains(field) {
                try row.encodeNil(forKey: Column(field.column))
            } else {
                try row.encode(value, forKey: Column(field.column))
            }
        }
        try row.encode(familyKey, forKey: .familyKey)
        try row.encode(givenKey, forKey: .givenKey)
        try row.encode(phoneDigits, forKey: .phoneDigits)
        try row.encode(version, forKey: .version)
        try row.encode(createdBy, forKey: .createdBy)
        try row.encode(createdAt, forKey: .createdAt)
        try row.encode(updatedAt, forKey: .updatedAt)
        try row.encode(deletedAt, forKey: .deletedAt)
    }
}

/// The columns a patient list shows: searches read only these (decoding all 37 columns of 50 rows was a third
/// of a search's time).
struct PatientSummary: Sendable, Equatable {
    static let columns = "CAST(id AS TEXT) AS id, mrn, family_name, given_name, middle_name, preferred_name, birth_date, sex_at_birth, phone"

    let id: UUID
    let mrn: String
    let familyName: String
    let givenName: String
    let middleName: String?
    let preferredName: String?
    let birthDate: String
    let sexAtBirth: String
    let phone: String?

    /// A row selected with `columns`.
    init(row: any ColumnReading) throws {
        id = try row.uuid("id")
        mrn = try row.text("mrn")
        familyName = try row.text("family_name")
        givenName = try row.text("given_name")
        middleName = try row.optionalText("middle_name")
        preferredName = try row.optionalText("preferred_name")
        birthDate = try row.text("birth_date")
        sexAtBirth = try row.text("sex_at_birth")
        phone = try row.optionalText("phone")
    }

    var displayName: String {
        PatientRegistration.displayName(family: familyName, given: givenName, middle: middleName, preferred: preferredName)
    }
}
