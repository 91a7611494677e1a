/// What kind of contact an encounter was (FHIR Encounter.type / class).
public enum EncounterKind: String, Coded {
    case newPatientEvaluation = "new-patient-evaluation", followUp = "follow-up", procedure, telehealth, phone

    public var title: String {
        switch self {
        case .newPatientEvaluation: "New-patient evaluation"
        case .followUp: "Follow-up visit"
        case .procedure: "Procedure visit"
        case .telehealth: "Telehealth visit"
        case .phone: "Phone call"
        }
    }
}

/// Where an encounter stands. `signed` follows `finished` once its note is signed (FHIR maps both to finished).
public enum EncounterStatus: String, Coded {
    case planned, inProgress = "in-progress", finished, signed

    public var title: String {
        switch self {
        case .planned: "Planned"
        case .inProgress: "In progress"
        case .finished: "Finished"
        case .signed: "Signed"
        }
    }
}

/// Starting a visit note: which kind of encounter, on which day (today unless the visit is written up later).
public struct EncounterStart: Hashable, Sendable {
    public var kind: EncounterKind
    public var occurredOn: CalendarDate

    public init(kind: EncounterKind = .newPatientEvaluation, occurredOn: CalendarDate) {
        self.kind = kind
        self.occurredOn = occurredOn
    }

    /// Kinds written up in a visit note; a procedure visit is documented with its procedure record.
    public static let noteKinds: [EncounterKind] = [.newPatientEvaluation, .followUp, .telehealth, .phone]

    public static let schema = FieldSchema([FieldSpec("kind", .choice(noteKinds.map(\.rawValue))), FieldSpec("occurredOn", .date)])

    /// An empty form starts a new-patient evaluation today.
    public static func parse(_ fields: FormFields, today: CalendarDate) -> (EncounterStart?, [String: String]) {
        var reader = FormReader(fields, today: today)
        let kind = reader.one("kind", EncounterKind.self) ?? .newPatientEvaluation
        if !noteKinds.contains(kind) { reader.problem("kind", "A procedure visit is documented with its procedure record.") }
        let day = reader.date("occurredOn", what: "The visit date") ?? today
        return reader.problems.isEmpty ? (EncounterStart(kind: kind, occurredOn: day), [:]) : (nil, reader.problems)
    }
}
