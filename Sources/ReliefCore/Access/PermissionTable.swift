/// Something a user asks to do. Every route names exactly one access level.
public enum Action: String, CaseIterable, Codable, Sendable {
    case patientRead = "patient.read"
    case patientRegister = "patient.register"
    /// Clinical notes, alerts and results: the clinical team, not the front desk.
    case clinicalRead = "clinical.read"
    case evaluationWrite = "evaluation.write"
    /// Draft and revise treatment plans; a physician activates them (`noteSign`).
    case planWrite = "plan.write"
    /// Record the work done under a plan's component: therapy and psychology sessions, medication changes.
    case planActivityWrite = "plan.activity"
    /// Keep the chart's lists: medications, allergies, prior treatments.
    case chartWrite = "chart.write"
    /// Enter a patient's questionnaire answers, or mark a response entered in error.
    case questionnaireWrite = "questionnaire.write"
    /// Hand questionnaires to a patient on a tablet (the front desk does it at check-in); sees no answers.
    case questionnaireHandout = "questionnaire.handout"
    /// Change the practice's clinical settings (minimal important differences and other editable defaults).
    case clinicalSettings = "settings.clinical"
    /// Sign a clinical note, after which it can only be amended by addenda.
    case noteSign = "note.sign"
    /// Close a chart alert (a red flag ruled out) with a reason.
    case alertResolve = "alert.resolve"
    /// Acknowledge an open alert or a result awaiting review in the inbox: seen, and what is being done, with a name.
    case alertAcknowledge = "alert.acknowledge"
    /// Book or move the date of a work-up order (the front desk books imaging), without reading its result.
    case workupSchedule = "workup.schedule"
    case scheduleView = "schedule.view"
    case appointmentBook = "appointment.book"
    case scheduleSettings = "settings.schedule"
    case worklistView = "worklist.view"
    /// Follow patients up after procedures: record their answers or unreached calls, move or cancel a follow-up.
    case followUpWrite = "followup.write"
    case reportView = "report.view"
    /// Browse the intervention catalogue; no patient data.
    case catalogueRead = "catalogue.read"
    case userManage = "user.manage"
    case practiceProfile = "settings.practice"
    case auditView = "audit.view"
    /// Export the practice's records in bulk (FHIR Bulk Data) for a registry or a move to another system.
    case bulkExport = "fhir.export"
    /// Import patients and their records from another system's FHIR bundles (a practice moving to Relief).
    case recordImport = "fhir.import"
}

extension Action {
    /// What the action lets a user do, as the roles page explains it.
    public var explanation: String {
        switch self {
        case .patientRead: "Find patients and open their registration (name, birth date, contact, referring physician)."
        case .patientRegister: "Register patients and correct their registration."
        case .clinicalRead: "Read clinical notes, the chart's lists, questionnaire answers, alerts and results; see the inbox."
        case .evaluationWrite: "Write visit notes as drafts and add addenda to signed ones."
        case .planWrite: "Draft treatment plans and start their revisions."
        case .planActivityWrite: "Record sessions and medication changes done under a treatment plan, toward its goals."
        case .chartWrite: "Keep medications, allergies, prior treatments and diagnoses; order tests and enter their results."
        case .questionnaireWrite: "Enter a patient's questionnaire answers, or mark a response entered in error."
        case .questionnaireHandout: "Hand questionnaires to a patient on the waiting-room tablet (without seeing the answers)."
        case .clinicalSettings: "Change the practice's clinical settings: minimal important differences, optional alerts, work-up deadlines."
        case .noteSign: "Sign visit notes (then only addenda may follow), sign the review of test results, write letters from signed notes, and activate treatment plans."
        case .alertResolve: "Resolve a chart alert (a red flag ruled out, a safety answer handled) with a reason."
        case .alertAcknowledge: "Acknowledge an alert or a result in the inbox: seen, and what is being done."
        case .workupSchedule: "Book or move the date of an ordered test."
        case .scheduleView: "See the schedule and patients' appointments."
        case .appointmentBook: "Book, move and cancel appointments, and move them along (confirmed, checked in, started, completed, no-show)."
        case .scheduleSettings: "Set up rooms and their equipment, appointment lengths, and providers' hours and time off."
        case .worklistView: "See the worklists of open orders (and, with clinical reading, results awaiting review)."
        case .followUpWrite: "Follow patients up after procedures: the due list, their answers by phone, unreached calls (lost after the practice's number), moving or cancelling a follow-up."
        case .reportView: "See the practice's reports."
        case .catalogueRead: "Browse the intervention catalogue: indications, codes, bleeding risk, evidence, risks and aftercare."
        case .userManage: "Create staff accounts, change roles, disable accounts, reset passwords."
        case .practiceProfile: "Keep the practice's name, NPI, address and phone, as other systems (FHIR Organization) see it."
        case .auditView: "Search and export the audit trail, looking up patients by name or MRN for it (never their charts)."
        case .bulkExport: "Export the whole practice's records, or a group's, as FHIR files for a registry or a move to another system."
        case .recordImport: "Import patients with their problems, allergies and medications from another system's FHIR bundles."
        }
    }
}

