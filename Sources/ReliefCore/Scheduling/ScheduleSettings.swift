import Foundation

/// What a room offers a procedure: the imaging its guidance needs, and monitoring and recovery for sedation.
public enum RoomCapability: String, Coded, Codable {
    case fluoroscopy, ultrasound, ct, sedation

    public var title: String {
        switch self {
        case .fluoroscopy: "Fluoroscopy (C-arm)"
        case .ultrasound: "Ultrasound"
        case .ct: "CT"
        case .sedation: "Sedation (monitoring and recovery)"
        }
    }

    /// As a message names what a room lacks: "no fluoroscopy (C-arm)".
    public var need: String {
        switch self {
        case .fluoroscopy: "fluoroscopy (C-arm)"
        case .ultrasound: "ultrasound"
        case .ct: "CT"
        case .sedation: "monitoring and recovery for sedation"
        }
    }
}

public enum RoomKind: String, Coded, Codable {
    case examRoom = "exam-room", procedureSuite = "procedure-suite", externalFacility = "external-facility"

    public var title: String {
        switch self {
        case .examRoom: "Exam room"
        case .procedureSuite: "Procedure suite"
        case .externalFacility: "External facility (surgery center, hospital)"
        }
    }
}

/// A room at one of the practice's locations, or a facility elsewhere where its physicians operate. `id` is stable:
/// appointments keep it, so a room no longer used is retired, never removed.
public struct Room: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var location: String
    public var kind: RoomKind
    public var capabilities: [RoomCapability]
    public var retired: Bool

    public init(id: String, name: String, location: String, kind: RoomKind, capabilities: [RoomCapability] = [], retired: Bool = false) {
        self.id = id
        self.name = name
        self.location = location
        self.kind = kind
        self.capabilities = capabilities
        self.retired = retired
    }

    public var label: String { location.isEmpty ? name : "\(name), \(location)" }

    /// What `needs` asks that the room lacks, in the vocabulary's order.
    public func lacks(_ needs: Set<RoomCapability>) -> [RoomCapability] {
        RoomCapability.allCases.filter { needs.contains($0) && !capabilities.contains($0) }
    }
}

public enum Weekday: String, Coded, Codable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    public init(_ date: CalendarDate) { self = Self.allCases[date.weekday - 1] }
}

/// One stretch of a provider's usual week: "Tuesday 8:00 AM–12:00 PM".
public struct Shift: Hashable, Codable, Sendable {
    public var day: Weekday
    public var hours: ClockRange

    public init(_ day: Weekday, _ hours: ClockRange) {
        self.day = day
        self.hours = hours
    }
}

/// Days a provider is away, both ends included.
public struct TimeOff: Hashable, Codable, Sendable {
    public var from: CalendarDate
    public var to: CalendarDate
    public var note: String

    public init(from: CalendarDate, to: CalendarDate, note: String = "") {
        self.from = from
        self.to = to
        self.note = note
    }

    public func covers(_ date: CalendarDate) -> Bool { from <= date && date <= to }
}

/// A provider's working week and time off. With no shifts at all, the provider's hours are not kept in Relief and
/// any time may be booked; with shifts, only times within them.
public struct ProviderHours: Hashable, Codable, Sendable {
    public var providerID: UUID
    public var shifts: [Shift]
    public var timeOff: [TimeOff]

    public init(providerID: UUID, shifts: [Shift] = [], timeOff: [TimeOff] = []) {
        self.providerID = providerID
        self.shifts = shifts
        self.timeOff = timeOff
    }

    public func shifts(on date: CalendarDate) -> [ClockRange] {
        let day = Weekday(date)
        return shifts.filter { $0.day == day }.map(\.hours).sorted { $0.start < $1.start }
    }

    public func timeOff(on date: CalendarDate) -> TimeOff? { timeOff.first { $0.covers(date) } }
}

/// The practice's scheduling set-up, one versioned practice setting: its rooms, how long each kind of appointment
/// lasts by default, and the providers' hours.
public struct ScheduleSettings: Hashable, Codable, Sendable {
    public var rooms: [Room]
    /// Minutes by `AppointmentKind` raw value; a kind not listed takes its built-in default.
    public var durations: [String: Int]
    public var providers: [ProviderHours]

    public init(rooms: [Room] = [], durations: [String: Int] = [:], providers: [ProviderHours] = []) {
        self.rooms = rooms
        self.durations = durations
        self.providers = providers
    }

    /// An empty object is a practice that has set nothing up yet.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rooms = try container.decodeIfPresent([Room].self, forKey: .rooms) ?? []
        durations = try container.decodeIfPresent([String: Int].self, forKey: .durations) ?? [:]
        providers = try container.decodeIfPresent([ProviderHours].self, forKey: .providers) ?? []
    }

    public func room(_ id: String) -> Room? { rooms.first { $0.id == id } }
    public var activeRooms: [Room] { rooms.filter { !$0.retired } }
    public func minutes(for kind: AppointmentKind) -> Int { durations[kind.rawValue] ?? kind.defaultMinutes }
    public func hours(of provider: UUID) -> ProviderHours? { providers.first { $0.providerID == provider } }
}
