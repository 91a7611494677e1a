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
