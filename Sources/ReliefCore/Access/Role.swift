/// The job a user does in the practice; it decides what they may do (see `PermissionTable`).
public enum Role: String, CaseIterable, Codable, Sendable {
    case admin
    case physician
    case nurse
    /// Front desk, scheduling and billing.
    case coordinator
    /// Physical and occupational therapy, psychology and other allied team members.
    case therapist
    /// A patient using the portal.
    case patient

    public var title: String {
        switch self {
        case .admin: "Administrator"
        case .physician: "Physician"
        case .nurse: "Nurse"
        case .coordinator: "Coordinator"
        case .therapist: "Therapist"
        case .patient: "Patient"
        }
    }

    /// Roles an administrator may give to staff accounts (patients get portal accounts elsewhere).
    public static let staff: [Role] = [.admin, .physician, .nurse, .coordinator, .therapist]
}