/// Who may reach a route: anybody, anybody signed in, or the holders of one action.
public enum Access: Hashable, Sendable {
    case anonymous
    case signedIn
    /// A tablet holding a patient's kiosk session (questionnaires only), whoever is signed in or not.
    case kiosk
    /// A patient's device holding an opened patient link (one diary or one follow-up), nobody signed in.
    case patientLink
    case action(Action)
}

/// The one place that says which role may do what. Handlers never check roles themselves.
public enum PermissionTable {
    // Least privilege: administrators run the practice's accounts and audit, not charts;
    // therapists read charts but do not change registration data; only physicians sign notes and clear alerts;
    // the front desk sees registration, not clinical notes.
    public static let grants: [Role: Set<Action>] = [
        .admin: [.userManage, .practiceProfile, .auditView, .reportView, .scheduleSettings],
        .physician: [.patientRead, .patientRegister, .clinicalRead, .evaluationWrite, .planWrite, .planActivityWrite, .chartWrite, .questionnaireWrite,
                     .questionnaireHandout, .noteSign, .alertResolve, .alertAcknowledge, .clinicalSettings,
                     .workupSchedule, .scheduleView, .appointmentBook, .worklistView, .followUpWrite, .reportView, .catalogueRead, .bulkExport,
                     .recordImport],
        .nurse: [.patientRead, .patientRegister, .clinicalRead, .evaluationWrite, .planWrite, .planActivityWrite, .chartWrite, .questionnaireWrite, .questionnaireHandout,
                 .alertAcknowledge, .workupSchedule, .scheduleView, .appointmentBook, .worklistView, .followUpWrite, .catalogueRead],
        // Coordinators read the catalogue for codes and preparation when they verify coverage and book.
        .coordinator: [.patientRead, .patientRegister, .questionnaireHandout, .workupSchedule, .scheduleView, .appointmentBook, .scheduleSettings,
                       .worklistView, .catalogueRead],
        // Psychologists and therapists administer questionnaires (PHQ-9, GAD-7, function scales) and see what they raise.
        .therapist: [.patientRead, .clinicalRead, .planActivityWrite, .questionnaireWrite, .questionnaireHandout, .alertAcknowledge, .scheduleView, .worklistView, .catalogueRead],
        .patient: [],
    ]

    public static func allows(_ role: Role, _ action: Action) -> Bool {
        grants[role, default: []].contains(action)
    }

    /// The staff roles that hold `action`, in the order roles are listed: "Physician", "Nurse".
    public static func holders(of action: Action) -> [Role] {
        Role.staff.filter { allows($0, action) }
    }

    /// Whether a signed-in user (or nobody, for `nil`) may reach a route with this access level.
    public static func allows(_ role: Role?, _ access: Access) -> Bool {
        switch access {
        case .anonymous, .kiosk, .patientLink: true
        case .signedIn: role != nil
        case .action(let action): role.map { allows($0, action) } ?? false
        }
    }
}
