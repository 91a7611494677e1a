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
    var familyName: String
    var givenName: String
    var middleName: String?
    var preferredName: String?
    var birthDate: String
    var sexAtBirth: String
    var genderIdentity: String?
    var phone: String?
    var email: String?
    var addressLine1: String?
    var addressLine2: String?
    var city: String?
    var state: String?
    var postalCode: String?
    var preferredLanguage: String?
    var emergencyName: String?
    var emergencyRelationship: String?
    var emergencyPhone: String?
    var primaryCareName: String?
    var primaryCarePractice: String?
    var primaryCarePhone: String?
    var referringName: String?
    var referringPractice: String?
    var referringPhone: String?
    var occupation: String?
    // Search keys: folded names and phone digits, indexed for prefix search (see `SearchKey`).
    var familyKey: String
    var givenKey: String
    var phoneDigits: String?
    var version: Int
    var createdBy: UUID?
    var createdAt: Date
    var updatedAt: Date
    var deletedAt: Date?

    // Spelled out: SQLKit's snake-case key strategy re-derives every key for every row and cost 40% of a search.
    enum CodingKeys: String, CodingKey {
        case id, mrn, familyName = "family_name", givenName = "given_name", middleName = "middle_name"
        case preferredName = "preferred_name", birthDate = "birth_date", sexAtBirth = "sex_at_birth"
        case genderIdentity = "gender_identity", phone, email, addressLine1 = "address_line1", addressLine2 = "address_line2"
        case city, state, postalCode = "postal_code", preferredLanguage = "preferred_language"
        case emergencyName = "emergency_name", emergencyRelationship = "emergency_relationship"
        case emergencyPhone = "emergency_phone", primaryCareName = "primary_care_name"
        case primaryCarePractice = "primary_care_practice", primaryCarePhone = "primary_care_phone"
        case referringName = "referring_name", referringPractice = "referring_practice", referringPhone = "referring_phone"
        case occupation, familyKey = "family_key", givenKey = "given_key", phoneDigits = "phone_digits", version
        case createdBy = "created_by", createdAt = "created_at", updatedAt = "updated_at", deletedAt = "deleted_at"
    }

    /// A new patient from a validated registration.
    init(id: UUID = UUID(), mrn: MedicalRecordNumber, registration: PatientRegistration, createdBy: UUID?, now: Date) {
        self.id = id
        self.mrn = mrn.value
        familyName = ""
        givenName = ""
        birthDate = ""
        sexAtBirth = ""
        familyKey = ""
        givenKey = ""
        version = 1
        self.createdBy = createdBy
        createdAt = now
        updatedAt = now
        apply(registration)
    }

    /// The optional form fields and the record's properties, in one table so the two cannot drift apart.
    static let optionalFields: [PatientField: WritableKeyPath<PatientRecord, String?>] = [
        .middleName: \.middleName, .preferredName: \.preferredName, .genderIdentity: \.genderIdentity,
        .phone: \.phone, .email: \.email, .addressLine1: \.addressLine1, .addressLine2: \.addressLine2,
        .city: \.city, .state: \.state, .postalCode: \.postalCode, .preferredLanguage: \.preferredLanguage,
        .emergencyName: \.emergencyName, .emergencyRelationship: \.emergencyRelationship,
        .emergencyPhone: \.emergencyPhone, .primaryCareName: \.primaryCareName,
        .primaryCarePractice: \.primaryCarePractice, .primaryCarePhone: \.primaryCarePhone,
        .referringName: \.referringName, .referringPractice: \.referringPractice,
        .referringPhone: \.referringPhone, .occupation: \.occupation,
    ]

    var displayName: String {
        PatientRegistration.displayName(family: familyName, given: givenName, middle: middleName, preferred: preferredName)
    }

    var registration: PatientRegistration {
        var registration = PatientRegistration()
        registration[.familyName] = familyName
        registration[.givenName] = givenName
        registration[.birthDate] = birthDate
        registration[.sexAtBirth] = sexAtBirth
        for (field, keyPath) in Self.optionalFields { registration[field] = self[keyPath: keyPath] ?? "" }
        return registration
    }

    /// Copies a validated registration in, with the derived search keys.
    mutating func apply(_ registration: PatientRegistration) {
        familyName = registration[.familyName]
        givenName = registration[.givenName]
        birthDate = registration.birthDate?.description ?? registration[.birthDate]
        sexAtBirth = registration[.sexAtBirth]
        for (field, keyPath) in Self.optionalFields {
            let value = registration[field]
            self[keyPath: keyPath] = value.isEmpty ? nil : value
        }
        familyKey = SearchKey.fold(familyName)
        givenKey = SearchKey.fold(givenName)
        let digits = SearchKey.phoneDigits(registration[.phone])
        phoneDigits = digits.isEmpty ? nil : digits
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
