import Foundation
import ReliefCore
import Vapor

/// Every page Relief serves, declared once: `routes.swift` registers each address, links and redirects call it with
/// its values (`SitePath.patient(id)`), and the permission matrix reads its parameters by name. The compiler checks
/// a link passes one value of the right type per parameter.
enum SitePath {
    static let home: Address<> = .init()
    static let login: Address<> = .init("login")
    static let logout: Address<> = .init("logout")
    /// Asked by the page script to keep a session in use alive.
    static let session: Address<> = .init("session")
    static let unsaved: Address<> = .init("unsaved")
    static let discardUnsaved: Address<> = .init("unsaved", "discard")
    static let account: Address<> = .init("account")
    static let accountPassword = account / "password"
    static let apiTokens = account / "api-tokens"
    static let revokeAPIToken = Address<UUID>("account", "api-tokens", .token, "revoke")

    static let patients: Address<> = .init("patients")
    static let newPatient = patients / "new"
    static let patient = Address<UUID>("patients", .patient)
    static let editPatient = patient / "edit"
    static let painMap = patient / "pain-map"
    static let resolveAlert = Address<UUID, UUID>("patients", .patient, "alerts", .alert, "resolve")

    static let evaluations = patient / "evaluations"
    static let evaluation = Address<UUID, UUID>("patients", .patient, "evaluations", .evaluation)
    static let editEvaluation = evaluation / "edit"
    static let signEvaluation = evaluation / "sign"
    static let evaluationAddenda = evaluation / "addenda"
    static let printEvaluation = evaluation / "print"
    static let printInstructions = evaluation / "instructions"
    static let evaluationLetters = evaluation / "letters"
    static let newEvaluationLetter = evaluationLetters / "new"
    static let letter = Address<UUID, UUID>("patients", .patient, "letters", .letter)
    static let printMedications = patient / "medications-and-allergies"

    /// One chart list's addresses: medications, allergies, prior treatments, problems.
    static func chartEntries(_ kind: ChartEntryKind) -> Address<UUID> { patient / .constant(kind.pathSegment) }
    static func newChartEntry(_ kind: ChartEntryKind) -> Address<UUID> { chartEntries(kind) / "new" }
    static func chartEntry(_ kind: ChartEntryKind) -> Address<UUID, UUID> {
        Address("patients", .patient, .constant(kind.pathSegment), .entry)
    }
    static func editChartEntry(_ kind: ChartEntryKind) -> Address<UUID, UUID> { chartEntry(kind) / "edit" }
    static func chartEntryInError(_ kind: ChartEntryKind) -> Address<UUID, UUID> { chartEntry(kind) / "entered-in-error" }

    static let questionnaires = patient / "questionnaires"
    static let questionnaireResponses = Address<UUID, String>("patients", .patient, "questionnaires", .questionnaire)
    static let newQuestionnaireResponse = questionnaireResponses / "new"
    static let questionnaireResponse = Address<UUID, UUID>("patients", .patient, "questionnaire-responses", .response)
    static let questionnaireResponseInError = questionnaireResponse / "entered-in-error"

    static let kioskStart = patient / "kiosk"
    static let kiosk: Address<> = .init("kiosk")
    static let kioskConfirm = kiosk / "confirm"
    static let kioskQuestionnaire = kiosk / "questionnaire"
    static let kioskAnswers = Address<String>("kiosk", "questionnaire", .questionnaire)
    static let kioskDone = kiosk / "done"
    /// What a patient opens from a link on their own device: the link itself (asking the birth date), then the one
    /// diary or follow-up it is for.
    static let openPatientLink = Address<String>("links", .link)
    static let patientLinkPage: Address<> = .init("link")
    static let patientLinkDone = patientLinkPage / "done"

