import Fluent
import Foundation
import ReliefCore

/// A registered patient (FHIR Patient). Soft-deleted only; every saved version is kept in `record_revisions`.
final class Patient: Model, @unchecked Sendable {  // @unchecked: Fluent models are mutable reference types by design
    static let schema = "patients"

    @ID(key: .id) var id: UUID?
    @Field(key: "mrn") var mrn: String
    @Field(key: "family_name") var familyName: String
    @Field(key: "given_name") var givenName: String
    @OptionalField(key: "middle_name") var middleName: String?
    @OptionalField(key: "preferred_name") var preferredName: String?
    @Field(key: "birth_date") var birthDate: String
    @Field(key: "sex_at_birth") var sexAtBirth: String
    @OptionalField(key: "gender_identity") var genderIdentity: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "address_line1") var addressLine1: String?
    @OptionalField(key: "address_line2") var addressLine2: String?
    @OptionalField(key: "city") var city: String?
    @OptionalField(key: "state") var state: String?
    @OptionalField(key: "postal_code") var postalCode: String?
    @OptionalField(key: "preferred_language") var preferredLanguage: String?
    @OptionalField(key: "emergency_name") var emergencyName: String?
    @OptionalField(key: "emergency_relationship") var emergencyRelationship: String?
    @OptionalField(key: "emergency_phone") var emergencyPhone: String?
    @OptionalField(key: "primary_care_name") var primaryCareName: String?
    @OptionalField(key: "primary_care_practice") var primaryCarePractice: String?
    @OptionalField(key: "primary_care_phone") var primaryCarePhone: String?
    @OptionalField(key: "referring_name") var referringName: String?
    @OptionalField(key: "referring_practice") var referringPractice: String?
    @OptionalField(key: "referring_phone") var referringPhone: String?
    @OptionalField(key: "occupation") var occupation: String?
    // Search keys: folded names and phone digits, indexed for prefix search (see `SearchKey`).
    @Field(key: "family_key") var familyKey: String
    @Field(key: "given_key") var givenKey: String
    @OptionalField(key: "phone_digits") var phoneDigits: String?
    @Field(key: "version") var version: Int
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) var deletedAt: Date?

    init() {}

    /// The form fields and the model's properties, in one table so the two cannot drift apart.
    static let fieldMap: [PatientField: ReferenceWritableKeyPath<Patient, String?>] = [
        .middleName: \.middleName, .preferredName: \.preferredName, .genderIdentity: \.genderIdentity,
        .phone: \.phone, .email: \.email, .addressLine1: \.addressLine1, .addressLine2: \.addressLine2,
        .city: \.city, .state: \.state, .postalCode: \.postalCode, .preferredLanguage: \.preferredLanguage,
        .emergencyName: \.emergencyName, .emergencyRelationship: \.emergencyRelationship,
        .emergencyPhone: \.emergencyPhone, .primaryCareName: \.primaryCareName,
        .primaryCarePractice: \.primaryCarePractice, .primaryCarePhone: \.primaryCarePhone,
        .referringName: \.referringName, .referringPractice: \.referringPractice,
        .referringPhone: \.referringPhone, .occupation: \.occupation,
    ]

    var registration: PatientRegistration {
        var registration = PatientRegistration()
        registration[.familyName] = familyName
        registration[.givenName] = givenName
        registration[.birthDate] = birthDate
        registration[.sexAtBirth] = sexAtBirth
        for (field, keyPath) in Self.fieldMap { registration[field] = self[keyPath: keyPath] ?? "" }
        return registration
    }

    /// Copies a validated registration in, with the derived search keys.
    func apply(_ registration: PatientRegistration) {
        familyName = registration[.familyName]
        givenName = registration[.givenName]
        birthDate = registration.birthDate?.description ?? registration[.birthDate]
        sexAtBirth = registration[.sexAtBirth]
        for (field, keyPath) in Self.fieldMap {
            let value = registration[field]
            self[keyPath: keyPath] = value.isEmpty ? nil : value
        }
        familyKey = SearchKey.fold(familyName)
        givenKey = SearchKey.fold(givenName)
        let digits = SearchKey.phoneDigits(registration[.phone])
        phoneDigits = digits.isEmpty ? nil : digits
    }
}
