/// Rules a new password must meet before it is hashed.
public enum PasswordPolicy {
    public static let minimumLength = 12
    public static let maximumLength = 128  // Bcrypt reads 72 bytes; longer input only costs time.

    /// A user-facing problem with the password, or nil when it is acceptable.
    public static func problem(with password: String, email: String = "") -> String? {
        if password.count < minimumLength { return "Use at least \(minimumLength) characters." }
        if password.count > maximumLength { return "Use at most \(maximumLength) characters." }
        if password.allSatisfy({ $0 == password.first }) { return "Do not repeat one character." }
        if !email.isEmpty, password.lowercased() == email.lowercased() { return "Do not use your email address." }
        return nil
    }
}