    static let decisionSupport = patient / "decision-support"
    static let costEstimate = patient / "estimate"
    static let plans = patient / "plans"
    static let newPlan = plans / "new"
    static let plan = Address<UUID, UUID>("patients", .patient, "plans", .plan)
    static let editPlan = plan / "edit"
    static let activatePlan = plan / "activate"
    static let revisePlan = plan / "revise"
    static let planActivities = plan / "activities"
    static let planActivityInError = Address<UUID, UUID, UUID>("patients", .patient, "plans", .plan, "activities", .activity, "entered-in-error")
    static let consents = patient / "consents"
    static let newConsent = consents / "new"
    static let consent = Address<UUID, UUID>("patients", .patient, "consents", .consent)
    static let signConsent = consent / "sign"
    static let consentScan = consent / "scan"
    static let consentSignature = consent / "signature"
    static let declineConsent = consent / "decline"
    static let cosignConsent = consent / "cosign"
    static let withdrawConsent = consent / "withdraw"
    static let printConsent = consent / "print"

    static let workup = patient / "workup"
    static let newWorkupOrder = workup / "new"
    static let workupOrder = Address<UUID, UUID>("patients", .patient, "workup", .order)
    static let scheduleWorkupOrder = workupOrder / "schedule"
    static let resultWorkupOrder = workupOrder / "result"
    static let cancelWorkupOrder = workupOrder / "cancel"
    static let reviewWorkupOrder = workupOrder / "review"

    static let interventions: Address<> = .init("interventions")
    static let intervention = Address<String>("interventions", .intervention)

    static let inbox: Address<> = .init("inbox")
    static let acknowledgeInboxItem = Address<UUID>("inbox", .item, "acknowledge")
    static let schedule: Address<> = .init("schedule")
    static let appointments = patient / "appointments"
    static let newAppointment = appointments / "new"
    static let appointment = Address<UUID, UUID>("patients", .patient, "appointments", .appointment)
    static let moveAppointment = appointment / "move"
    static let appointmentStatus = appointment / "status"
    static let appointmentVisitNote = appointment / "visit-note"
    static let appointmentReminder = appointment / "reminder"
    static let appointmentChecklist = appointment / "checklist"
    static let overrideChecklist = appointmentChecklist / "override"
    static let procedureRecord = appointment / "procedure"
    static let signProcedureRecord = procedureRecord / "sign"
    static let procedureAddenda = procedureRecord / "addenda"
    static let procedureDiary = procedureRecord / "diary"
    static let procedureDiaryLink = procedureDiary / "link"
    static let complications = procedureRecord / "complications"
    static let newComplication = complications / "new"
    static let complication = Address<UUID, UUID, UUID>("patients", .patient, "appointments", .appointment, "procedure", "complications", .complication)
    static let followUps = patient / "follow-ups"
    static let timeline = patient / "timeline"
    static let opioidSafety = patient / "opioid-safety"
    static let implants = patient / "implants"
    static let implant = Address<UUID, UUID>("patients", .patient, "implants", .implant)
    static let implantSettings = implant / "settings"
    static let pumpRefills = implant / "refills"
    static let pumpRefillWorklist: Address<> = .init("worklists", "pump-refills")
    static let followUp = Address<UUID, UUID>("patients", .patient, "follow-ups", .followUp)
    static let followUpAttempts = followUp / "attempts"
    static let moveFollowUp = followUp / "move"
    static let cancelFollowUp = followUp / "cancel"
    static let followUpLink = followUp / "link"
    static let followUpWorklist: Address<> = .init("worklists", "follow-ups")
    static let reminderCalls: Address<> = .init("schedule", "reminders")
    static let calendarFeed: Address<> = .init("schedule", "calendar-feed")
    static let revokeCalendarFeed = calendarFeed / "revoke"
    /// The feed itself, opened by its secret instead of a session.
    static let calendar = Address<String>("calendar", .feed)
    static let scheduleSettings: Address<> = .init("settings", "schedule")
    static let scheduleRooms = scheduleSettings / "rooms"
    static let scheduleLengths = scheduleSettings / "lengths"
    static let scheduleHours = scheduleSettings / "hours"
    static let scheduleTimeOff = scheduleSettings / "time-off"
    static let removeScheduleTimeOff = scheduleTimeOff / "remove"
    static let worklists: Address<> = .init("worklists")
    static let reports: Address<> = .init("reports")
    static let outcomesCSV: Address<> = .init("reports", "outcomes.csv")

