import Foundation

/// One field of the registration form: its key (form name and database column stem) and its label.
public enum PatientField: String, CaseIterable, Codable, Sendable {
    case familyName, givenName, middleName, preferredName, birthDate, sexAtBirth, genderIdentity
    case phone, email, addressLine1, addressLine2, city, state, postalCode, preferredLanguage
    case emergencyName, emergencyRelationship, emergencyPhone
    case primaryCareName, primaryCarePractice, primaryCarePhone
    case referringName, referringPractice, referringPhone
    case occupation

    /// The `patients` column that keeps it: the key in snake case ("addressLine1" is `address_line1`).
    public var column: String {
        rawValue.reduce(into: "") { column, character in
            if character.isUppercase { column += "_" }
            column += character.lowercased()
        }
    }

    public var label: String {
        switch self {
        case .familyName: "Family (last) name"
        case .givenName: "Given (first) name"
        case .middleName: "Middle name"
        case .preferredName: "Preferred name"
        case .birthDate: "Date of birth"
        case .sexAtBirth: "Sex assigned at birth"
        case .genderIdentity: "Gender identity"
        case .phone: "Phone"
        case .email: "Email"
        case .addressLine1: "Street address"
        case .addressLine2: "Apartment, suite"
        case .city: "City"
        case .state: "State"
        case .postalCode: "ZIP code"
        case .preferredLanguage: "Preferred language"
        case .emergencyName: "Emergency contact"
        case .emergencyRelationship: "Relationship"
        case .emergencyPhone: "Emergency contact phone"
        case .primaryCareName: "Primary care physician"
        case .primaryCarePractice: "Primary care practice"
        case .primaryCarePhone: "Primary care phone"
        case .referringName: "Referring provider"
        case .referringPractice: "Referring practice"
        case .referringPhone: "Referring provider phone"
        case .occupation: "Occupation"
        }
    }
}

/// Sex assigned at birth, as US Core's birth sex extension codes it.
public enum SexAtBirth: String, CaseIterable, Codable, Sendable {
    case female = "F", male = "M", unknown = "UNK"
    public var title: String {
        switch self {
        case .female: "Female"
        case .male: "Male"
        case .unknown: "Unknown / not disclosed"
        }
    }
}

/// Gender identity choices, from the US Core / ONC list, plus free text via "other".
public enum GenderIdentity: String, CaseIterable, Codable, Sendable {
    case woman, man, nonBinary = "non-binary", transgenderWoman = "transgender-woman"
    case transgenderMan = "transgender-man", other, declined = "asked-declined"
    public var title: String {
        switch self {
        case .woman: "Woman"
        case .man: "Man"
        case .nonBinary: "Non-binary"
        case .transgenderWoman: "Transgender woman"
        case .transgenderMan: "Transgender man"
        case .other: "Other"
        case .declined: "Chose not to disclose"
        }
    }
}

/// The patient's registration data as typed into the form: every value a trimmed string, so a rejected
/// form can be shown again exactly as the user left it.
public struct PatientRegistration: Equatable, Sendable {
    public var values: [PatientField: String]

    public init(values: [PatientField: String] = [:]) {
        self.values = [:]
        for (field, value) in values { self[field] = value }
    }

    public subscript(field: PatientField) -> String {
        get { values[field] ?? "" }
        set {
            // Collapse runs of white space: "  Mary   Ann " is "Mary Ann". Stored values are already clean,
            // and copying them back in (every page shows one) skips the split.
            if Self.isClean(newValue) {
                values[field] = newValue.isEmpty ? nil : newValue
                return
            }
            let words = newValue.split(whereSeparator: \.isWhitespace)
            values[field] = words.isEmpty ? nil : words.joined(separator: " ")
        }
    }

    public var birthDate: CalendarDate? { CalendarDate(self[.birthDate]) }

