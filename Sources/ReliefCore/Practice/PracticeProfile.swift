/// Who the practice is, as other systems and papers name it: its name, National Provider Identifier, address and
/// phone. Served over FHIR as the Organization its rooms belong to. Kept as its form fields.
public struct PracticeProfile: Hashable, Sendable {
    public static let fieldNames = ["name", "npi", "line", "city", "state", "postalCode", "phone"]

    public var name = ""
    /// The organisation's NPI (type 2), ten digits.
    public var npi = ""
    public var line = ""
    public var city = ""
    public var state = ""
    public var postalCode = ""
    public var phone = ""

    public init() {}

    /// Nothing entered yet: the practice has no Organization to show.
    public var isEmpty: Bool { name.isEmpty }

    public init(stored: [String: String]) {
        name = stored["name"] ?? ""
        npi = stored["npi"] ?? ""
        line = stored["line"] ?? ""
        city = stored["city"] ?? ""
        state = stored["state"] ?? ""
        postalCode = stored["postalCode"] ?? ""
        phone = stored["phone"] ?? ""
    }

    public var stored: [String: String] {
        Dictionary(uniqueKeysWithValues: zip(Self.fieldNames, [name, npi, line, city, state, postalCode, phone]).filter { !$0.1.isEmpty })
    }

    public var fields: FormFields {
        var fields = FormFields()
        fields.set(Self.fieldNames.map { ($0, stored[$0]) })
        return fields
    }

    public static func parse(_ fields: FormFields, today: CalendarDate) -> (PracticeProfile?, [String: String]) {
        var reader = FormReader(fields, today: today)
        var profile = PracticeProfile()
        profile.name = reader.text("name", limit: 200, required: "Give the practice's name.")
        profile.npi = reader.text("npi", limit: 10)
        profile.line = reader.text("line", limit: 200)
        profile.city = reader.text("city", limit: 100)
        profile.state = reader.text("state", limit: 2).uppercased()
        profile.postalCode = reader.text("postalCode", limit: 10)
        profile.phone = reader.text("phone", limit: 30)
        if !profile.npi.isEmpty, !NationalProviderIdentifier.isValid(profile.npi) {
            reader.problem("npi", "An NPI is ten digits whose last is its check digit; check it against the NPPES registry.")
        }
        if !profile.state.isEmpty, !USPostalState.isCode(profile.state) { reader.problem("state", "Enter the state's two-letter postal code, e.g. NY.") }
        if !profile.postalCode.isEmpty, !PatientRegistration.isZIP(profile.postalCode) { reader.problem("postalCode", "Enter a 5-digit ZIP code (or ZIP+4).") }
        if !profile.phone.isEmpty, !PhoneNumber.isPlausible(profile.phone) { reader.problem("phone", PhoneNumber.hint) }
        return reader.problems.isEmpty ? (profile, [:]) : (nil, reader.problems)
    }
}

/// The National Provider Identifier's check: ten digits, the last a Luhn check digit computed over the other nine
/// with the prefix 80840 (CMS, "Requirements for National Provider Identifier (NPI) and NPI Enumeration", check
/// digit annex; the worked example 123456789 → 3).
public enum NationalProviderIdentifier {
    public static func isValid(_ text: String) -> Bool {
        guard text.utf8.count == 10, text.allSatisfy(\.isASCIIDigit) else { return false }
        return LuhnCheck.digit(for: "80840" + text.prefix(9)) == text.last?.wholeNumberValue
    }
}

/// A phone number as staff type it, checked lightly: digits with the usual punctuation, area code included.
public enum PhoneNumber {
    public static let hint = "Enter a phone number with area code, e.g. (555) 201-3344."

    public static func isPlausible(_ text: String) -> Bool {
        let digits = text.filter(\.isASCIIDigit)
        return text.allSatisfy { $0.isASCIIDigit || " -().+x".contains($0) } && (10...15).contains(digits.count)
    }
}