    static let clinicalSettings: Address<> = .init("settings", "clinical")
    static let clinicalRules = clinicalSettings / "rules"
    static let clinicalCriteria = clinicalSettings / "decision-support"
    static let feeSchedule = clinicalSettings / "fees"
    static let payerCriteria = clinicalSettings / "payers"
    static let followUpSettings = clinicalSettings / "follow-up"
    static let removePayerCriteria = payerCriteria / "remove"
    static let adminUsers: Address<> = .init("admin", "users")
    static let newUser = adminUsers / "new"
    static let user = Address<UUID>("admin", "users", .user)
    static let userPasswordReset = user / "reset-password"
    static let userDisable = user / "disable"
    static let userEnable = user / "enable"
    static let audit: Address<> = .init("admin", "audit")
    static let practiceProfile: Address<> = .init("admin", "practice")
    static let roles: Address<> = .init("roles")
    static let auditExport: Address<> = .init("admin", "audit.csv")

    /// FHIR R4, read by outside systems with an API token.
    static let fhirBase: Address<> = .init("fhir", "R4")
    static let fhirMetadata = fhirBase / "metadata"
    static let fhirPatients: Address<> = .init("fhir", "R4", "Patient")
    static let fhirPatient = Address<UUID>("fhir", "R4", "Patient", .patient)
    static let fhirEverything = fhirPatient / "$everything"
    /// Bulk Data export: kick-off at system, Patient and Group level, the status, the files.
    static let fhirExport: Address<> = .init("fhir", "R4", "$export")
    static let fhirPatientsExport = fhirPatients / "$export"
    static let fhirGroupExport = Address<String>("fhir", "R4", "Group", .parameter(.resource), "$export")
    static let fhirExportStatus = Address<UUID>("fhir", "R4", "$export-status", .parameter(.export))
    static let fhirExportFile = Address<UUID, String>("fhir", "R4", "$export-files", .parameter(.export), .parameter(.file))
    /// A clinical resource type's search, and one resource.
    static func fhirResources(_ type: FHIRResourceType) -> Address<> { Address("fhir", "R4", .constant(type.rawValue)) }
    static func fhirResource(_ type: FHIRResourceType) -> Address<String> { Address("fhir", "R4", .constant(type.rawValue), .parameter(.resource)) }
    /// One version of a resource (`vread`): where a create or update says the saved version is. A Patient's id is
    /// the `patient` parameter, as in its read (a router node has one parameter name).
    static func fhirVersion(_ type: FHIRResourceType) -> Address<String, String> {
        Address("fhir", "R4", .constant(type.rawValue), .parameter(type.idParameter), "_history", .parameter(.version))
    }

    /// CDS Hooks: the services' discovery, and each service.
    static let cdsServices: Address<> = .init("cds-services")
    static func cdsService(_ service: CDSHooks.Service) -> Address<> { Address("cds-services", .constant(service.rawValue)) }

    static let health: Address<> = .init("health")
    static let metrics: Address<> = .init("metrics")
    static let openAPI: Address<> = .init("api", "v1", "openapi.json")
    /// Served by `StaticAssetMiddleware`, not a route.
    static let stylesheet: Address<> = .init("app.css")
    static let bodyMapScript: Address<> = .init("bodymap.js")
    static let formsScript: Address<> = .init("forms.js")
}

extension FHIRResourceType {
    /// The path parameter naming one resource of the type.
    var idParameter: PathParameter { self == .patient ? .patient : .resource }
}

/// What a path parameter names; it is also its name in the route, so a handler asks for `.patient`, never for "id".
enum PathParameter: String, CaseIterable, Sendable {
    case patient, user, token, entry, evaluation, alert, questionnaire, response, order, item, letter, intervention, plan, consent, activity,
         appointment, feed, followUp, complication, link, implant, resource, version, export, file

    /// Named by a catalogue's text id rather than a record's UUID.
    var isCatalogueID: Bool { self == .questionnaire || self == .intervention }

