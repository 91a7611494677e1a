/// What an administrator types to add or change a staff account.
public struct StaffAccountInput: Equatable, Sendable {
    public var name: String
    public var email: String
    public var role: String

    public init(name: String, email: String, role: String) {
        self.name = name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        self.email = email.filter { !$0.isWhitespace }.lowercased()
        self.role = role
    }

    /// Field-level problems keyed by form field name (`name`, `email`, `role`).
    public func problems() -> [String: String] {
        var problems: [String: String] = [:]
        if name.isEmpty { problems["name"] = "Enter the person's name." }
        if name.count > 100 { problems["name"] = "Keep the name under 100 characters." }
        if !EmailAddress.isPlausible(email) { problems["email"] = "Enter an email address like name@clinic.org." }
        if Role(rawValue: role).map(Role.staff.contains) != true {
            problems["role"] = "Choose one of the staff roles."
        }
        return problems
    }
}

public enum EmailAddress {
    /// A light check that catches typos; the address is not verified by sending mail.
    public static func isPlausible(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && text.count <= 254
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !text.contains(where: \.isWhitespace)
    }

    /// Plausible and safe to hand to a mail server as it is: visible ASCII only, nothing that ends or quotes an
    /// address or a command line (no control characters, no `<>`, quotes, commas or semicolons).
    public static func isDeliverable(_ text: String) -> Bool {
        isPlausible(text) && text.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) && !"<>\"(),;:[]\\".unicodeScalars.contains($0) }
    }
}