    /// No white space but single ASCII spaces between words.
    static func isClean(_ text: String) -> Bool {
        var previousWasSpace = true  // a leading space is not clean
        for byte in text.utf8 {
            let isSpace = byte == 0x20
            if isSpace && previousWasSpace { return false }
            if byte < 0x20 || byte == 0x7F || byte >= 0x80 && !isPlainLetterByte(byte) { return false }
            previousWasSpace = isSpace
        }
        return !previousWasSpace || text.isEmpty
    }

    /// UTF-8 bytes of non-ASCII text are fine unless they could start a Unicode space (U+0085, U+00A0, U+1680,
    /// U+2000…U+205F, U+3000): for those lead bytes, take the slow path.
    private static func isPlainLetterByte(_ byte: UInt8) -> Bool {
        byte != 0xC2 && byte != 0xE1 && byte != 0xE2 && byte != 0xE3
    }

    public static let requiredFields: [PatientField] = [.familyName, .givenName, .birthDate, .sexAtBirth]
    static let phones: [PatientField] = [.phone, .emergencyPhone, .primaryCarePhone, .referringPhone]
    static let maximumLength = 200

    /// Field-level problems, keyed by field; empty when the registration can be saved.
    public func problems(today: CalendarDate) -> [PatientField: String] {
        var problems: [PatientField: String] = [:]
        for field in PatientField.allCases where self[field].count > Self.maximumLength {
            problems[field] = "Keep this under \(Self.maximumLength) characters."
        }
        for field in PatientField.allCases where TextRules.hasControlCharacters(self[field]) {
            problems[field] = TextRules.controlCharacterMessage
        }
        for field in Self.requiredFields where self[field].isEmpty {
            problems[field] = "\(field.label) is required."
        }
        if !self[.birthDate].isEmpty {
            if let date = birthDate {
                if date > today {
                    problems[.birthDate] = "Date of birth cannot be in the future."
                } else if date.years(until: today) > 125 {
                    problems[.birthDate] = "Date of birth is more than 125 years ago; check the year."
                }
            } else {
                problems[.birthDate] = "Enter a real date as MM/DD/YYYY."
            }
        }
        if !self[.sexAtBirth].isEmpty, SexAtBirth(rawValue: self[.sexAtBirth]) == nil {
            problems[.sexAtBirth] = "Choose one of the listed options."
        }
        if !self[.genderIdentity].isEmpty, GenderIdentity(rawValue: self[.genderIdentity]) == nil {
            problems[.genderIdentity] = "Choose one of the listed options."
        }
        for field in Self.phones where !self[field].isEmpty && !PhoneNumber.isPlausible(self[field]) {
            problems[field] = PhoneNumber.hint
        }
        if !self[.email].isEmpty, !EmailAddress.isPlausible(self[.email]) {
            problems[.email] = "Enter an email address like name@example.com."
        }
        if !self[.state].isEmpty, !USPostalState.isCode(self[.state]) {
            problems[.state] = "Enter the state's two-letter postal code, e.g. NY."
        }
        if !self[.postalCode].isEmpty, !Self.isZIP(self[.postalCode]) {
            problems[.postalCode] = "Enter a 5-digit ZIP code (or ZIP+4)."
        }
        return problems
    }

    static func isZIP(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts[0].count == 5, parts[0].allSatisfy(\.isASCIIDigit) else { return false }
        return parts.count == 1 || (parts.count == 2 && parts[1].count == 4 && parts[1].allSatisfy(\.isASCIIDigit))
    }

    /// Fields whose values differ between two versions, in form order.
    public func changedFields(comparedTo other: PatientRegistration) -> [PatientField] {
        PatientField.allCases.filter { self[$0] != other[$0] }
    }

    /// "Smith, Mary (Molly)": how lists and banners name the patient.
    public var displayName: String {
        Self.displayName(family: self[.familyName], given: self[.givenName], middle: self[.middleName], preferred: self[.preferredName])
    }

    public static func displayName(family: String, given: String, middle: String?, preferred: String?) -> String {
        var name = "\(family), \(given)"
        if let middle, !middle.isEmpty { name += " \(middle)" }
        if let preferred, !preferred.isEmpty, preferred != given { name += " (\(preferred))" }
        return name
    }
}