    /// For the OpenAPI document.
    var meaning: String {
        switch self {
        case .questionnaire: "A questionnaire's id, as listed by the API (phq-9, peg, …)."
        case .item: "An inbox item's id: an open alert's, or a resulted order's."
        case .intervention: "An intervention's catalogue id (esi-transforaminal-lumbar, facet-rfa-lumbar, …)."
        case .feed: "A calendar feed's secret address."
        case .link: "A patient link's secret."
        case .resource: "A FHIR resource's id."
        case .version: "A FHIR resource's version (its ETag's number)."
        case .file: "A file of an export, by its name (Patient.ndjson)."
        default: "The \(rawValue)'s id."
        }
    }
}

/// One segment of an address: a constant, or a parameter by what it names.
enum PathSegment: Hashable, Sendable, ExpressibleByStringLiteral {
    case constant(String)
    case parameter(PathParameter)

    init(stringLiteral value: String) { self = .constant(value) }

    static let patient = PathSegment.parameter(.patient)
    static let user = PathSegment.parameter(.user)
    static let token = PathSegment.parameter(.token)
    static let entry = PathSegment.parameter(.entry)
    static let evaluation = PathSegment.parameter(.evaluation)
    static let alert = PathSegment.parameter(.alert)
    static let questionnaire = PathSegment.parameter(.questionnaire)
    static let response = PathSegment.parameter(.response)
    static let order = PathSegment.parameter(.order)
    static let item = PathSegment.parameter(.item)
    static let letter = PathSegment.parameter(.letter)
    static let intervention = PathSegment.parameter(.intervention)
    static let plan = PathSegment.parameter(.plan)
    static let consent = PathSegment.parameter(.consent)
    static let activity = PathSegment.parameter(.activity)
    static let appointment = PathSegment.parameter(.appointment)
    static let feed = PathSegment.parameter(.feed)
    static let followUp = PathSegment.parameter(.followUp)
    static let complication = PathSegment.parameter(.complication)
    static let link = PathSegment.parameter(.link)
    static let implant = PathSegment.parameter(.implant)

    var component: PathComponent {
        switch self {
        case .constant(let text): .constant(text)
        case .parameter(let parameter): .parameter(parameter.rawValue)
        }
    }
}

/// A value that fills a path parameter.
protocol PathValue: Sendable {
    var pathText: String { get }
}

extension UUID: PathValue {
    var pathText: String { lowercasedText }
}

extension String: PathValue {
    var pathText: String { addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? self }
}

/// An address with one typed value per parameter, in order.
struct Address<each Value: PathValue>: Sendable {
    let segments: [PathSegment]

    init(_ segments: PathSegment...) {
        self.init(segments: segments)
    }

    private init(segments: [PathSegment]) {
        var values = 0
        for _ in repeat (each Value).self { values += 1 }
        precondition(values == segments.count { if case .parameter = $0 { true } else { false } },
                     "an address needs one value type per parameter: \(segments)")
        self.segments = segments
    }

    static func / (address: Self, segment: PathSegment) -> Self { Self(segments: address.segments + [segment]) }

    /// The link: `/patients/<id>/edit`.
    func callAsFunction(_ value: repeat each Value) -> String {
        var texts: [String] = []
        for value in repeat each value { texts.append(value.pathText) }
        var next = texts.makeIterator()
        return "/" + segments.map { segment in
            switch segment {
            case .constant(let text): text
            case .parameter: next.next() ?? ""
            }
        }.joined(separator: "/")
    }

    /// Whether a path (without its query) is this address with some values: a kept form knowing which form it was.
    func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "?", maxSplits: 1).first.map { $0.split(separator: "/", omittingEmptySubsequences: false).dropFirst() } ?? []
        guard parts.count == segments.count else { return false }
        return zip(segments, parts).allSatisfy { segment, part in
            if case .constant(let text) = segment { text == part } else { !part.isEmpty }
        }
    }

    /// What the router matches: `patients/:patient/edit`; the home page as one empty segment, as routers take it.
    var route: [PathComponent] { segments.isEmpty ? [""] : segments.map(\.component) }
}

extension Request {
    /// The id a route's parameter names, or nil when it is missing or not an id (the handler answers 404).
    func id(_ parameter: PathParameter) -> UUID? { parameters.get(parameter.rawValue, as: UUID.self) }

    /// A parameter that is not an id (a questionnaire's code).
    func text(_ parameter: PathParameter) -> String? { parameters.get(parameter.rawValue) }
}
