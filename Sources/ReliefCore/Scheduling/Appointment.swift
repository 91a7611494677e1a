import Foundation

/// What an appointment is for; each kind has a default length the practice may change.
public enum AppointmentKind: String, Coded, Codable {
    case newEvaluation = "new-evaluation", followUp = "follow-up", procedure, phoneFollowUp = "phone-follow-up"

    public var title: String {
        switch self {
        case .newEvaluation: "New patient evaluation"
        case .followUp: "Follow-up visit"
        case .procedure: "Procedure"
        case .phoneFollowUp: "Phone follow-up"
        }
    }

    public var defaultMinutes: Int {
        switch self {
        case .newEvaluation: 60
        case .followUp: 30
        case .procedure: 45
        case .phoneFollowUp: 15
        }
    }

    /// A phone call takes the provider's time but no room.
    public var needsRoom: Bool { self != .phoneFollowUp }

    /// The encounter the visit is written up under: a follow-up visit gets the follow-up note, not the first-visit one.
    public var encounterKind: EncounterKind {
        switch self {
        case .newEvaluation: .newPatientEvaluation
        case .followUp: .followUp
        case .procedure: .procedure
        case .phoneFollowUp: .phone
        }
    }
}

/// booked → confirmed → checked in → in progress → completed, or no-show / cancelled on the way.
public enum AppointmentStatus: String, Coded, Codable {
    case booked, confirmed, checkedIn = "checked-in", inProgress = "in-progress", completed, noShow = "no-show", cancelled

    public var title: String {
        switch self {
        case .booked: "Booked"
        case .confirmed: "Confirmed"
        case .checkedIn: "Checked in"
        case .inProgress: "In progress"
        case .completed: "Completed"
        case .noShow: "No-show"
        case .cancelled: "Cancelled"
        }
    }

    /// The statuses it may move to.
    public var next: [AppointmentStatus] {
        switch self {
        case .booked: [.confirmed, .checkedIn, .noShow, .cancelled]
        case .confirmed: [.checkedIn, .noShow, .cancelled]
        case .checkedIn: [.inProgress, .cancelled]
        case .inProgress: [.completed]
        case .completed, .noShow, .cancelled: []
        }
    }

    /// The button that moves an appointment here.
    public var action: String {
        switch self {
        case .booked: "Book"
        case .confirmed: "Confirm"
        case .checkedIn: "Check in"
        case .inProgress: "Start"
        case .completed: "Complete"
        case .noShow: "No-show"
        case .cancelled: "Cancel"
        }
    }

    /// Holds its time: a cancelled or missed appointment frees the provider and the room.
    public var holdsTime: Bool { self != .cancelled && self != .noShow }
    /// May still be moved to another time, room or provider.
    public var isMovable: Bool { self == .booked || self == .confirmed }
    /// The visit's encounter (FHIR Encounter.status) that follows the appointment.
    public var encounterStatus: String {
        switch self {
        case .booked, .confirmed: "planned"
        case .checkedIn: "arrived"
        case .inProgress: "in-progress"
        case .completed: "finished"
        case .noShow, .cancelled: "cancelled"
        }
    }

    /// FHIR Appointment.status.
    public var fhir: String {
        switch self {
        case .booked, .confirmed: "booked"
        case .checkedIn: "checked-in"
        case .inProgress: "arrived"
        case .completed: "fulfilled"
        case .noShow: "noshow"
        case .cancelled: "cancelled"
        }
    }
}

/// One appointment (FHIR Appointment): a patient with a provider, in a room unless by phone, on a day from a start
/// to an end on the practice's clock; for a procedure, what will be done and the plan it comes from.
public struct Appointment: Hashable, Sendable, Identifiable {
    public var id: UUID
    public var patientID: UUID
    public var providerID: UUID
    public var roomID: String?
    public var kind: AppointmentKind
    public var date: CalendarDate
    public var time: ClockRange
    public var status: AppointmentStatus
    public var site: InterventionSite?
    public var planID: UUID?
    public var note: String

    public init(id: UUID = UUID(), patientID: UUID, providerID: UUID, roomID: String?, kind: AppointmentKind, date: CalendarDate, time: ClockRange,
                status: AppointmentStatus = .booked, site: InterventionSite? = nil, planID: UUID? = nil, note: String = "") {
        self.id = id
        self.patientID = patientID
        self.providerID = providerID
        self.roomID = roomID
        self.kind = kind
        self.date = date
        self.time = time
        self.status = status
        self.site = site
        self.planID = planID
        self.note = note
    }

    /// "Procedure: Lumbar transforaminal epidural steroid injection, L4-L5, left"
    public var what: String { site.map { "\(kind.title): \($0.label)" } ?? kind.title }

    /// Both hold the same day's time and overlap.
    public func overlaps(_ other: Appointment) -> Bool {
        id != other.id && date == other.date && status.holdsTime && other.status.holdsTime && time.overlaps(other.time)
    }
}
